using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A status change that arrived before its order: kept until the order's <c>orderPlaced</c> arrives.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">The status it changed to.</param>
/// <param name="At">The instant of the change (the event's <see cref="CareEvent.At"/>).</param>
public sealed record HeldOrderStatus(string OrderId, OrderStatus Status, Instant At);
