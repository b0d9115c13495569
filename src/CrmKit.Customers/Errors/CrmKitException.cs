namespace CrmKit.Customers;

/// <summary>
/// The base of every exception CrmKit throws on purpose. Each carries the values that caused it and,
/// where one exists, a hint on how to fix the input.
/// </summary>
/// <remarks>
/// Messages never contain personal data in clear: names are masked where they are written, and any phone number
/// or email address left in a message or hint is masked here (<see cref="PersonalData.Redact"/>).
/// </remarks>
public abstract class CrmKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the offending values.</param>
    /// <param name="hint">How to fix it, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected CrmKitException(string message, string? hint = null, Exception? innerException = null)
        : base(PersonalData.Redact(hint is null ? message : $"{message} {hint}"), innerException)
    {
        Hint = hint is null ? null : PersonalData.Redact(hint);
    }

    /// <summary>How to fix the problem, or <see langword="null"/> when there is nothing to add.</summary>
    public string? Hint { get; }
}
