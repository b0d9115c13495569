using CrmKit.Customers.Import.Tabular;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Reads a purchase log (one row per purchase: customer, time, amount) with the import's reader, row by row, for
/// <c>CrmKit.Clv</c>'s transaction reader: one reader, one set of rules for the whole project.
/// </summary>
internal static class PurchaseTable
{
    /// <summary>The purchases, lazily; every rejected row goes to <paramref name="issues"/> as it is met.</summary>
    public static IEnumerable<(string CustomerId, LocalDate Date, decimal Amount, int Line)> Read(TextReader reader, string file, ICollection<ImportIssue> issues, CsvImportOptions options, DateTimeZone zone)
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
                yield return (customer!, at!.Value.InZone(zone).Date, amount!.Value, line);
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
