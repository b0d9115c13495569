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

    /// <summary>
    /// A field as a list's column header says it, in the invocation's language: its label in <see cref="ProfileStrings"/>
    /// (<c>Field_</c> + the kind: <c>daysSinceLastOrder</c> → "Số ngày từ lần mua cuối" / "Days since last order"; the
    /// labels of order fields speak of completed orders, the default filter), then what differs from that filter in
    /// parentheses (any status, another status, the last N days, a sales channel, a product tag); a consent by channel
    /// and purpose; an attribute by its name. A kind without a label keeps its invariant name.
    /// </summary>
    public static string FieldLabel(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        if (field.Kind == FieldKind.Attribute)
        {
            return field.AttributeName ?? field.Name;
        }

        if (field.Kind == FieldKind.Consent && field.Channel is { } channel && field.Purpose is { } purpose)
        {
            return Display.Format(ProfileStrings.Field_Consent, DisplayNames.Of(channel), DisplayNames.Of(purpose));
        }

        var label = ProfileStrings.ResourceManager.GetString("Field_" + field.Kind, culture);
        if (label is null)
        {
            return field.ToString();
        }

        var orders = field.Orders ?? OrderFilter.Completed;
        var parts = new List<string>();
        if (label.Contains("{0}", StringComparison.Ordinal))
        {
            // "Số đơn {0}" / "Orders ({0})": the status word in its place ("Số đơn hoàn tất", "Orders (completed)"; for any status "Số đơn", "Orders").
            var word = orders.Status is { } s ? DisplayNames.Of(s) : string.Empty;
            var text = string.Join(' ', Display.Format(label, word).Replace("()", string.Empty, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            label = text.Length == 0 ? text : char.ToUpper(text[0], culture) + text[1..];
        }
        else if (orders.Status != OrderStatus.Completed)
        {
            parts.Add(orders.Status is { } status ? Display.Format(ProfileStrings.FieldOrdersStatus, DisplayNames.Of(status)) : ProfileStrings.FieldOrdersAnyStatus);
        }

        if (orders.Days is { } days)
        {
            parts.Add(Display.Plural(days, ProfileStrings.FieldOrdersDaysOne, ProfileStrings.FieldOrdersDays, Display.Number(days)));
        }

        if (orders.Channel is { } sales)
        {
            parts.Add(Display.Format(ProfileStrings.FieldOrdersChannel, sales));
        }

        if (orders.ProductTag is { } tag)
        {
            parts.Add(Display.Format(ProfileStrings.FieldOrdersTag, tag));
        }

        // One pair of parentheses: "Orders (completed, last 90 days)", "Số đơn hoàn tất (90 ngày qua)".
        return parts.Count == 0 ? label
            : label.EndsWith(')') ? $"{label[..^1]}, {string.Join(", ", parts)})"
            : $"{label} ({string.Join(", ", parts)})";
    }
}
