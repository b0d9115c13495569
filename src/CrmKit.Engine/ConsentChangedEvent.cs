using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The customer granted or withdrew consent for a channel and purpose.</summary>
/// <param name="Decision">The decision (its instant is when the customer decided; withdrawal is effective from it).</param>
public sealed record ConsentChangedEvent(ConsentDecision Decision) : CareEvent;
