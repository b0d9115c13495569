using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>An order's status changed (completed, returned, cancelled …).</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">The new status.</param>
public sealed record OrderStatusChangedEvent(string OrderId, OrderStatus Status) : CareEvent;
