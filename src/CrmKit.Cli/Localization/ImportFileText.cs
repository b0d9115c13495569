using System.Text.RegularExpressions;
using CrmKit.Customers.Import;

namespace CrmKit.Cli.Localization;

/// <summary>
/// How a file was read, as the run summary and the report write it after the row counts: the encoding and delimiter
/// (or the sheet), each amount column's number style and each date column's order with how it was decided, and the
/// time zone — <c>utf-8, ','-delimited; zone Asia/Ho_Chi_Minh</c> in English as always,
/// <c>utf-8, phân cách bằng ','; múi giờ Asia/Ho_Chi_Minh</c> in Vietnamese. The column descriptions come from the
/// importer in invariant English (<see cref="ImportedFile.NumberFormats"/>, <see cref="ImportedFile.DateOrders"/>) and
/// are recognised here; one of an unknown shape is shown as written.
/// </summary>
internal static partial class ImportFileText
{
    /// <summary>The file's reading in the invocation's language.</summary>
    public static string Describe(ImportedFile file)
    {
        var english = UiLanguage.Current == UiLanguage.English;
        var delimiter = file.Delimiter == '\t' ? "tab" : file.Delimiter.ToString();
        var parts = new List<string>
        {
            file.Unreadable && file.Delimiter is null ? (english ? $"{file.Type}, not read" : Display.Format(Strings.ImportFileNotRead, file.Type))
            : file.Type == "csv" ? (english ? $"{file.Encoding}, '{delimiter}'-delimited" : Display.Format(Strings.ImportFileDelimited, file.Encoding, delimiter))
            : english ? $"{file.Type}, sheet '{file.Sheet}'" : Display.Format(Strings.ImportFileSheet, file.Type, file.Sheet),
        };
        parts.AddRange(file.NumberFormats.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {(english ? p.Value : Column(p.Value))}"));
        parts.AddRange(file.DateOrders.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {(english ? p.Value : Column(p.Value))}"));
        parts.Add(english ? $"zone {file.Zone}" : Display.Format(Strings.ImportFileZone, file.Zone));
        return string.Join("; ", parts);
    }

    // "Vietnamese style, detected from line 3 ('1.250.000')", "day first by default (…)": one column's format, translated.
    private static string Column(string text)
    {
        if (UndecidedPattern().Match(text) is { Success: true } undecided)
        {
            return undecided.Groups["count"].Success
                ? Display.Format(Strings.ImportFormatUndecidedAmbiguous, int.Parse(undecided.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : Strings.ImportFormatUndecided;
        }

        if (text == "order not decided yet")
        {
            return Strings.ImportOrderUndecided;
        }

        if (text == "year-month-day (ISO 8601)")
        {
            return Strings.ImportOrderIso;
        }

        if (FormatPattern().Match(text) is not { Success: true } format || Name(format.Groups["name"].Value) is not { } name)
        {
            return text;
        }

        return format.Groups["line"].Success ? Display.Format(Strings.ImportFormatDetected, name, int.Parse(format.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), format.Groups["evidence"].Value)
            : format.Groups["configured"].Success ? Display.Format(Strings.ImportFormatConfigured, name)
            : format.Groups["as"].Success ? Display.Format(Strings.ImportFormatAdopted, name, Sibling(format.Groups["as"].Value))
            : Display.Format(Strings.ImportFormatDefaulted, name, int.Parse(format.Groups["ambiguous"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The column a format was taken from, as the importer names it (ImportTable.Finish).
    private static string Sibling(string english) => english switch
    {
        "the file's other date columns" => Strings.ImportSiblingDates,
        "the file's other amount columns" => Strings.ImportSiblingAmounts,
        _ => english,
    };

    private static string? Name(string english) => english switch
    {
        "Vietnamese style" => Strings.ImportStyleVietnamese,
        "English style" => Strings.ImportStyleEnglish,
        "day first" => Strings.ImportOrderDayFirst,
        "month first" => Strings.ImportOrderMonthFirst,
        "year first" => Strings.ImportOrderYearFirst,
        _ => null,
    };

    [GeneratedRegex(@"^(?<name>Vietnamese style|English style|day first|month first|year first)(?:, detected from line (?<line>\d+) \((?<evidence>.*)\)|(?<configured>, configured)|, as (?<as>.*)| by default \(nothing decided; (?<ambiguous>\d+) ambiguous values?\))$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormatPattern();

    [GeneratedRegex(@"^style not decided(?:; no value needed it| \((?<count>\d+) ambiguous values?\))$", RegexOptions.CultureInvariant)]
    private static partial Regex UndecidedPattern();
}
