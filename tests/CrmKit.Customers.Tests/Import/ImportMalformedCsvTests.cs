using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// A malformed record costs only itself: a stray quote that opens a field and is never closed on its line is reported
/// at its line with the lines it spans, and reading resumes at the next line that starts a well-formed row — never
/// more than the malformed record is lost, however far the quote would otherwise run.
/// </summary>
public class ImportMalformedCsvTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private static CustomerDataSet ReadCustomers(params string[] lines)
    {
        using var folder = new TemporaryFolder();
        return CustomerDataSet.Read(new CustomerFiles { Customers = folder.Write("customers.csv", Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")) }, AtFixedExport);
    }

    private static string[] Ids(CustomerDataSet read) => [.. read.Customers.Select(c => c.Id.Value).Order(StringComparer.Ordinal)];

    [Fact]
    public void Read_QuoteOpenedAndNeverClosed_LosesOnlyItsRow()
    {
        var read = ReadCustomers(
            "customer_id,name,created_at",
            "K1,\"An,2025-01-01T00:00:00Z",
            "K2,Binh,2025-01-02T00:00:00Z",
            "K3,Chi,2025-01-03T00:00:00Z");

        Assert.Equal(
            "customers.csv:2: the row is not valid CSV: the quoted field opened at character 4 of the line is not closed on it; the row was skipped and reading resumed at line 3.",
            Assert.Single(read.Issues).ToString());
        Assert.Equal(["K2", "K3"], Ids(read));
        Assert.Equal((3, 1), (read.Files[0].RowsRead, read.Files[0].RowsRejected));
    }

    [Fact]
    public void Read_QuoteOnTheLastLine_IsReportedAtThatLine()
    {
        var read = ReadCustomers(
            "customer_id,name,created_at",
            "K1,An,2025-01-01T00:00:00Z",
            "K2,\"Binh,2025-01-02T00:00:00Z");

        Assert.Equal(
            "customers.csv:3: the row is not valid CSV: the quoted field opened at character 4 of the line is not closed on it; the row was skipped.",
            Assert.Single(read.Issues).ToString());
        Assert.Equal(["K1"], Ids(read));
    }

    [Fact]
    public void Read_StrayQuoteClosedByAnotherLinesLater_LosesOnlyTheTwoBrokenRows()
    {
        // Line 3 opens a quote that a stray quote on line 6 would close: the parser sees one record from line 3 to 6.
        var read = ReadCustomers(
            "customer_id,name,created_at",
            "K1,An,2025-01-01T00:00:00Z",
            "K2,\"Binh,2025-01-02T00:00:00Z",
            "K3,Chi,2025-01-03T00:00:00Z",
            "K4,Dung,2025-01-04T00:00:00Z",
            "K5,E\"m,2025-01-05T00:00:00Z",
            "K6,Giang,2025-01-06T00:00:00Z");

        Assert.Equal(
            [
                "customers.csv:3: the row is not valid CSV: the quoted field opened at character 4 of the line is not closed on it; the row was skipped and reading resumed at line 4.",
                "customers.csv:6: the row is not valid CSV: a quote inside an unquoted field, or an unterminated quoted field; the row was skipped.",
            ],
            read.Issues.Select(i => i.ToString()));
        Assert.Equal(["K1", "K3", "K4", "K6"], Ids(read));
    }

    [Fact]
    public void Read_MalformedRecordOverTwoLines_IsOneIssueAndOneRejectedRow()
    {
        // No line of the record is a row on its own: the record is reported once, and counts as one rejected row, so
        // the issues (and the --rejects file) reconcile with the file's counts.
        var read = ReadCustomers(
            "customer_id,name,created_at",
            "K1,\"An",
            "x\",y,2025-01-01T00:00:00Z,extra",
            "K2,Binh,2025-01-02T00:00:00Z");

        var issue = Assert.Single(read.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Contains("(it runs over lines 2–3)", issue.Reason, StringComparison.Ordinal);
        Assert.Equal(["K2"], Ids(read));
        Assert.Equal((2, 1), (read.Files[0].RowsRead, read.Files[0].RowsRejected));
    }

    [Fact]
    public void Read_WellFormedMultilineRowAfterABrokenOne_IsKept()
    {
        // The stray quote on line 2 would close at the quote that legitimately opens line 3's multi-line name.
        var read = ReadCustomers(
            "customer_id,name,created_at",
            "K1,\"An,2025-01-01T00:00:00Z",
            "K2,\"Binh",
            "Jr.\",2025-01-02T00:00:00Z",
            "K3,Chi,2025-01-03T00:00:00Z");

        Assert.Equal(
            "customers.csv:2: the row is not valid CSV: the quoted field opened at character 4 of the line is not closed on it; the row was skipped and reading resumed at line 3.",
            Assert.Single(read.Issues).ToString());
        Assert.Equal(["K2", "K3"], Ids(read));
        Assert.Equal("Binh\nJr.", read.Customers.Single(c => c.Id.Value == "K2").DisplayName);
    }

    [Theory]
    [InlineData(1701, new[] { 10 })]                // the reported case: one quote lost 1,699 of 1,701 lines
    [InlineData(30000, new[] { 10, 15000, 29999 })] // far beyond the parser's buffer, several times
    public void Read_QuotesInALongOrderLinesFile_LoseOneLineEach(int count, int[] brokenRows)
    {
        var orders = new StringBuilder("order_id,customer_id,placed_at,total\n");
        var lines = new StringBuilder("order_id,sku,quantity,unit_price\n");
        for (var i = 1; i <= count; i++)
        {
            orders.Append(FormattableString.Invariant($"O{i},K{i % 50},2025-01-{1 + (i % 28):00}T10:00:00Z,100000\n"));
            lines.Append(brokenRows.Contains(i) ? FormattableString.Invariant($"O{i},\"SKU{i},1,100000\n") : FormattableString.Invariant($"O{i},SKU{i},1,100000\n"));
        }

        using var folder = new TemporaryFolder();
        var read = CustomerDataSet.Read(
            new CustomerFiles { Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(orders.ToString())), OrderLines = folder.Write("order_lines.csv", Encoding.UTF8.GetBytes(lines.ToString())) },
            AtFixedExport);

        Assert.Equal(brokenRows.Select(r => ("order_lines.csv", r + 1)), read.Issues.Select(i => (i.File, i.Line)));
        var file = read.Files.Single(f => f.File == "order_lines.csv");
        Assert.Equal((count, brokenRows.Length), (file.RowsRead, file.RowsRejected));
        Assert.Equal(count - brokenRows.Length, read.Customers.Sum(c => c.History.Orders.Sum(o => o.Lines.Length)));
        Assert.All(read.Customers.SelectMany(c => c.History.Orders).Where(o => o.Lines.Length == 1), o => Assert.Equal("SKU" + o.Id.Value[1..], o.Lines[0].Sku));
    }

    [Property(MaxTest = 150)]
    public Property Read_OneOpenedQuoteAnywhere_LosesOnlyThatRow()
        => Prop.ForAll(
            Gen.Choose(1, 40).SelectMany(rows => Gen.Choose(0, 1000).SelectMany(seed => Gen.Choose(0, 2).Select(field => (rows, seed, field)))).ToArbitrary(),
            sample =>
            {
                var (rows, seed, field) = sample;
                var broken = 1 + (seed % rows);
                var random = new Random(seed);
                var lines = new List<string> { "customer_id,name,created_at" };
                for (var i = 1; i <= rows; i++)
                {
                    // Some names are quoted and hold a delimiter or a line break, as real exports write them.
                    var name = random.Next(4) switch
                    {
                        0 => $"\"Nguyễn, {i}\"",
                        1 => $"\"Trần\nThị {i}\"",
                        _ => $"Lê {i}",
                    };
                    string[] cells = [$"K{i}", name, $"2025-01-{1 + (i % 28):00}T00:00:00Z"];
                    if (i == broken)
                    {
                        cells[field] = "\"" + cells[field].Replace("\"", string.Empty, StringComparison.Ordinal).Replace('\n', ' ');
                    }

                    lines.Add(string.Join(',', cells));
                }

                var read = ReadCustomers([.. lines]);
                var expected = Enumerable.Range(1, rows).Where(i => i != broken).Select(i => $"K{i}").Order(StringComparer.Ordinal);
                // The broken row may have held a quoted line break: then its lines can be reported one by one.
                var brokenLine = 2 + lines.Skip(1).Take(broken - 1).Sum(l => l.Count(c => c == '\n') + 1);
                var brokenLines = Enumerable.Range(brokenLine, lines[broken].Count(c => c == '\n') + 1);
                return (Ids(read).SequenceEqual(expected) && !read.Issues.IsEmpty && read.Issues.All(i => brokenLines.Contains(i.Line)))
                    .Label($"rows {rows}, broken {broken} (line {brokenLine}) field {field}: kept {string.Join(' ', Ids(read))}; issues {string.Join(" | ", read.Issues)}\n{string.Join("\n", lines)}");
            });
}
