using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>Import issues in CrmKit's one <see cref="Problem"/> shape, printed as before.</summary>
public sealed class ImportIssueTests
{
    [Fact]
    public void Problem_RowAndColumn_LocatesAtFileLine_MessageNamesColumn()
    {
        var issue = new ImportIssue("orders.csv", 17, "placed_at", "'31/02/2025' is not a date.");
        Assert.Equal(new Problem("orders.csv:17", "column 'placed_at': '31/02/2025' is not a date."), issue.Problem);
        Assert.Equal("orders.csv:17: column 'placed_at': '31/02/2025' is not a date.", issue.ToString());
    }

    [Fact]
    public void Problem_WholeFile_LocatesAtFile()
    {
        var issue = new ImportIssue("orders.csv", 0, null, "the file is empty.");
        Assert.Equal(new Problem("orders.csv", "the file is empty."), issue.Problem);
        Assert.Equal("orders.csv: the file is empty.", issue.ToString());
    }

    [Fact]
    public void Problem_Warning_MessageStartsWithWarning_PartsStayAvailable()
    {
        var issue = new ImportIssue("orders.csv", 4, "quantity", "read as a return.") { Severity = ImportIssueSeverity.Warning };
        Assert.Equal(new Problem("orders.csv:4", "warning: column 'quantity': read as a return."), issue.Problem);
        Assert.Equal(("orders.csv", 4, "quantity", ImportIssueSeverity.Warning), (issue.File, issue.Line, issue.Column, issue.Severity));
    }

    [Fact]
    public void Problem_MasksPersonalDataInTheReason()
        => Assert.DoesNotContain("0903123456", new ImportIssue("customers.csv", 2, "phone", "'0903123456' is already used.").Problem.Message, StringComparison.Ordinal);

    [Fact]
    public void GroupProblem_OneIssue_IsThatIssuesProblem()
    {
        var issue = new ImportIssue("orders.csv", 20, "Quantity", "'x' is not a whole number.");
        var group = Assert.Single(ImportIssueGroup.Of([issue]));
        Assert.Equal(issue.Problem, group.Problem);
        Assert.Equal(issue.ToString(), group.ToString());
    }

    [Fact]
    public void GroupProblem_ManyRows_LocatesAtFile_MessageCountsRows()
    {
        var issues = Enumerable.Range(2, 3).Select(line => new ImportIssue("orders.csv", line, "InvoiceDate", $"'{line}/13/10 8:26' is not a date."));
        var group = Assert.Single(ImportIssueGroup.Of(issues));
        Assert.Equal(new Problem("orders.csv", "3 rows rejected in column 'InvoiceDate', such as line 2: '2/13/10 8:26' is not a date. — lines 2, 3, 4"), group.Problem);
        Assert.Equal("orders.csv: 3 rows rejected in column 'InvoiceDate', such as line 2: '2/13/10 8:26' is not a date. — lines 2, 3, 4", group.ToString());
    }
}
