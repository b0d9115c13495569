namespace CrmKit.Customers;

/// <summary>Identifies a support ticket or complaint.</summary>
/// <param name="Value">The identifier text.</param>
public readonly record struct TicketId(string Value) : IIdentifier<TicketId>
{
    /// <summary>The identifier text.</summary>
    public string Value { get; } = Identifier.Check(Value, "ticket id");

    /// <inheritdoc/>
    public static TicketId Parse(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(TicketId other) => Identifier.Compare(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
