namespace CrmKit.Customers;

/// <summary>A value given to CrmKit is not valid: a phone, an email, a currency code, a score out of range.</summary>
public sealed class InvalidValueException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field or parameter that holds the value, e.g. <c>phone</c>.</param>
    /// <param name="reason">Why the value is rejected; it must not contain personal data in clear.</param>
    /// <param name="hint">How to fix it, or <see langword="null"/>.</param>
    public InvalidValueException(string field, string reason, string? hint = null)
        : base($"Invalid {field}: {reason}", hint)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>The field or parameter that holds the value.</summary>
    public string Field { get; }

    /// <summary>Why the value is rejected.</summary>
    public string Reason { get; }
}
