using System.Text.RegularExpressions;
using CrmKit.Customers;
using CrmKit.Segmentation;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The RFM score bounds and the value tiers as a person reads them, in the invocation's language. The report writes
/// them with the language's figures (<see cref="Rfm"/>, <see cref="Tiers"/>); the text commands (<c>crmkit run</c>'s
/// summary, <c>crmkit segment</c>) write the same in Vietnamese and, in English, the libraries' own
/// <see cref="RfmThresholds.ToString"/> and <see cref="ValueTierThresholds.ToString"/> as they always have.
/// </summary>
internal static partial class SegmentationText
{
    /// <summary>The RFM bounds: <c>R ≤ [486; 288; 185; 61] ngày, F ≥ [2; 2; 3; 4], M ≥ [454.000; …]</c> (– for a score no customer reaches).</summary>
    public static string Rfm(RfmThresholds thresholds)
    {
        static string Bounds(IEnumerable<decimal> bounds, decimal unreachable) => string.Join("; ", bounds.Select(b => b == unreachable ? "–" : Display.Number((double)b, "#,0.##")));
        return Display.Format(ReportStrings.RfmThresholds, Bounds(thresholds.Recency.Select(r => (decimal)r), RfmThresholds.Unreachable), Bounds(thresholds.Frequency, RfmThresholds.UnreachableAmount), Bounds(thresholds.Monetary, RfmThresholds.UnreachableAmount));
    }

    /// <summary>One currency's value tiers: the basis, the buyers ranked and the least value of each tier, as money (– when no buyer reaches it).</summary>
    public static string Tiers(ValueTierThresholds tiers)
    {
        string Amount(decimal? v) => v is { } x ? Display.Money(new Money(x, tiers.Currency)) : "–";
        var basis = tiers.Basis == ValueBasis.Predicted ? ReportStrings.ValueBasisPredicted : Display.Format(ReportStrings.ValueBasisHistorical, Display.Number(ValueTierThresholds.HistoricalWindowDays));
        return Display.Format(ReportStrings.ValueTierBounds, basis, Display.Number(tiers.Buyers), Amount(tiers.Vip), Amount(tiers.High), Amount(tiers.Average));
    }

    /// <summary>The RFM bounds for a text command: English as <see cref="RfmThresholds.ToString"/> writes them, otherwise <see cref="Rfm"/>.</summary>
    public static string RfmLine(RfmThresholds thresholds) => UiLanguage.Current == UiLanguage.English ? thresholds.ToString() : Rfm(thresholds);

    /// <summary>The value tiers for a text command: English as <see cref="ValueTierThresholds.ToString"/> writes them, otherwise <see cref="Tiers"/>.</summary>
    public static string TiersLine(ValueTierThresholds tiers) => UiLanguage.Current == UiLanguage.English ? tiers.ToString() : Tiers(tiers);
    /// <summary>
    /// One of <see cref="RfmThresholds.Notes"/> as a person reads it: in English the note as the library writes it, in
    /// Vietnamese the same facts (the dimension, its distinct values among how many customers, which score equal figures
    /// share, the scores given) in Vietnamese. The library writes the note in invariant English (the JSON keeps it); a
    /// note of a shape this does not know is shown as it is, and <c>LeftoverEnglishTests</c> catches it.
    /// </summary>
    public static string RfmNote(string note)
    {
        if (UiLanguage.Current == UiLanguage.English || QuintileNote().Match(note) is not { Success: true } m)
        {
            return note;
        }

        var dimension = m.Groups["dimension"].Value switch
        {
            "recency" => Strings.RfmRecency,
            "frequency" => Strings.RfmFrequency,
            "monetary" => Strings.RfmMonetary,
            _ => m.Groups["dimension"].Value,
        };
        return Display.Format(
            Strings.RfmNoteFewDistinct,
            dimension,
            Display.Number(int.Parse(m.Groups["distinct"].Value, System.Globalization.CultureInfo.InvariantCulture)),
            Display.Number(int.Parse(m.Groups["customers"].Value, System.Globalization.CultureInfo.InvariantCulture)),
            m.Groups["side"].Value == "higher" ? Strings.RfmNoteHigherScore : Strings.RfmNoteLowerScore,
            m.Groups["scores"].Value);
    }

    // RfmScoring's note: "frequency has 3 distinct values among 120 customers, fewer than the 5 quintiles: equal figures
    // share the lower score; scores given: 1, 3, 5."
    [GeneratedRegex(@"^(?<dimension>\w+) has (?<distinct>\d+) distinct values? among (?<customers>\d+) customers, fewer than the 5 quintiles: equal figures share the (?<side>higher|lower) score; scores given: (?<scores>[\d, ]+)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex QuintileNote();
}
