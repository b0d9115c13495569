namespace CrmKit.Customers.Import;

/// <summary>
/// How one column of an imported file was read (<see cref="ImportedFile.NumberFormats"/>, <see cref="ImportedFile.DateOrders"/>):
/// the number style or date order, where it came from and the evidence, as values a host writes in its own language,
/// beside the invariant English <see cref="Description"/> (also <see cref="ToString"/>) that logs and JSON keep.
/// </summary>
/// <param name="Source">Where the format came from: configured, detected from a value, adopted from the file's other columns of the kind, defaulted, or not decided.</param>
/// <param name="Description">The reading in invariant English: <c>Vietnamese style, detected from line 3 ('1.250.000')</c>, <c>day first, configured</c>.</param>
public sealed record ColumnReading(ColumnFormatSource Source, string Description)
{
    /// <summary>An amount column's number style (<see cref="NumberFormat.Auto"/> while undecided); null for a date column.</summary>
    public NumberFormat? Style { get; init; }

    /// <summary>A date column's order of day, month and year; null for an amount column.</summary>
    public DateOrder? Order { get; init; }

    /// <summary>
    /// A date column whose values were all year-month-day (ISO 8601, or an explicit pattern): no order of day and month
    /// was needed or used, and <see cref="Order"/> is only the default the column would have used. False for an amount column.
    /// </summary>
    public bool AllYearMonthDay { get; init; }

    /// <summary>The line of the value that decided the format (<see cref="ColumnFormatSource.Detected"/>), or null.</summary>
    public int? EvidenceLine { get; init; }

    /// <summary>That value as written, trimmed (<see cref="ColumnFormatSource.Detected"/>), or null.</summary>
    public string? EvidenceText { get; init; }

    /// <summary>How many values could be read either way (undecided and defaulted columns).</summary>
    public int AmbiguousCount { get; init; }

    /// <summary><see cref="Description"/>.</summary>
    public override string ToString() => Description;
}
