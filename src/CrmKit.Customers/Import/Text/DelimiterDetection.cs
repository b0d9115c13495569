namespace CrmKit.Customers.Import;

/// <summary>What <see cref="DelimiterDetector"/> found: the delimiter and the evidence for it, or why none fits.</summary>
/// <param name="Delimiter">The delimiter, or <see langword="null"/> when none fits.</param>
/// <param name="FieldCount">How many fields the header has with <paramref name="Delimiter"/> (0 when none fits).</param>
/// <param name="RecordsExamined">How many records (the header included) the decision rests on.</param>
/// <param name="Problem">Why no delimiter fits, candidate by candidate; <see langword="null"/> when one does.</param>
internal sealed record DelimiterDetection(char? Delimiter, int FieldCount, int RecordsExamined, string? Problem)
{
    /// <summary>Whether a delimiter fits.</summary>
    public bool Found => Delimiter is not null;
}
