using CrmKit.Customers.Import;
using CrmKit.Testing.Fuzz;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Issue 18, item 6: an import keeps the first <see cref="CsvImportOptions.MaxRetainedIssuesPerFile"/> issues of each
/// file in memory, exact counts and groups for all, and hands every issue to <see cref="CsvImportOptions.OnIssue"/>.
/// </summary>
public sealed class ImportIssueRetentionTests
{
    private const int Rejected = 200_000;

    [Fact]
    public void Read_200000RejectedRows_RetainsTheFirst1000_CountsAndStreamsThemAll()
    {
        using var folder = new TemporaryFolder();
        var rows = Enumerable.Range(1, Rejected).Select(i => $"HD{i},KH{i % 97},not a date,150000");
        var orders = folder.Write("orders.csv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ["order_id,customer_id,placed_at,total", "HD0,KH1,2025-08-01 10:00,1000", .. rows]) + "\n"));
        var streamed = 0;
        var lastLine = 0;
        var options = CsvImportOptions.Default with
        {
            OnIssue = issue =>
            {
                streamed++;
                lastLine = Math.Max(lastLine, issue.Line);
            },
        };

        var data = CustomerDataSet.Read(new CustomerFiles { Orders = orders }, options);

        Assert.Equal(CsvImportOptions.DefaultMaxRetainedIssuesPerFile, data.Issues.Length);
        Assert.Equal([.. Enumerable.Range(3, 1_000)], data.Issues.Select(i => i.Line));
        Assert.Equal(Rejected, data.IssueCount);
        Assert.Equal(Rejected, streamed);
        Assert.Equal(Rejected + 2, lastLine);
        var group = Assert.Single(data.IssueGroups);
        Assert.Equal(Rejected, group.Count);
        Assert.Equal("3 4 5 6 7 8 9 10 11 12", string.Join(' ', group.Lines));
        Assert.Equal(Rejected, data.Files.Single().RowsRejected);
        Assert.Single(data.Customers);
    }

    [Fact]
    public void Read_NoIssueRetained_KeepsCountsAndGroups()
    {
        using var folder = new TemporaryFolder();
        var orders = folder.Write("orders.csv", System.Text.Encoding.UTF8.GetBytes("order_id,customer_id,placed_at,total\nHD1,KH1,x,1\nHD2,KH1,2025-08-01 10:00,n/a\nHD3,KH1,2025-08-01 10:00,5\n"));

        var data = CustomerDataSet.Read(new CustomerFiles { Orders = orders }, CsvImportOptions.Default with { MaxRetainedIssuesPerFile = 0 });

        Assert.Empty(data.Issues);
        Assert.Equal(2, data.IssueCount);
        Assert.Equal(
            [
                "orders.csv:2: column 'placed_at': 'x' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format.",
                "orders.csv:3: column 'total': 'n/a' is not an amount: it has no digits.",
            ],
            data.IssueGroups.Select(g => g.ToString()));
    }

    [Fact]
    public void MaxRetainedIssuesPerFile_Negative_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => CsvImportOptions.Default with { MaxRetainedIssuesPerFile = -1 });

    // The streamed groups are the groups of all the issues: checked on broken inputs of the fuzz corpus, every issue retained.
    [Fact]
    public void IssueGroups_EveryIssueRetained_EqualGroupsOfIssues()
    {
        var corpus = new CsvFuzzCorpus(seed: 7);
        var compared = 0;
        for (var i = 0; i < 90; i++)
        {
            using var folder = new TemporaryFolder();
            corpus.Case(i).WriteTo(folder.Path);
            var data = CustomerDataSet.ReadFolder(folder.Path, CsvImportOptions.Default with { MaxRetainedIssuesPerFile = int.MaxValue });
            Assert.Equal(data.Issues.Length, data.IssueCount);
            Assert.Equal(ImportIssueGroup.Of(data.Issues).Select(Shape).Order(), data.IssueGroups.Select(Shape).Order());
            compared += data.IssueCount > 0 ? 1 : 0;
        }

        Assert.True(compared > 30, $"only {compared} inputs had issues");
    }

    private static string Shape(ImportIssueGroup g) => $"{g.File}|{g.Column}|{g.Severity}|{g.Count}|{string.Join(',', g.Lines)}";
}
