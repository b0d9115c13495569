using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>An order returned, cancelled or completed after all.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">The new status.</param>
public sealed record OrderStatusChanged(string OrderId, OrderStatus Status) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        var order = record.Orders.Find(o => o.Id == OrderId) ?? throw new KeyNotFoundException($"Customer '{record.Id}' has no order '{OrderId}'.");
        order.Status = Status;
    }

    /// <inheritdoc/>
    public override CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.CloneSharingOrders();
        var at = copy.IndexOfOrder(OrderId);
        if (at < 0)
        {
            throw new KeyNotFoundException($"Customer '{record.Id}' has no order '{OrderId}'.");
        }

        var order = copy.Orders[at].Clone();
        order.Status = Status;
        copy.Orders[at] = order;
        return copy;
    }
}
