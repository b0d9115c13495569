using CrmKit.Customers;
using CrmKit.Segmentation;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The RFM score bounds and the value tiers as a person reads them, in the invocation's language. The report writes
/// them with the language's figures (<see cref="Rfm"/>, <see cref="Tiers"/>); the text commands (<c>crmkit run</c>'s
/// summary, <c>crmkit segment</c>) write the same in Vietnamese and, in English, the libraries' own
/// <see cref="RfmThresholds.ToString"/> and <see cref="ValueTierThresholds.ToString"/> as they always have.
/// </summary>
internal static class SegmentationText
{
    /// <summary>
    /// The RFM bounds: <c>R ≤ [486; 288; 185; 61] ngày, F ≥ [2; 2; 3; 4], M ≥ [454.000 ₫; …]</c> (– for a score no
    /// customer reaches); the monetary bounds as money in <paramref name="currency"/> (the shop's one currency,
    /// <see cref="ShopCurrency"/>), or as plain numbers when the shop has none or several.
    /// </summary>
    public static string Rfm(RfmThresholds thresholds, Currency? currency)
    {
        static string Bounds(IEnumerable<decimal> bounds, decimal unreachable, Func<decimal, string> write) => Display.Clauses(bounds.Select(b => b == unreachable ? "–" : write(b)));
        static string Figure(decimal b) => Display.Number((double)b, "#,0.##");
        string Amount(decimal b) => currency is { } c ? Display.Money(new Money(b, c)) : Figure(b);
        return Display.Format(ReportStrings.RfmThresholds, Bounds(thresholds.Recency.Select(r => (decimal)r), RfmThresholds.Unreachable, Figure), Bounds(thresholds.Frequency, RfmThresholds.UnreachableAmount, Figure), Bounds(thresholds.Monetary, RfmThresholds.UnreachableAmount, Amount));
    }

    /// <summary>The currency the RFM monetary figures are in: the one currency of the value tiers (one per currency bought in), or null when there are none or several.</summary>
    public static Currency? ShopCurrency(IEnumerable<ValueTierThresholds> tiers)
    {
        var currencies = tiers.Select(t => t.Currency).Distinct().Take(2).ToList();
        return currencies.Count == 1 ? currencies[0] : null;
    }

    /// <summary>One currency's value tiers: the basis, the buyers ranked and the least value of each tier, as money (– when no buyer reaches it).</summary>
    public static string Tiers(ValueTierThresholds tiers)
    {
        string Amount(decimal? v) => v is { } x ? Display.Money(new Money(x, tiers.Currency)) : "–";
        var basis = tiers.Basis == ValueBasis.Predicted ? ReportStrings.ValueBasisPredicted : Display.Format(ReportStrings.ValueBasisHistorical, Display.Number(ValueTierThresholds.HistoricalWindowDays));
        return Display.Format(ReportStrings.ValueTierBounds, basis, Display.Number(tiers.Buyers), Amount(tiers.Vip), Amount(tiers.High), Amount(tiers.Average));
    }

    /// <summary>The RFM bounds for a text command: English as <see cref="RfmThresholds.ToString"/> writes them, otherwise <see cref="Rfm"/>.</summary>
    public static string RfmLine(RfmThresholds thresholds, Currency? currency) => UiLanguage.Current == UiLanguage.English ? thresholds.ToString() : Rfm(thresholds, currency);

    /// <summary>The value tiers for a text command: English as <see cref="ValueTierThresholds.ToString"/> writes them, otherwise <see cref="Tiers"/>.</summary>
    public static string TiersLine(ValueTierThresholds tiers) => UiLanguage.Current == UiLanguage.English ? tiers.ToString() : Tiers(tiers);
    /// <summary>
    /// One of <see cref="RfmThresholds.Notes"/> as a person reads it: in English the note as the library writes it
    /// (<see cref="RfmNote.Message"/>, the text the JSON keeps), otherwise written from its figures (the dimension, its
    /// distinct values among how many customers, which score equal figures share, the scores given).
    /// </summary>
    public static string RfmNote(RfmNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (UiLanguage.Current == UiLanguage.English)
        {
            return note.Message;
        }

        var dimension = note.Dimension switch
        {
            RfmDimension.Recency => Strings.RfmRecency,
            RfmDimension.Frequency => Strings.RfmFrequency,
            RfmDimension.Monetary => Strings.RfmMonetary,
            _ => throw new System.Diagnostics.UnreachableException($"RfmDimension.{note.Dimension} has no name in Strings."),
        };
        return Display.Format(
            Strings.RfmNoteFewDistinct,
            dimension,
            Display.Number(note.DistinctValues),
            Display.Number(note.Customers),
            note.SharesHigherScore ? Strings.RfmNoteHigherScore : Strings.RfmNoteLowerScore,
            string.Join(", ", note.ScoresGiven));
    }
}
