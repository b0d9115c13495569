namespace CrmKit.Customers;

/// <summary>Identifies a piece of feedback (a rating, a survey answer).</summary>
/// <param name="Value">The identifier text.</param>
public readonly record struct FeedbackId(string Value) : IIdentifier<FeedbackId>
{
    /// <summary>The identifier text.</summary>
    public string Value { get; } = Identifier.Check(Value, "feedback id");

    /// <inheritdoc/>
    public static FeedbackId Parse(string value) => new(value);

    /// <inheritdoc/>
    public int CompareTo(FeedbackId other) => Identifier.Compare(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
