using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmKit.Docs.Tests;

/// <summary>Issue 21: seeds/README.md said consents.csv has 13,042 rows; the file has 13,510. Every row count in its table is checked.</summary>
public sealed partial class SeedsReadmeTests
{
    [Fact]
    public void StoreTable_RowCounts_MatchTheFiles()
    {
        var readme = File.ReadAllText(RepositoryRoot.Path("seeds", "README.md"));
        var rows = TableRow().Matches(readme);
        Assert.Equal(8, rows.Count);
        foreach (Match row in rows)
        {
            var file = RepositoryRoot.Path("seeds", "store", row.Groups["file"].Value);
            // Data rows: lines after the header, none of the generated files has a line break inside a cell.
            var lines = File.ReadLines(file).Count(l => l.Length > 0) - 1;
            Assert.Equal((row.Groups["file"].Value, int.Parse(row.Groups["rows"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)), (row.Groups["file"].Value, lines));
        }
    }

    [GeneratedRegex(@"^\| `(?<file>[a-z_]+\.csv)` \| (?<rows>[\d,]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
