using System.Collections.Immutable;
using CrmKit.Customers.Import;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// Reads transactions lazily, one line at a time, so that a summary can be built from files larger than memory.
/// Bad lines are reported to the given list (file, line, column, reason) and skipped.
/// </summary>
public static class TransactionReader
{
    /// <summary>
    /// The whitespace-separated CDNOW format: <c>customer_id date(YYYYMMDD) number_of_cds dollar_value</c>, with or
    /// without a header line; in five-column files (the 1/10 sample: <c>id_master id_sample date cds value</c>) the
    /// second column is the customer.
    /// </summary>
    /// <remarks>
    /// The lines are read by the import's reader (<see cref="PurchaseTable"/>), so dates (<c>yyyyMMdd</c>, ISO, or
    /// day/month/year) and amounts (<c>.</c> decimals, ≥ 0) follow the same rules and messages as every other import;
    /// issues name the file's line and the column (<c>date</c>, <c>dollar_value</c>).
    /// </remarks>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="issues">Receives every rejected line, in line order.</param>
    public static IEnumerable<Transaction> ReadCdnow(TextReader reader, string file, ICollection<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(issues);
        return Cdnow(reader, file, issues);
    }

    private static IEnumerable<Transaction> Cdnow(TextReader reader, string file, ICollection<ImportIssue> issues)
    {
        var zone = DateTimeZone.Utc;
        var mapping = new FileMapping
        {
            Columns = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImmutableArray<string>>
            {
                ["customer_id"] = ["customer_id"],
                ["placed_at"] = ["date"],
                ["total"] = ["dollar_value"],
            }),
            Format = new ImportFormat
            {
                NumberFormat = NumberFormat.English,
                DateOrder = DateOrder.DayFirst,
                Zone = zone,
                Delimiter = '\t',
            },
        };
        var settings = CsvImportOptions.Default with
        {
            Mapping = new ImportMapping { Files = ImmutableDictionary<ImportFileKind, FileMapping>.Empty.Add(ImportFileKind.Orders, mapping) },
            ShopTimeZone = zone,
        };
        var text = new CdnowText(reader, file);
        var found = new List<ImportIssue>();
        foreach (var row in PurchaseTable.Read(text, file, found, settings, zone))
        {
            var line = row.Line - text.LineOffset;
            Report(text, found, issues, line);
            yield return new Transaction(row.CustomerId, row.Date, (double)row.Amount, line);
        }

        Report(text, found, issues, int.MaxValue);
    }

    /// <summary>The issues of the lines before <paramref name="line"/>, from the reader (moved back to the file's lines) and from the layout, in line order.</summary>
    private static void Report(CdnowText text, List<ImportIssue> found, ICollection<ImportIssue> issues, int line)
    {
        foreach (var issue in found)
        {
            var moved = issue.Line > 0 ? issue with { Line = issue.Line - text.LineOffset } : issue;
            text.MoveIssuesBefore(moved.Line, issues);
            issues.Add(moved);
        }

        found.Clear();
        text.MoveIssuesBefore(line, issues);
    }

    /// <summary>
    /// A delimited file (or an Excel export saved as CSV) with a header naming the customer, date and amount columns,
    /// read by CrmKit's import reader: encoding and delimiter detected, amounts in either number style (decided per
    /// column; an ambiguous one is rejected), dates in ISO or day/month order (decided per column), times with or
    /// without an offset.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="issues">Receives every rejected line.</param>
    /// <param name="columns">The column names; defaults <c>customer_id</c>, <c>date</c>, <c>amount</c>.</param>
    /// <param name="zone">The zone of times written without an offset, and in which instants become days. Default Asia/Ho_Chi_Minh.</param>
    /// <param name="options">How values are written (number style, date order and formats, delimiter); the column names come from <paramref name="columns"/>.</param>
    public static IEnumerable<Transaction> ReadCsv(TextReader reader, string file, ICollection<ImportIssue> issues, TransactionColumns? columns = null, DateTimeZone? zone = null, CsvImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(issues);
        columns ??= new TransactionColumns();
        zone ??= DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var mapping = new FileMapping
        {
            Columns = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ImmutableArray<string>>
            {
                ["customer_id"] = [columns.CustomerId],
                ["placed_at"] = [columns.Date],
                ["total"] = [columns.Amount],
            }),
        };
        var settings = (options ?? CsvImportOptions.Default) with
        {
            Mapping = new ImportMapping { Files = ImmutableDictionary<ImportFileKind, FileMapping>.Empty.Add(ImportFileKind.Orders, mapping) },
            ShopTimeZone = zone,
        };
        return PurchaseTable.Read(reader, file, issues, settings, zone).Select(p => new Transaction(p.CustomerId, p.Date, (double)p.Amount, p.Line));
    }
}
