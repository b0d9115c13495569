namespace CrmKit.Customers;

/// <summary>
/// A string identifier owned by the host application (a customer code, an order number). CrmKit never
/// invents or reformats identifiers: it trims surrounding white space and rejects empty ones.
/// </summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface IIdentifier<TSelf> : IEquatable<TSelf>, IComparable<TSelf>
    where TSelf : struct, IIdentifier<TSelf>
{
    /// <summary>The identifier text; <see langword="null"/> only for <c>default</c>.</summary>
    string Value { get; }

    /// <summary>Creates an identifier from text, rejecting empty text.</summary>
    /// <exception cref="InvalidValueException">The text is empty or white space.</exception>
    static abstract TSelf Parse(string value);
}

internal static class Identifier
{
    public const int MaxLength = 128;

    public static string Check(string? value, string kind)
    {
        var trimmed = Guard.NoControls(Guard.NotBlank(value, kind), kind, allowLineBreaks: false);
        if (trimmed.Length > MaxLength)
        {
            throw new InvalidValueException(kind, $"is {trimmed.Length} characters long; at most {MaxLength} are allowed.");
        }

        return trimmed;
    }

    public static int Compare(string? x, string? y) => string.CompareOrdinal(x, y);
}

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
