using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The customer asked to be erased: their state, instances and queued work are dropped; they are never contacted again.</summary>
public sealed record CustomerErasedEvent() : CareEvent;
