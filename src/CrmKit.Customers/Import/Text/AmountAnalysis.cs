namespace CrmKit.Customers.Import;

/// <summary>One cell read as an amount in both number styles, and what that says about its column.</summary>
/// <param name="Evidence">What the value proves about the column's style.</param>
/// <param name="Vietnamese">The amount read in the Vietnamese style (<c>1.250.000,50</c>), or <see langword="null"/> when it is not one.</param>
/// <param name="English">The amount read in the English style (<c>1,250,000.50</c>), or <see langword="null"/> when it is not one.</param>
/// <param name="CurrencyMark">The currency mark as written, if any.</param>
/// <param name="CurrencyCode">The ISO 4217 code of the mark, if any (see <see cref="AmountReading.CurrencyCode"/>).</param>
/// <param name="Problem">Why the text is an amount in neither style (when <see cref="Evidence"/> is <see cref="AmountEvidence.Invalid"/>).</param>
internal readonly record struct AmountAnalysis(
    AmountEvidence Evidence,
    decimal? Vietnamese,
    decimal? English,
    string? CurrencyMark,
    string? CurrencyCode,
    string? Problem)
{
    /// <summary>The amount read in <paramref name="style"/>, or <see langword="null"/> when the text is not one in that style.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is <see cref="NumberFormat.Auto"/>.</exception>
    public decimal? In(NumberFormat style) => style switch
    {
        NumberFormat.Vietnamese => Vietnamese,
        NumberFormat.English => English,
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "A style to read in: Vietnamese or English."),
    };

    /// <summary>The reading in <paramref name="style"/> as an <see cref="AmountReading"/>, when there is one.</summary>
    public AmountReading? ReadingIn(NumberFormat style)
        => In(style) is { } amount ? new AmountReading(amount, CurrencyMark, CurrencyCode) : null;
}
