using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>Whether the input was read as the user asked: every file readable, few enough rows rejected.</summary>
/// <param name="ReadAsAsked">True when the run may exit 0.</param>
/// <param name="Usable">Whether any customer or sale was read at all.</param>
/// <param name="Messages">Why not, one line each.</param>
internal sealed record ImportVerdict(bool ReadAsAsked, bool Usable, ImmutableArray<string> Messages)
{
    /// <summary>How many kinds of issue the summary on standard error lists before pointing at --rejects.</summary>
    public const int MaxGroupsShown = 25;

    public static ImportVerdict Of(CustomerDataSet dataSet, double maxRejectedPercent, bool strict)
    {
        var messages = ImmutableArray.CreateBuilder<string>();
        var usable = !dataSet.Customers.IsEmpty || !dataSet.GuestSales.IsEmpty;
        if (!usable)
        {
            messages.Add("no usable rows were read" + LikelyCause(dataSet));
        }

        foreach (var file in dataSet.Files)
        {
            if (file.Unreadable && usable)
            {
                messages.Add($"{file.File} could not be read: {dataSet.IssueGroups.First(g => g.File == file.File && g.Severity == ImportIssueSeverity.Error).Reason}");
            }
            else if (file.RowsRead > 0 && 100.0 * file.RowsRejected / file.RowsRead > maxRejectedPercent)
            {
                messages.Add(string.Create(CultureInfo.InvariantCulture, $"{file.File}: {file.RowsRejected:N0} of {file.RowsRead:N0} rows rejected ({100.0 * file.RowsRejected / file.RowsRead:0.#} %), more than --max-rejected {maxRejectedPercent:0.##} %; see the issues above, or --rejects FILE for all of them."));
            }
        }

        var errors = dataSet.IssueGroups.Where(g => g.Severity == ImportIssueSeverity.Error).Sum(g => g.Count);
        if (strict && errors > 0 && messages.Count == 0)
        {
            messages.Add(string.Create(CultureInfo.InvariantCulture, $"{errors:N0} rows rejected, and --strict allows none."));
        }

        return new ImportVerdict(messages.Count == 0, usable, messages.ToImmutable());
    }

    /// <summary>Writes the import's issues to standard error, grouped by kind.</summary>
    public static void WriteIssues(TextWriter error, CustomerDataSet dataSet)
    {
        var groups = dataSet.IssueGroups;
        foreach (var group in groups.Take(MaxGroupsShown))
        {
            error.WriteLine(group.ToString());
        }

        if (groups.Length > MaxGroupsShown)
        {
            error.WriteLine($"… and {groups.Length - MaxGroupsShown} more kinds of issue; --rejects FILE writes every issue.");
        }
    }

    // The problems that stopped each file are printed above; name the files, and say so when a file simply had no rows.
    private static string LikelyCause(CustomerDataSet dataSet)
    {
        var stopped = dataSet.Files.Where(f => f.Unreadable).Select(f => f.File).ToList();
        var empty = dataSet.Files.Where(f => !f.Unreadable && f.RowsRead == 0).Select(f => f.File).ToList();
        var parts = new List<string>();
        if (stopped.Count > 0)
        {
            parts.Add($"{string.Join(", ", stopped)} could not be read (see the problem above)");
        }

        if (empty.Count > 0)
        {
            parts.Add($"{string.Join(", ", empty)} {(empty.Count == 1 ? "has" : "have")} a header but no data rows");
        }

        return parts.Count == 0 ? ": the files hold no customers or orders." : $": {string.Join("; ", parts)}.";
    }
}
