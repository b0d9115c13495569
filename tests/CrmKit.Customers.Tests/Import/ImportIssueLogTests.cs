using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// A log of files read on another thread, merged into the main one, gives what one log given every issue in file order
/// gives: counts, warnings, first error lines, the retained issues and the groups.
/// </summary>
public class ImportIssueLogTests
{
    private static ImportIssue Issue(string file, int line, string reason, ImportIssueSeverity severity = ImportIssueSeverity.Error, string? column = "status")
        => new(file, line, column, reason) { Severity = severity };

    private static readonly ImportIssue[] First =
    [
        Issue("a.csv", 4, "'x' is not one of: Completed."),
        Issue("a.csv", 9, "'y' is not one of: Completed."),
        Issue("a.csv", 2, "the birth date is not a date; the row was kept.", ImportIssueSeverity.Warning, "birth_date"),
    ];

    private static readonly ImportIssue[] Second =
    [
        Issue("b.csv", 7, "the row has 4 fields but the header has 3", column: null),
        Issue("b.csv", 3, "'z' is not one of: Completed."),
        Issue("b.csv", 5, "'w' is not one of: Completed."),
        Issue("b.csv", 8, "the score is not a whole number; the row was kept.", ImportIssueSeverity.Warning, "score"),
        Issue("b.csv", 11, "'v' is not one of: Completed."),
    ];

    [Fact]
    public void Merge_LogOfOtherFiles_EqualsOneLogOfEveryIssue()
    {
        var whole = new ImportIssueLog(retainPerFile: 3, sink: null);
        foreach (var issue in First.Concat(Second))
        {
            whole.Add(issue);
        }

        var main = new ImportIssueLog(retainPerFile: 3, sink: null);
        var other = new ImportIssueLog(retainPerFile: 3, sink: null);
        foreach (var issue in Second)
        {
            other.Add(issue);
        }

        foreach (var issue in First)
        {
            main.Add(issue);
        }

        main.Merge(other);

        string[] files = ["a.csv", "b.csv"];
        Assert.Equal(8, main.Count);
        Assert.Equal((1, 1), (main.WarningsOf("a.csv"), main.WarningsOf("b.csv")));
        Assert.Equal((4, 3), (main.FirstErrorLineOf("a.csv"), main.FirstErrorLineOf("b.csv")));
        Assert.Equal(
            ["a.csv:2", "a.csv:4", "a.csv:9", "b.csv:3", "b.csv:5", "b.csv:7"],
            main.Retained(files).Select(i => $"{i.File}:{i.Line}"));
        Assert.Equal(whole.Retained(files).AsEnumerable(), main.Retained(files).AsEnumerable()); // as sequences: ImmutableArray's own Equals compares references
        Assert.Equal(whole.Groups(files).Select(g => g.ToString()), main.Groups(files).Select(g => g.ToString()));
        Assert.Equal(5, main.Groups(files).Length); // a: status, birth_date; b: the broken row, status, score
    }

    [Fact]
    public void Merge_LogsSharingAFile_Throws()
    {
        var main = new ImportIssueLog(retainPerFile: 3, sink: null);
        var other = new ImportIssueLog(retainPerFile: 3, sink: null);
        main.Add(First[0]);
        other.Add(First[1]);

        Assert.Equal("Both logs have issues of 'a.csv'.", Assert.Throws<InvalidOperationException>(() => main.Merge(other)).Message);
    }
}
