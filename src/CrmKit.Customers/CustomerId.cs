namespace CrmKit.Customers;

/// <summary>Identifies a customer. Compared ordinally (case-sensitive).</summary>
/// <param name="Value">The identifier text.</param>
public readonly record struct CustomerId(string Value) : IIdentifier<CustomerId>
{
    /// <summary>The identifier text.</summary>
    public string Value { get; } = Identifier.Check(Value, "customer id");

    /// <inheritdoc/>
    public static CustomerId Parse(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(CustomerId other) => Identifier.Compare(Value, other.Value);

    /// <summary>
    /// The identifier for display, with a phone number or email address in it masked
    /// (<see cref="PersonalData.Redact"/>) — many shops key customers by phone number. <see cref="Value"/> is the
    /// identifier itself.
    /// </summary>
    public override string ToString() => PersonalData.Redact(Value);
}
