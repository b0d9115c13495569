using System.Collections.Immutable;

namespace CrmKit.Customers.Import;

/// <summary>
/// Where an import's issues go: every one to <see cref="CsvImportOptions.OnIssue"/> (if set) as it is found, the
/// first <see cref="CsvImportOptions.MaxRetainedIssuesPerFile"/> of each file kept, and exact counts and
/// <see cref="ImportIssueGroup"/>s kept for all — so memory does not grow with the number of rejected rows (issue 18:
/// 17.6 M rejected rows once held 4.3 GB of issues).
/// </summary>
internal sealed class ImportIssueLog(int retainPerFile, Action<ImportIssue>? sink)
{
    private readonly List<ImportIssue> _retained = [];
    private readonly Dictionary<string, FileTally> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, string? Column, ImportIssueSeverity Severity, string Shape), GroupTally> _groups = [];
    private readonly List<GroupTally> _groupOrder = [];

    /// <summary>How many issues there were in all.</summary>
    public int Count { get; private set; }

    public void Add(ImportIssue issue)
    {
        Count++;
        sink?.Invoke(issue);
        if (!_files.TryGetValue(issue.File, out var file))
        {
            _files[issue.File] = file = new FileTally();
        }

        file.Count++;
        if (issue.Severity == ImportIssueSeverity.Warning)
        {
            file.Warnings++;
        }
        else
        {
            file.FirstErrorLine = Math.Min(file.FirstErrorLine, issue.Line);
        }

        if (file.Count <= retainPerFile)
        {
            _retained.Add(issue);
        }

        var key = (issue.File, issue.Column, issue.Severity, ImportIssueGroup.ShapeOf(issue.Reason));
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new GroupTally(issue);
            _groupOrder.Add(group);
        }

        group.Add(issue);
    }

    /// <summary>
    /// Takes in every issue of <paramref name="other"/>, a log of files this one has no issue of (files read on another
    /// thread): counts, retained issues and groups are then as if its issues had been added here after this log's.
    /// </summary>
    /// <exception cref="InvalidOperationException">Both logs have issues of one file.</exception>
    public void Merge(ImportIssueLog other)
    {
        if (other._files.Keys.FirstOrDefault(_files.ContainsKey) is { } shared)
        {
            throw new InvalidOperationException($"Both logs have issues of '{shared}'.");
        }

        Count += other.Count;
        _retained.AddRange(other._retained);
        foreach (var (file, tally) in other._files)
        {
            _files.Add(file, tally);
        }

        foreach (var (key, group) in other._groups)
        {
            _groups.Add(key, group);
        }

        _groupOrder.AddRange(other._groupOrder);
    }

    /// <summary>The warnings of a file.</summary>
    public int WarningsOf(string file) => _files.TryGetValue(file, out var tally) ? tally.Warnings : 0;

    /// <summary>The first line of a file with an error (<see cref="int.MaxValue"/> when none).</summary>
    public int FirstErrorLineOf(string file) => _files.TryGetValue(file, out var tally) ? tally.FirstErrorLine : int.MaxValue;

    /// <summary>The retained issues, by file in <paramref name="fileOrder"/> and by line.</summary>
    public ImmutableArray<ImportIssue> Retained(IReadOnlyList<string> fileOrder)
        => [.. _retained.OrderBy(i => Index(fileOrder, i.File)).ThenBy(i => i.Line)];

    /// <summary>Every issue grouped as <see cref="ImportIssueGroup.Of"/> groups them, by file in <paramref name="fileOrder"/> and by first line.</summary>
    public ImmutableArray<ImportIssueGroup> Groups(IReadOnlyList<string> fileOrder)
        => [.. _groupOrder.OrderBy(g => Index(fileOrder, g.First.File)).ThenBy(g => g.FirstLine).SelectMany(g => g.ToGroups())];

    private static int Index(IReadOnlyList<string> order, string file)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == file)
            {
                return i;
            }
        }

        return order.Count;
    }

    private sealed class FileTally
    {
        public int Count { get; set; }

        public int Warnings { get; set; }

        public int FirstErrorLine { get; set; } = int.MaxValue;
    }

    // One group's count, first reason, and its first distinct lines (MaxLines + 1 of them tell all the group shows:
    // at most one is 0, and two distinct lines make it a group of rows); while every issue is on one line, the issues
    // themselves, since several problems of one line are listed one by one.
    private sealed class GroupTally(ImportIssue first)
    {
        private readonly List<int> _lines = [];
        private List<ImportIssue>? _sameLine = [];

        public ImportIssue First { get; } = first;

        public int FirstLine { get; private set; } = int.MaxValue;

        public int Count { get; private set; }

        public void Add(ImportIssue issue)
        {
            Count++;
            FirstLine = Math.Min(FirstLine, issue.Line);
            if (_lines.Count <= ImportIssueGroup.MaxLines && !_lines.Contains(issue.Line))
            {
                _lines.Add(issue.Line);
            }

            if (_lines.Count > 1)
            {
                _sameLine = null;
            }
            else
            {
                _sameLine?.Add(issue);
            }
        }

        public IEnumerable<ImportIssueGroup> ToGroups()
            => _sameLine is { Count: > 1 } one
                ? one.Select(i => ImportIssueGroup.Like(i, 1, i.Line > 0 ? [i.Line] : []))
                : [ImportIssueGroup.Like(First, Count, [.. _lines.Where(l => l > 0).Take(ImportIssueGroup.MaxLines).Order()])];
    }
}
