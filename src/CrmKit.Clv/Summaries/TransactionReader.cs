using System.Globalization;
using CrmKit.Customers.Import;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Clv.Summaries;

/// <summary>One purchase: who, which day, how much, and the line it came from.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Date">The purchase day.</param>
/// <param name="Amount">The amount spent.</param>
/// <param name="Line">The 1-based line in the source file (0 when not from a file).</param>
public readonly record struct Transaction(string CustomerId, LocalDate Date, double Amount, int Line = 0);

/// <summary>Column names of a generic transactions CSV file.</summary>
public sealed record TransactionColumns
{
    /// <summary>The customer column. Default <c>customer_id</c>.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>The date column: <c>2025-01-29</c>, <c>20250129</c>, <c>29/01/2025</c> or an ISO date-time (read in the given zone). Default <c>date</c>.</summary>
    public string Date { get; init; } = "date";

    /// <summary>The amount column (a '.' decimal point, no thousands separators). Default <c>amount</c>.</summary>
    public string Amount { get; init; } = "amount";
}

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

    /// <summary>A comma-separated file with a header naming the customer, date and amount columns.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="file">The file name used in issues.</param>
    /// <param name="issues">Receives every rejected line.</param>
    /// <param name="columns">The column names; defaults <c>customer_id</c>, <c>date</c>, <c>amount</c>.</param>
    /// <param name="zone">The zone in which date-times with an offset are turned into days. Default Asia/Ho_Chi_Minh.</param>
    public static IEnumerable<Transaction> ReadCsv(TextReader reader, string file, ICollection<ImportIssue> issues, TransactionColumns? columns = null, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(issues);
        columns ??= new TransactionColumns();
        zone ??= DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        var badQuoting = false;
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = _ => badQuoting = true });
        if (!csv.Read())
        {
            issues.Add(new ImportIssue(file, 0, null, "the file is empty; a header row is needed."));
            yield break;
        }

        var header = csv.Record!.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        int Index(string name)
        {
            var i = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                issues.Add(new ImportIssue(file, 1, name, $"required column is missing; the header has: {string.Join(", ", header)}."));
            }

            return i;
        }

        var (idColumn, dateColumn, amountColumn) = (Index(columns.CustomerId), Index(columns.Date), Index(columns.Amount));
        if (idColumn < 0 || dateColumn < 0 || amountColumn < 0)
        {
            yield break;
        }

        while (csv.Read())
        {
            badQuoting = false;
            var line = csv.RawRow;
            var record = csv.Record!;
            if (badQuoting)
            {
                issues.Add(new ImportIssue(file, line, null, "the row is not valid CSV (a quote inside an unquoted field, or an unterminated quoted field); the row was skipped."));
                continue;
            }

            if (record.Length != header.Count)
            {
                issues.Add(new ImportIssue(file, line, null, $"the row has {record.Length} fields but the header has {header.Count}; the row was skipped."));
                continue;
            }

            var id = record[idColumn].Trim();
            var ok = true;
            if (id.Length == 0)
            {
                issues.Add(new ImportIssue(file, line, columns.CustomerId, "the value is empty; it is required."));
                ok = false;
            }

            if (!TryDate(record[dateColumn].Trim(), zone, out var date))
            {
                issues.Add(new ImportIssue(file, line, columns.Date, $"'{record[dateColumn]}' is not a date (2025-01-29, 20250129, 29/01/2025 or an ISO date-time)."));
                ok = false;
            }

            if (!double.TryParse(record[amountColumn].Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || !(amount >= 0))
            {
                issues.Add(new ImportIssue(file, line, columns.Amount, $"'{record[amountColumn]}' is not an amount ≥ 0 (a '.' decimal point, no thousands separators)."));
                ok = false;
            }

            if (ok)
            {
                yield return new Transaction(id, date, amount, line);
            }
        }
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
