using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// A sale with no customer: a walk-in (<c>Khách lẻ</c>), a blank customer column. Counted in the shop's totals,
/// never attached to a customer.
/// </summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="Total">Its amount.</param>
/// <param name="Status">Completed, returned, cancelled or pending.</param>
/// <param name="File">The file it was read from.</param>
/// <param name="Line">The line of its (first) row.</param>
public sealed record GuestSale(OrderId OrderId, Instant PlacedAt, Money Total, OrderStatus Status, string File, int Line)
{
    /// <summary>Whether it counts as revenue (completed).</summary>
    public bool IsRevenue => Status == OrderStatus.Completed;
}
