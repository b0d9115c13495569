using System.Diagnostics.CodeAnalysis;

namespace CrmKit.Customers.Import;

/// <summary>
/// The short names of <see cref="NumberFormat"/> and <see cref="DateOrder"/> used by mapping files
/// (<c>"numberFormat": "vi"</c>, <c>"dateOrder": "dmy"</c>) and command-line options.
/// </summary>
/// <remarks>Matched case-insensitively after trimming; the long names (<c>vietnamese</c>, <c>day-first</c>) are accepted too.</remarks>
internal static class ImportFormatNames
{
    /// <summary>The accepted number-format names, as messages list them.</summary>
    public const string NumberFormats = "vi (1.250.000,50), en (1,250,000.50) or auto";

    /// <summary>The accepted date-order names, as messages list them.</summary>
    public const string DateOrders = "dmy (28/08/2025), mdy (08/28/2025), ymd (25/08/28) or auto";

    /// <summary>Reads a number-format name: <c>vi</c>, <c>en</c>, <c>auto</c>.</summary>
    public static bool TryParseNumberFormat([NotNullWhen(true)] string? name, out NumberFormat format, [NotNullWhen(false)] out string? error)
    {
        (format, var known) = Key(name) switch
        {
            "vi" or "vn" or "vietnamese" => (NumberFormat.Vietnamese, true),
            "en" or "english" => (NumberFormat.English, true),
            "auto" => (NumberFormat.Auto, true),
            _ => (NumberFormat.Auto, false),
        };
        error = known ? null : $"'{name?.Trim()}' is not a number format; use {NumberFormats}";
        return known;
    }

    /// <summary>Reads a date-order name: <c>dmy</c>, <c>mdy</c>, <c>ymd</c>, <c>auto</c>.</summary>
    public static bool TryParseDateOrder([NotNullWhen(true)] string? name, out DateOrder order, [NotNullWhen(false)] out string? error)
    {
        (order, var known) = Key(name) switch
        {
            "dmy" or "day-first" or "dayfirst" => (DateOrder.DayFirst, true),
            "mdy" or "month-first" or "monthfirst" => (DateOrder.MonthFirst, true),
            "ymd" or "year-first" or "yearfirst" => (DateOrder.YearFirst, true),
            "auto" => (DateOrder.Auto, true),
            _ => (DateOrder.Auto, false),
        };
        error = known ? null : $"'{name?.Trim()}' is not a date order; use {DateOrders}";
        return known;
    }

    /// <summary>The short name of a number format: <c>vi</c>, <c>en</c>, <c>auto</c>.</summary>
    public static string NameOf(NumberFormat format) => format switch
    {
        NumberFormat.Vietnamese => "vi",
        NumberFormat.English => "en",
        _ => "auto",
    };

    /// <summary>The short name of a date order: <c>dmy</c>, <c>mdy</c>, <c>ymd</c>, <c>auto</c>.</summary>
    public static string NameOf(DateOrder order) => order switch
    {
        DateOrder.DayFirst => "dmy",
        DateOrder.MonthFirst => "mdy",
        DateOrder.YearFirst => "ymd",
        _ => "auto",
    };

    private static string Key(string? name) => (name ?? string.Empty).Trim().Replace('_', '-').ToLowerInvariant();
}
