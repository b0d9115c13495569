using CrmKit.Customers.Import.Tabular;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Reads a purchase log (one row per purchase: customer, time, amount) with the import's reader, row by row — what
/// <c>CrmKit.Clv</c>'s transaction reader reads, and what a host reads to feed its own models: one reader, one set of
/// rules (encoding, delimiter, number style, date order, spreadsheet safety) for the whole project.
/// </summary>
public static class PurchaseTable
{
    /// <summary>
    /// The purchases, lazily, in file order; every rejected row goes to <paramref name="issues"/> as it is met. The
    /// columns are the orders file's <c>customer_id</c>, <c>placed_at</c> and <c>total</c> (renamed through
    /// <see cref="CsvImportOptions.Mapping"/>); an amount below 0 is rejected.
    /// </summary>
    /// <param name="reader">The text of the log.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="issues">Receives every rejected row and header problem.</param>
    /// <param name="options">How the file is written (format, column mapping).</param>
    /// <param name="zone">The zone in which an instant becomes a <see cref="PurchaseRow.Date"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/> (thrown at the call, not when enumerated).</exception>
    public static IEnumerable<PurchaseRow> Read(TextReader reader, string file, ICollection<ImportIssue> issues, CsvImportOptions options, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        return Rows(reader, file, issues, options, zone);
    }

    private static IEnumerable<PurchaseRow> Rows(TextReader reader, string file, ICollection<ImportIssue> issues, CsvImportOptions options, DateTimeZone zone)
    {
        var found = new List<ImportIssue>();
        using var table = new ImportTable(TabularSource.Open(reader, file, options.FormatOf(ImportFileKind.Orders), found), ImportFileKind.Orders, options, found);
        var ok = table.CheckHeader("customer_id", "placed_at", "total");
        Flush(found, issues);
        if (!ok)
        {
            yield break;
        }

        while (table.Next())
        {
            var customer = table.Required("customer_id");
            var at = table.Instant("placed_at");
            var amount = table.Value("total");
            if (amount < 0)
            {
                table.Fail("total", $"'{table.Text("total")}' is not an amount ≥ 0.");
            }

            var failed = table.RowFailed;
            var line = table.Line;
            Flush(found, issues);
            if (!failed)
            {
                yield return new PurchaseRow(customer!, at!.Value.InZone(zone).Date, amount!.Value, line);
            }
        }

        Flush(found, issues);
    }

    private static void Flush(List<ImportIssue> from, ICollection<ImportIssue> to)
    {
        foreach (var issue in from)
        {
            to.Add(issue);
        }

        from.Clear();
    }
}
