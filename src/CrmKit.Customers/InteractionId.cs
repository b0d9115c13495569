namespace CrmKit.Customers;

/// <summary>Identifies an interaction (a call, message, email or chat).</summary>
/// <param name="Value">The identifier text.</param>
public readonly record struct InteractionId(string Value) : IIdentifier<InteractionId>
{
    /// <summary>The identifier text.</summary>
    public string Value { get; } = Identifier.Check(Value, "interaction id");

    /// <inheritdoc/>
    public static InteractionId Parse(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(InteractionId other) => Identifier.Compare(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
