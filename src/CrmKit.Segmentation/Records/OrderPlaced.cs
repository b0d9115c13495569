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
        record.Orders.RemoveAll(o => o.Id == Order.Id);
        record.Orders.Add(Order.Clone());
    }

    /// <inheritdoc/>
    public override CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.CloneSharingOrders();
        ApplyTo(copy);
        return copy;
    }
}
