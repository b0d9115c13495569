using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Import;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// Reads transactions lazily, one line at a time, so that a summary can be built from files larger than memory.
/// Bad lines are reported to the given list (file, line, column, reason) and skipped.
/// </summary>
public static class TransactionReader
{
    private static readonly LocalDatePattern[] DatePatterns =
        [LocalDatePattern.Iso, LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd"), LocalDatePattern.CreateWithInvariantCulture("dd/MM/uuuu")];

    /// <summary>
    /// The whitespace-separated CDNOW format: <c>customer_id date(YYYYMMDD) number_of_cds dollar_value</c>, with or
    /// without a header line; in five-column files (the 1/10 sample: <c>id_master id_sample date cds value</c>) the
    /// second column is the customer.
    /// </summary>
    public static IEnumerable<Transaction> ReadCdnow(TextReader reader, string file, ICollection<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(issues);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (line == 1 && !char.IsAsciiDigit(fields[0][0]))
            {
                continue; // header
            }

            if (fields.Length is not (4 or 5))
            {
                issues.Add(new ImportIssue(file, line, null, $"expected 4 fields (customer, date, cds, value) or 5 (id_master, id_sample, date, cds, value), found {fields.Length}."));
                continue;
            }

            var offset = fields.Length - 4;
            var customer = fields[offset];
            if (!TryDate(fields[offset + 1], null, out var date))
            {
                issues.Add(new ImportIssue(file, line, "date", $"'{fields[offset + 1]}' is not a date YYYYMMDD."));
                continue;
            }

            if (!double.TryParse(fields[offset + 3], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !(amount >= 0) || !double.IsFinite(amount))
            {
                issues.Add(new ImportIssue(file, line, "dollar_value", $"'{fields[offset + 3]}' is not an amount ≥ 0."));
                continue;
            }

            yield return new Transaction(customer, date, amount, line);
        }
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

    private static bool TryDate(string text, DateTimeZone? zone, out LocalDate date)
    {
        foreach (var pattern in DatePatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                date = result.Value;
                return true;
            }
        }

        if (zone is not null)
        {
            var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
            if (offset.Success)
            {
                date = offset.Value.ToInstant().InZone(zone).Date;
                return true;
            }

            var local = LocalDateTimePattern.ExtendedIso.Parse(text);
            if (local.Success)
            {
                date = local.Value.Date;
                return true;
            }
        }

        date = default;
        return false;
    }
}
