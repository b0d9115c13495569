namespace CrmKit.Customers;

/// <summary>Identifies an order. Order identifiers are unique across the whole shop, not per customer.</summary>
/// <param name="Value">The identifier text.</param>
public readonly record struct OrderId(string Value) : IIdentifier<OrderId>
{
    /// <summary>The identifier text.</summary>
    public string Value { get; } = Identifier.Check(Value, "order id");

    /// <inheritdoc/>
    public static OrderId Parse(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(OrderId other) => Identifier.Compare(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
