using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.Customers.Localization;
using CrmKit.Localization;

namespace CrmKit.Customers.Import;

/// <summary>
/// Issues of one kind: the same file, column, severity and reason (values aside), with how many there are and the
/// first lines — "183 rows: column InvoiceDate: '12/1/10 8:26' is not a date … — lines 2, 3, 4 …".
/// </summary>
/// <param name="File">The file.</param>
/// <param name="Column">The column, or <see langword="null"/> for whole rows.</param>
/// <param name="Severity">Rejected rows or fields left unset.</param>
/// <param name="Reason">The first issue's reason (with its value).</param>
/// <param name="Count">How many issues.</param>
/// <param name="Lines">Their lines, first ones only (at most <see cref="MaxLines"/>).</param>
public sealed partial record ImportIssueGroup(string File, string? Column, ImportIssueSeverity Severity, string Reason, int Count, ImmutableArray<int> Lines)
{
    /// <summary>How many lines a group lists.</summary>
    public const int MaxLines = 10;

    /// <summary>Groups issues by file, column, severity and reason with quoted values blanked, in order of first appearance.</summary>
    public static ImmutableArray<ImportIssueGroup> Of(IEnumerable<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var groups = new List<ImportIssueGroup>();
        foreach (var group in issues.GroupBy(i => (i.File, i.Column, i.Severity, Shape: ShapeOf(i.Reason))))
        {
            var lines = group.Select(i => i.Line).Distinct().ToList();
            if (lines.Count == 1 && group.Count() > 1)
            {
                // Several problems of one line (a header missing two columns) are not "rows": each is its own.
                groups.AddRange(group.Select(i => Like(i, 1, i.Line > 0 ? [i.Line] : [])));
                continue;
            }

            groups.Add(Like(group.First(), group.Count(), [.. lines.Where(l => l > 0).Take(MaxLines)]));
        }

        return [.. groups];
    }

    /// <summary>
    /// The group as CrmKit's one <see cref="Customers.Problem"/> shape. A group of one issue reads as that issue
    /// (<see cref="ImportIssue.Problem"/>: location <c>file:line</c>); a larger group is located at the file and its
    /// message counts the rows and names the first lines (<c>183 rows rejected in column 'InvoiceDate', such as line 2: … — lines 2, 3, 4 …</c>).
    /// </summary>
    public Problem Problem
    {
        get
        {
            if (Count == 1)
            {
                return ImportIssue.ProblemOf(File, Lines.IsEmpty ? 0 : Lines[0], Column, Severity, Reason);
            }

            var what = Severity == ImportIssueSeverity.Error ? string.Create(CultureInfo.InvariantCulture, $"{Count:N0} rows rejected") : string.Create(CultureInfo.InvariantCulture, $"{Count:N0} warnings");
            var lines = Lines.IsEmpty ? string.Empty : $" — line{(Lines.Length > 1 ? "s" : string.Empty)} {string.Join(", ", Lines)}{(Count > Lines.Length ? " …" : string.Empty)}";
            var first = Lines.IsEmpty ? string.Empty : $"line {Lines[0]}: ";
            return new Problem(File, $"{what}{(Column is null ? string.Empty : $" in column '{Column}'")}, such as {first}{Reason}{lines}");
        }
    }

    /// <summary>A group of <paramref name="count"/> issues like <paramref name="first"/> (its file, column, severity, reason and message kind) on <paramref name="lines"/>.</summary>
    internal static ImportIssueGroup Like(ImportIssue first, int count, ImmutableArray<int> lines)
        => new(first.File, first.Column, first.Severity, first.Reason, count, lines) { Kind = first.Kind, Arguments = first.Arguments };

    /// <summary>The first issue's <see cref="ImportIssue.Kind"/>, for <see cref="Describe"/>.</summary>
    public ImportIssueKind Kind { get; init; }

    /// <summary>The first issue's <see cref="ImportIssue.Arguments"/>, for <see cref="Describe"/>.</summary>
    public ImmutableArray<string> Arguments
    {
        get => _arguments.IsDefault ? [] : _arguments;
        init => _arguments = value;
    }

    private readonly ImmutableArray<string> _arguments;

    /// <summary>
    /// The reason alone (no file, count or lines) as a shop owner reads it in <paramref name="culture"/> (default
    /// <see cref="CultureInfo.CurrentUICulture"/>); in English, and for a culture CrmKit has no messages in, exactly
    /// <see cref="Reason"/>.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    public string DescribeReason(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return MessageTable.Speaks(Messages.ResourceManager, culture) ? ImportIssue.ReasonIn(Kind, Arguments, Reason, culture) : Reason;
    }

    /// <summary>
    /// The group as a shop owner reads it in <paramref name="culture"/> (default <see cref="CultureInfo.CurrentUICulture"/>):
    /// <c>orders.csv: 183 dòng bị loại ở cột 'InvoiceDate', ví dụ dòng 2: … — các dòng 2, 3, 4 …</c> in Vietnamese,
    /// counts written as the culture writes them. In English, and for a culture CrmKit has no messages in,
    /// <see cref="ToString()"/>, a group of one error that rejected its row saying so (<c>row rejected — </c>) as a
    /// larger group does (<c>183 rows rejected</c>).
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    /// <returns>One line: <c>location: message</c>.</returns>
    public string Describe(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (!MessageTable.Speaks(Messages.ResourceManager, culture))
        {
            return Count == 1 ? ImportIssue.English(Problem, !Lines.IsEmpty && ImportIssue.RejectsItsRow(Kind, Lines[0], Severity, Reason)) : ToString();
        }

        var reason = ImportIssue.ReasonIn(Kind, Arguments, Reason, culture);
        if (Count == 1)
        {
            return $"{Problem.Location}: {ImportIssue.MessageOf(Column, Severity, reason, culture, !Lines.IsEmpty && ImportIssue.RejectsItsRow(Kind, Lines[0], Severity, Reason))}";
        }

        var table = Messages.ResourceManager;
        var what = MessageTable.Format(table, Severity == ImportIssueSeverity.Error ? "ImportGroupErrors" : "ImportGroupWarnings", culture, Count);
        what = Column is null ? what : MessageTable.Format(table, "ImportGroupInColumn", culture, what, Column);
        what = Lines.IsEmpty ? MessageTable.Format(table, "ImportGroupSuchAs", culture, what, reason) : MessageTable.Format(table, "ImportGroupSuchAsLine", culture, what, Lines[0], reason);
        if (!Lines.IsEmpty)
        {
            what = MessageTable.Format(table, Lines.Length > 1 ? "ImportGroupLines" : "ImportGroupLine", culture, what, string.Join(", ", Lines) + (Count > Lines.Length ? " …" : string.Empty));
        }

        return $"{File}: {what}";
    }

    /// <summary><c>orders.csv: 183 rows rejected in column 'InvoiceDate', such as line 2: '13/13/10 8:26' is not a date … — lines 2, 3, 4 …</c> (<see cref="Problem"/>'s text).</summary>
    public override string ToString() => Problem.ToString();

    /// <summary>A reason with its quoted values and numbers blanked: issues of one kind share it.</summary>
    internal static string ShapeOf(string reason) => Digits().Replace(Quoted().Replace(reason, "'…'"), "#");

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
