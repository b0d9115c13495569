using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>An order was placed (or corrected: an order with the same id replaces the earlier one).</summary>
/// <param name="Order">The order; its customer must be the event's.</param>
public sealed record OrderPlacedEvent(Order Order) : CareEvent;
