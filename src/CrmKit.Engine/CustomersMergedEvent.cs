using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Another customer record was merged into this one (the event's customer survives).</summary>
/// <param name="Absorbed">The customer merged away: their orders and consents move here, their queued work is cancelled.</param>
public sealed record CustomersMergedEvent(CustomerId Absorbed) : CareEvent;
