using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>A new order (or a corrected one: an order with the same id is replaced).</summary>
/// <param name="Order">The order.</param>
public sealed record OrderPlaced(OrderRecord Order) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(Order);
        // An order placed again replaces the one with its id (ids are unique in the list, so there is at most one).
        for (var at = record.IndexOfOrder(Order.Id); at >= 0; at = record.IndexOfOrder(Order.Id))
        {
            record.Orders.RemoveAt(at);
        }

        record.Orders.Add(Order.Clone());
    }

    /// <inheritdoc/>
    public override CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.CloneSharingOrders(room: 1);
        ApplyTo(copy);
        return copy;
    }
}
