using System.Globalization;
using CrmKit.Clv.Summaries;
using CrmKit.Customers.Import;
using CrmKit.Testing;

namespace CrmKit.Clv.Tests;

public class TransactionReaderTests
{
    private static (List<Transaction> Transactions, List<string> Issues) Cdnow(string text)
    {
        var issues = new List<ImportIssue>();
        using var reader = new StringReader(text);
        var transactions = TransactionReader.ReadCdnow(reader, "cdnow.txt", issues).ToList();
        return (transactions, issues.ConvertAll(i => i.ToString()));
    }

    [Fact]
    public void ReadCdnow_WithoutHeader_KeepsTheFilesLineNumbers()
    {
        var (transactions, issues) = Cdnow(" 00001 19970101  1   11.77\n 00002 19970112  2   29.33\n\n 00003 19970102  1   -1\n 00004 1997013x  1   5\n 00005 19970105 1\n 00006 19970106  3   20.00\n");

        Assert.Equal(
            [new Transaction("00001", new LocalDate(1997, 1, 1), 11.77, 1), new Transaction("00002", new LocalDate(1997, 1, 12), 29.33, 2), new Transaction("00006", new LocalDate(1997, 1, 6), 20.0, 7)],
            transactions);
        Assert.Equal(
            [
                "cdnow.txt:4: column 'dollar_value': '-1' is not an amount ≥ 0.",
                "cdnow.txt:5: column 'date': '1997013x' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format.",
                "cdnow.txt:6: expected 4 fields (customer, date, cds, value) or 5 (id_master, id_sample, date, cds, value), found 3.",
            ],
            issues);
    }

    [Fact]
    public void ReadCdnow_HeaderAndFiveColumns_ReadsTheSecondColumnAsTheCustomer()
    {
        var (transactions, issues) = Cdnow("id_master id_sample date cds value\n 00004 0001 19970101  2   29.33\n 00004 0001 1997-01-18  2   29.73\n 1 2 3 4 5 6\n 00018 0002 01/02/1997  1   14.96\n");

        Assert.Equal(
            [new Transaction("0001", new LocalDate(1997, 1, 1), 29.33, 2), new Transaction("0001", new LocalDate(1997, 1, 18), 29.73, 3), new Transaction("0002", new LocalDate(1997, 2, 1), 14.96, 5)],
            transactions);
        Assert.Equal(["cdnow.txt:4: expected 4 fields (customer, date, cds, value) or 5 (id_master, id_sample, date, cds, value), found 6."], issues);
    }

    [Fact]
    public void ReadCdnow_CdnowMaster_GivesEveryLineAsSplitAtWhitespace()
    {
        // Reference: each line split at runs of whitespace and parsed with the invariant culture, as the data set's
        // documentation describes the layout (customer id, yyyyMMdd, number of CDs, dollar value).
        var path = SharedData.File("CDNOW_master.txt");
        var expected = File.ReadLines(path).Skip(1).Select((line, i) =>
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return new Transaction(f[0], new LocalDate(int.Parse(f[1][..4], CultureInfo.InvariantCulture), int.Parse(f[1][4..6], CultureInfo.InvariantCulture), int.Parse(f[1][6..], CultureInfo.InvariantCulture)), double.Parse(f[3], CultureInfo.InvariantCulture), i + 2);
        }).ToList();
        var issues = new List<ImportIssue>();
        using var reader = File.OpenText(path);

        var read = TransactionReader.ReadCdnow(reader, "CDNOW_master.txt", issues).ToList();

        Assert.Empty(issues);
        Assert.Equal(69659, read.Count);
        Assert.Equal(expected, read);
    }
}
