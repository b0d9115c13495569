namespace CrmKit.Customers;

/// <summary>
/// The base of every exception CrmKit throws on purpose. Each carries the values that caused it and,
/// where one exists, a hint on how to fix the input.
/// </summary>
/// <remarks>
/// Messages never contain personal data in clear: phones, emails and names appear masked
/// (see <see cref="PersonalData"/>).
/// </remarks>
public abstract class CrmKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the offending values.</param>
    /// <param name="hint">How to fix it, or <see langword="null"/>.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected CrmKitException(string message, string? hint = null, Exception? innerException = null)
        : base(hint is null ? message : $"{message} {hint}", innerException)
    {
        Hint = hint;
    }

    /// <summary>How to fix the problem, or <see langword="null"/> when there is nothing to add.</summary>
    public string? Hint { get; }
}
