namespace CrmKit.Customers.Import;

/// <summary>
/// Order lines equal in every field as written: SKU, product name and tags (ordinal), quantity, and the unit price's
/// amount with its scale (<c>1.5</c> and <c>1.50</c> differ) and currency. Stricter than <see cref="OrderLine.Equals(OrderLine)"/>,
/// so that a line shared in its place is indistinguishable from the one read.
/// </summary>
internal sealed class ExactOrderLine : IEqualityComparer<OrderLine>
{
    public static ExactOrderLine Instance { get; } = new();

    public bool Equals(OrderLine? x, OrderLine? y)
        => ReferenceEquals(x, y)
           || (x is not null && y is not null
               && string.Equals(x.Sku, y.Sku, StringComparison.Ordinal)
               && x.Quantity == y.Quantity
               && x.UnitPrice.Amount == y.UnitPrice.Amount && x.UnitPrice.Amount.Scale == y.UnitPrice.Amount.Scale
               && x.UnitPrice.Currency == y.UnitPrice.Currency
               && string.Equals(x.ProductName, y.ProductName, StringComparison.Ordinal)
               && x.Tags.AsSpan().SequenceEqual(y.Tags.AsSpan()));

    public int GetHashCode(OrderLine obj)
        => HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Sku), obj.Quantity, obj.UnitPrice.Amount);
}
