using System.Globalization;
using CrmKit.Customers;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace CrmKit.Cli.Localization;

/// <summary>
/// Numbers, money, percentages and dates as the user reads them, in the language of the invocation
/// (<see cref="UiLanguage.Current"/>): Vietnamese as vi-VN writes them (<c>1.114.829.000 ₫</c>, <c>31/10/2026</c>,
/// <c>12,5 %</c>), English as the tool always has (<c>1,114,829,000 VND</c>, <c>2026-10-31</c>, <c>12.5 %</c>).
/// Only for text meant for people: JSON and CSV output use the invariant culture.
/// </summary>
internal static class Display
{
    private static readonly LocalDatePattern VietnameseDate = LocalDatePattern.Create("dd/MM/uuuu", CultureInfo.InvariantCulture);
    private static readonly LocalDateTimePattern VietnameseDateTime = LocalDateTimePattern.Create("dd/MM/uuuu HH:mm", CultureInfo.InvariantCulture);
    private static readonly LocalDatePattern EnglishDate = LocalDatePattern.Iso;
    private static readonly LocalDateTimePattern EnglishDateTime = LocalDateTimePattern.Create("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The culture numbers are written in: vi-VN for Vietnamese, the invariant culture for English.</summary>
    public static CultureInfo NumberCulture => UiLanguage.Current == UiLanguage.Vietnamese ? UiLanguage.Vietnamese.Culture : CultureInfo.InvariantCulture;

    /// <summary>A whole number with group separators (<c>1.234.567</c> / <c>1,234,567</c>).</summary>
    public static string Number(long value) => value.ToString("N0", NumberCulture);

    /// <summary><paramref name="value"/> with the .NET numeric <paramref name="format"/> (e.g. <c>F2</c>), or <c>–</c> when null or not finite.</summary>
    public static string Number(double? value, string format)
        => value is { } v && double.IsFinite(v) ? v.ToString(format, NumberCulture) : "–";

    /// <summary>
    /// The sign after a percentage in a fixed-width table: <c> %</c> in Vietnamese (a space before it, as the report and
    /// the summary write <c>37,4 %</c>), <c>%</c> in English (the table's layout as it has always been).
    /// </summary>
    public static string PercentSign => UiLanguage.Current == UiLanguage.Vietnamese ? " %" : "%";

    /// <summary>A share in [0, 1] as a whole percentage, <c>37 %</c> in both languages (as <see cref="Percent"/> writes it, without the decimal); <c>–</c> when null or not finite.</summary>
    public static string WholePercent(double? share)
        => share is { } s && double.IsFinite(s) ? (100 * s).ToString("0", NumberCulture) + " %" : "–";

    /// <summary>A share in [0, 1] as a percentage with one decimal (<c>12,5 %</c> / <c>12.5 %</c>), or <c>–</c> when null or not finite.</summary>
    public static string Percent(double? share)
        => share is { } s && double.IsFinite(s) ? (100 * s).ToString("0.0", NumberCulture) + " %" : "–";

    /// <summary>
    /// An amount with its currency's minor units: VND in Vietnamese as <c>1.250.000 ₫</c>, other currencies with their
    /// ISO 4217 code (<c>12,50 USD</c>); in English always the code (<c>1,250,000 VND</c>); <c>–</c> when null.
    /// </summary>
    public static string Money(Money? money)
    {
        if (money is not { } m)
        {
            return "–";
        }

        var amount = m.Amount.ToString("N" + m.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), NumberCulture);
        return amount + " " + Unit(m.Currency);
    }

    /// <summary>
    /// An amount rounded to whole units with its currency as <see cref="Money(CrmKit.Customers.Money?)"/> writes it
    /// (<c>1.250.000 ₫</c> / <c>1,250,000 VND</c>); without a currency, the number alone.
    /// </summary>
    public static string WholeAmount(double amount, Currency? currency)
        => amount.ToString("N0", NumberCulture) + (currency is { } c ? " " + Unit(c) : string.Empty);

    /// <summary>
    /// A fitted model parameter (<c>r 0,243</c>, <c>v 3.589.237</c>): four significant digits below
    /// <see cref="ParameterGroupedFrom"/>, above it the whole number with group separators — never the exponent form
    /// that "G4" writes for large values (<c>3,589E+06</c>); <c>–</c> when not finite.
    /// </summary>
    public static string Parameter(double value)
        => !double.IsFinite(value) ? "–" : Math.Abs(value) >= ParameterGroupedFrom ? value.ToString("N0", NumberCulture) : value.ToString("G4", NumberCulture);

    /// <summary>The magnitude from which <see cref="Parameter"/> writes a whole number with group separators (G4 turns exponential at 10⁴).</summary>
    public const double ParameterGroupedFrom = 10_000;

    /// <summary>Fitted parameters as one list (<c>r 0,243, alpha 4,414, …</c>), each by <see cref="Parameter"/>.</summary>
    public static string Parameters(IEnumerable<CrmKit.Clv.Models.ParameterEstimate> parameters)
        => string.Join(", ", parameters.Select(p => $"{p.Name} {Parameter(p.Value)}"));

    /// <summary>A calendar date (<c>31/10/2026</c> / <c>2026-10-31</c>).</summary>
    public static string Date(LocalDate date)
        => (UiLanguage.Current == UiLanguage.Vietnamese ? VietnameseDate : EnglishDate).Format(date);

    /// <summary>A date and time to the minute (<c>31/10/2026 14:05</c> / <c>2026-10-31 14:05</c>).</summary>
    public static string DateTime(LocalDateTime dateTime)
        => (UiLanguage.Current == UiLanguage.Vietnamese ? VietnameseDateTime : EnglishDateTime).Format(dateTime);

    /// <summary><paramref name="instant"/> as a local date and time in <paramref name="zone"/>.</summary>
    public static string DateTime(Instant instant, DateTimeZone zone) => DateTime(instant.InZone(zone).LocalDateTime);

    // ₫ for VND in Vietnamese (how Vietnamese prices are written); the ISO 4217 code otherwise.
    private static string Unit(Currency currency) => UiLanguage.Current == UiLanguage.Vietnamese && currency.Code == "VND" ? "₫" : currency.Code;

    /// <summary>
    /// A count with its noun, singular or plural as the language needs: <paramref name="one"/> for exactly 1, else
    /// <paramref name="many"/>, each a format whose <c>{0}</c> is the count (<c>1 warning</c>, <c>2 warnings</c>; in
    /// Vietnamese, which does not inflect, both <c>{0} cảnh báo</c>).
    /// </summary>
    public static string Count(long count, string one, string many) => Format(count == 1 ? one : many, count);

    /// <summary>
    /// A whole sentence with a count, singular or plural as the language needs: <paramref name="one"/> when
    /// <paramref name="count"/> is exactly 1, else <paramref name="other"/> (the resource pair <c>Key</c> /
    /// <c>KeyOne</c>), filled in with <paramref name="args"/>. English inflects (<c>1 duplicate record</c>,
    /// <c>2 duplicate records</c>); Vietnamese does not, and its two resources say the same.
    /// </summary>
    public static string Plural(long count, string one, string other, params object?[] args) => Format(count == 1 ? one : other, args);

    /// <summary>A resource format string filled in with the invocation's number culture.</summary>
    public static string Format(string format, params object?[] args) => string.Format(NumberCulture, format, args);

    private const string ClauseSeparator = "; ";

    /// <summary>
    /// Clauses joined with <c>"; "</c>, each without its own closing full stop — a list of sentences (the CLV fit's
    /// problems, a file's readings) read as one sentence, never <c>"….; …"</c>; the last clause keeps its stop, so the
    /// joined text ends as its parts did. Every "; " list of the tool's text goes through here.
    /// </summary>
    public static string Clauses(IEnumerable<string?> clauses)
    {
        var list = clauses.OfType<string>().ToList();
        return string.Join(ClauseSeparator, list.Select((c, i) => i < list.Count - 1 ? WithoutStop(c) : c));

        static string WithoutStop(string clause)
        {
            var trimmed = clause.TrimEnd();
            return trimmed.EndsWith('.') && !trimmed.EndsWith("..", StringComparison.Ordinal) ? trimmed[..^1] : trimmed;
        }
    }

    /// <summary>
    /// How many terminal columns <paramref name="text"/> takes (Spectre.Console's cell width: a Vietnamese letter with
    /// its marks is one column, composed or not; a wide character two), for aligning text columns by what is seen.
    /// </summary>
    public static int Width(string text) => text.GetCellWidth();

    /// <summary><paramref name="text"/> followed by spaces up to <paramref name="width"/> terminal columns (<see cref="Width"/>); a longer text as it is.</summary>
    public static string Pad(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text + new string(' ', Math.Max(0, width - Width(text)));
    }

    /// <summary>The widest of <paramref name="texts"/> in terminal columns, at least <paramref name="least"/>.</summary>
    public static int Widest(IEnumerable<string> texts, int least = 0) => texts.Select(Width).DefaultIfEmpty(0).Max() is var w && w > least ? w : least;
}
