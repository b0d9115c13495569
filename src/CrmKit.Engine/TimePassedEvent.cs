using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Nothing happened but time passed: due timers fire and windows move up to the event's instant.</summary>
public sealed record TimePassedEvent() : CareEvent;
