using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// How the values of a file are written: number style, date order and formats, the zone of times without an offset,
/// the currency of amounts without one, and how the file itself is stored (encoding, delimiter, sheet). Every
/// property is optional: an unset one falls back to the next level (a file's own format, then its mapping's, then the
/// import options' defaults; see <see cref="Then"/>).
/// </summary>
public sealed record ImportFormat
{
    /// <summary>Nothing set: every value falls back.</summary>
    public static ImportFormat Unset { get; } = new();

    /// <summary>How amounts are written (<see cref="Import.NumberFormat.Auto"/> detects per column).</summary>
    public NumberFormat? NumberFormat { get; init; }

    /// <summary>The order of day and month in numeric dates (<see cref="Import.DateOrder.Auto"/> detects per column).</summary>
    public DateOrder? DateOrder { get; init; }

    /// <summary>NodaTime patterns tried before the built-in forms, such as <c>M/d/yy H:mm</c>; empty when unset.</summary>
    public ImmutableArray<string> DateFormats { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The zone of dates and times written without a UTC offset.</summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The currency of amounts when the file has no currency column or the cell is empty.</summary>
    public Currency? Currency { get; init; }

    /// <summary>The text encoding's name (<c>utf-8</c>, <c>windows-1258</c>); detected when unset.</summary>
    public string? Encoding { get; init; }

    /// <summary>The field delimiter of a text file; detected among <c>,</c> <c>;</c> tab <c>|</c> when unset.</summary>
    public char? Delimiter { get; init; }

    /// <summary>The sheet of a workbook to read; the first when unset.</summary>
    public string? Sheet { get; init; }

    /// <summary>Whether a text is a valid date pattern (NodaTime local date-time pattern letters, such as <c>M/d/yy H:mm</c>).</summary>
    public static bool IsDatePattern(string pattern, out string? why) => DatePatternText.IsValid(pattern, out why);

    /// <summary>Reads a date order as written in mapping files and on the command line: <c>dmy</c>, <c>mdy</c>, <c>ymd</c>, <c>auto</c>; null when it is none of them.</summary>
    public static DateOrder? ParseDateOrder(string text) => ImportFormatNames.TryParseDateOrder(text, out var order, out _) ? order : null;

    /// <summary>Reads a number format as written in mapping files and on the command line: <c>vi</c>, <c>en</c>, <c>auto</c>; null when it is none of them.</summary>
    public static NumberFormat? ParseNumberFormat(string text) => ImportFormatNames.TryParseNumberFormat(text, out var format, out _) ? format : null;

    /// <summary>
    /// This format's values where set, the other's elsewhere. A date order set here keeps only the other's date patterns
    /// that agree with it: a preset's <c>dd/MM/yyyy</c> tried first under <c>--date-order mdy</c> read <c>11/12/2026</c>
    /// as 11 December (sixth trial).
    /// </summary>
    public ImportFormat Then(ImportFormat? fallback) => fallback is null ? this : new ImportFormat
    {
        NumberFormat = NumberFormat ?? fallback.NumberFormat,
        DateOrder = DateOrder ?? fallback.DateOrder,
        DateFormats = !DateFormats.IsEmpty ? DateFormats
            : DateOrder is { } order and not Import.DateOrder.Auto ? [.. fallback.DateFormats.Where(p => Agrees(p, order))]
            : fallback.DateFormats,
        Zone = Zone ?? fallback.Zone,
        Currency = Currency ?? fallback.Currency,
        Encoding = Encoding ?? fallback.Encoding,
        Delimiter = Delimiter ?? fallback.Delimiter,
        Sheet = Sheet ?? fallback.Sheet,
    };

    // Whether a date pattern writes day, month and year in the order given (a pattern without both day and month, or a
    // year-first one under day-first or month-first, agrees). Quoted literal text is not a field.
    private static bool Agrees(string pattern, DateOrder order)
    {
        var fields = string.Concat(pattern.Split('\'').Where((_, i) => i % 2 == 0));
        int day = fields.IndexOf('d', StringComparison.Ordinal), month = fields.IndexOf('M', StringComparison.Ordinal), year = fields.IndexOf('y', StringComparison.Ordinal);
        var yearFirst = year >= 0 && year < month && year < day;
        if (day < 0 || month < 0 || (yearFirst && order != Import.DateOrder.YearFirst))
        {
            return true; // nothing to confuse, or a year-first pattern, which no day-first or month-first value matches
        }

        return order switch
        {
            Import.DateOrder.DayFirst => day < month,
            Import.DateOrder.MonthFirst => month < day,
            Import.DateOrder.YearFirst => yearFirst,
            Import.DateOrder.Auto => true,
            _ => throw new System.Diagnostics.UnreachableException($"date order {order}"),
        };
    }
}
