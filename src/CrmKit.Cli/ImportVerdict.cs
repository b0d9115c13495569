using System.Collections.Immutable;
using CrmKit.Cli.Localization;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>Whether the input was read as the user asked: every file readable, few enough rows rejected.</summary>
/// <param name="ReadAsAsked">True when the run may exit 0.</param>
/// <param name="Usable">Whether any customer or sale was read at all.</param>
/// <param name="Messages">Why not, one line each, in the invocation's language (for standard error).</param>
/// <param name="InvariantMessages">The same lines in English with invariant figures, for the JSON output (the same in every language).</param>
internal sealed record ImportVerdict(bool ReadAsAsked, bool Usable, ImmutableArray<string> Messages, ImmutableArray<string> InvariantMessages)
{
    /// <summary>How many kinds of issue the summary on standard error lists before pointing at --rejects.</summary>
    public const int MaxGroupsShown = 25;

    /// <summary>The exit code the verdict asks for: 0 when read as asked, else 1 (<see cref="CrmKitCommandLine.BadInput"/>).</summary>
    public int ExitCode => ReadAsAsked ? CrmKitCommandLine.Success : CrmKitCommandLine.BadInput;

    /// <summary>Writes <see cref="Messages"/> to <paramref name="error"/>, one <c>crmkit: </c> line each (every command the same way).</summary>
    public void Write(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var line in Messages)
        {
            error.WriteLine($"crmkit: {line}");
        }
    }

    public static ImportVerdict Of(CustomerDataSet dataSet, double maxRejectedPercent, bool strict)
    {
        var usable = !dataSet.Customers.IsEmpty || !dataSet.GuestSales.IsEmpty;
        var messages = MessagesOf(dataSet, maxRejectedPercent, strict, usable);
        return new ImportVerdict(messages.IsEmpty, usable, messages, UiLanguage.English.Apply(() => MessagesOf(dataSet, maxRejectedPercent, strict, usable)));
    }

    private static ImmutableArray<string> MessagesOf(CustomerDataSet dataSet, double maxRejectedPercent, bool strict, bool usable)
    {
        var messages = ImmutableArray.CreateBuilder<string>();
        if (!usable)
        {
            messages.Add(Display.Format(Strings.VerdictNoUsableRows, LikelyCause(dataSet)));
        }

        foreach (var file in dataSet.Files)
        {
            if (file.Unreadable && usable)
            {
                messages.Add(Display.Format(Strings.VerdictUnreadable, file.File, dataSet.IssueGroups.First(g => g.File == file.File && g.Severity == ImportIssueSeverity.Error).DescribeReason()));
            }
            else if (file.RowsRead > 0 && 100.0 * file.RowsRejected / file.RowsRead > maxRejectedPercent)
            {
                messages.Add(Display.Format(Strings.VerdictTooManyRejected, file.File, file.RowsRejected, file.RowsRead, 100.0 * file.RowsRejected / file.RowsRead, maxRejectedPercent));
            }
        }

        var errors = dataSet.IssueGroups.Where(g => g.Severity == ImportIssueSeverity.Error).Sum(g => g.Count);
        if (strict && errors > 0 && messages.Count == 0)
        {
            messages.Add(Display.Plural(errors, Strings.VerdictStrictOne, Strings.VerdictStrict, errors));
        }

        return messages.ToImmutable();
    }

    /// <summary>Writes the import's issues to standard error, grouped by kind.</summary>
    public static void WriteIssues(TextWriter error, CustomerDataSet dataSet)
    {
        var groups = dataSet.IssueGroups;
        foreach (var group in groups.Take(MaxGroupsShown))
        {
            error.WriteLine(group.Describe());
        }

        if (groups.Length > MaxGroupsShown)
        {
            error.WriteLine(Display.Format(Strings.VerdictMoreIssueKinds, groups.Length - MaxGroupsShown));
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
            parts.Add(Display.Format(Strings.VerdictStopped, string.Join(", ", stopped)));
        }

        if (empty.Count > 0)
        {
            parts.Add(Display.Format(empty.Count == 1 ? Strings.VerdictHeaderOnlyOne : Strings.VerdictHeaderOnlyMany, string.Join(", ", empty)));
        }

        return parts.Count == 0 ? Strings.VerdictNoCustomersOrOrders : Display.Format(Strings.VerdictCauses, Display.Clauses(parts));
    }
}
