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

    /// <summary>This format's values where set, the other's elsewhere.</summary>
    public ImportFormat Then(ImportFormat? fallback) => fallback is null ? this : new ImportFormat
    {
        NumberFormat = NumberFormat ?? fallback.NumberFormat,
        DateOrder = DateOrder ?? fallback.DateOrder,
        DateFormats = DateFormats.IsEmpty ? fallback.DateFormats : DateFormats,
        Zone = Zone ?? fallback.Zone,
        Currency = Currency ?? fallback.Currency,
        Encoding = Encoding ?? fallback.Encoding,
        Delimiter = Delimiter ?? fallback.Delimiter,
        Sheet = Sheet ?? fallback.Sheet,
    };
}
