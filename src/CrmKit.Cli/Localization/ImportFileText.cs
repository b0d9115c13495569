using CrmKit.Customers.Import;

namespace CrmKit.Cli.Localization;

/// <summary>
/// How a file was read, as the run summary and the report write it after the row counts: the encoding and delimiter
/// (or the sheet), each amount column's number style and each date column's order with how it was decided, and the
/// time zone — <c>utf-8, ','-delimited; zone Asia/Ho_Chi_Minh</c> in English as always,
/// <c>utf-8, phân cách bằng ','; múi giờ Asia/Ho_Chi_Minh</c> in Vietnamese. The column descriptions come from the
/// importer as <see cref="ColumnReading"/>s (<see cref="ImportedFile.NumberFormats"/>, <see cref="ImportedFile.DateOrders"/>):
/// English writes their <see cref="ColumnReading.Description"/>, Vietnamese is written from their values.
/// </summary>
internal static class ImportFileText
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
        // Columns read the same way are named together, the reading said once (sixth trial: "--number-format vi" was
        // repeated for every amount column): "total, unit_price: …".
        parts.AddRange(Together(file.NumberFormats, english));
        parts.AddRange(Together(file.DateOrders, english));
        parts.Add(english ? $"zone {file.Zone}" : Display.Format(Strings.ImportFileZone, file.Zone));
        return Display.Clauses(parts);
    }

    private static IEnumerable<string> Together(IReadOnlyDictionary<string, ColumnReading> readings, bool english)
        => readings.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Column: p.Key, Text: english ? p.Value.Description : Column(p.Value)))
            .GroupBy(x => x.Text, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(x => x.Column))}: {g.Key}");

    // One column's reading in Vietnamese, from its source, style or order and evidence (ColumnReading).
    private static string Column(ColumnReading reading)
    {
        var amount = reading.Style is not null;
        if (reading.Source == ColumnFormatSource.Undecided)
        {
            return !amount ? Strings.ImportOrderUndecided
                : reading.AmbiguousCount > 0 ? Display.Format(Strings.ImportFormatUndecidedAmbiguous, reading.AmbiguousCount)
                : Strings.ImportFormatUndecided;
        }

        // A date column whose values were all year-month-day: the importer names no order (DateTimeColumn.Describe).
        if (reading.AllYearMonthDay)
        {
            return Strings.ImportOrderIso;
        }

        var name = reading.Style switch
        {
            NumberFormat.Vietnamese => Strings.ImportStyleVietnamese,
            NumberFormat.English => Strings.ImportStyleEnglish,
            NumberFormat.Auto => reading.Description,
            null => reading.Order switch
            {
                DateOrder.DayFirst => Strings.ImportOrderDayFirst,
                DateOrder.MonthFirst => Strings.ImportOrderMonthFirst,
                DateOrder.YearFirst => Strings.ImportOrderYearFirst,
                DateOrder.Auto or null => reading.Description,
                _ => throw new System.Diagnostics.UnreachableException($"DateOrder.{reading.Order} has no name in Strings."),
            },
            _ => throw new System.Diagnostics.UnreachableException($"NumberFormat.{reading.Style} has no name in Strings."),
        };
        return reading.Source switch
        {
            ColumnFormatSource.Detected => Display.Format(Strings.ImportFormatDetected, name, reading.EvidenceLine, $"'{reading.EvidenceText}'"),
            ColumnFormatSource.Configured => Display.Format(Strings.ImportFormatConfigured, name),
            ColumnFormatSource.Adopted => Display.Format(Strings.ImportFormatAdopted, name, amount ? Strings.ImportAdoptedFromAmounts : Strings.ImportAdoptedFromDates),
            ColumnFormatSource.Defaulted => Display.Format(Strings.ImportFormatDefaulted, name, reading.AmbiguousCount),
            _ => throw new System.Diagnostics.UnreachableException($"ColumnFormatSource.{reading.Source} has no text."),
        };
    }
}
