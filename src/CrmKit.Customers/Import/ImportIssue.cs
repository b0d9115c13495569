using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers.Localization;
using CrmKit.Localization;

namespace CrmKit.Customers.Import;

/// <summary>A rejected row, or a field left unset, of an input file: where it is and why.</summary>
/// <param name="File">The file name as given to the importer.</param>
/// <param name="Line">The 1-based line of the row in the file (the header is line 1); 0 for a problem with the whole file.</param>
/// <param name="Column">The column name, or <see langword="null"/> when the problem concerns the whole row or file.</param>
/// <param name="Reason">Why it was rejected (personal data masked).</param>
public sealed partial record ImportIssue(string File, int Line, string? Column, string Reason)
{
    /// <summary>
    /// Why it was rejected, with any phone number or email address masked (<see cref="PersonalData.Redact"/>) and
    /// control characters written as escapes (<c>\u001B</c>), so that a message never drives a terminal.
    /// </summary>
    public string Reason { get; init; } = Guard.EscapeControls(PersonalData.Redact(Reason));

    /// <summary>The column name, or <see langword="null"/> when the problem concerns the whole row or file; control characters escaped.</summary>
    public string? Column { get; init; } = Column is null ? null : Guard.EscapeControls(Column);

    /// <summary>Whether the row was rejected (<see cref="ImportIssueSeverity.Error"/>) or kept with the field unset (<see cref="ImportIssueSeverity.Warning"/>). Default: error.</summary>
    public ImportIssueSeverity Severity { get; init; }

    /// <summary>
    /// The issue as CrmKit's one <see cref="Customers.Problem"/> shape: <see cref="Problem.Location"/> is
    /// <c>file:line</c> (<c>orders.csv:17</c>; the file alone on line 0) and <see cref="Problem.Message"/> the rest —
    /// <c>warning: </c> for a warning, then <c>column 'placed_at': </c> when a column is named, then the reason.
    /// <see cref="File"/>, <see cref="Line"/>, <see cref="Column"/> and <see cref="Severity"/> stay available apart.
    /// </summary>
    public Problem Problem => ProblemOf(File, Line, Column, Severity, Reason);

    /// <summary>
    /// What kind of problem this is, for <see cref="Describe"/>; <see cref="ImportIssueKind.Other"/> (the default)
    /// when the issue has no translated message yet.
    /// </summary>
    public ImportIssueKind Kind { get; init; }

    /// <summary>
    /// The values the kind's message quotes, in the order <see cref="ImportIssueKind"/> documents — as written in
    /// <see cref="Reason"/> (phone numbers and email addresses masked, control characters escaped); empty for none.
    /// </summary>
    public ImmutableArray<string> Arguments
    {
        get => _arguments.IsDefault ? [] : _arguments;
        init => _arguments = value.IsDefaultOrEmpty ? [] : [.. value.Select(a => Guard.EscapeControls(PersonalData.Redact(a ?? string.Empty)))];
    }

    private readonly ImmutableArray<string> _arguments;

    /// <summary>
    /// The issue as a shop owner reads it in <paramref name="culture"/> (default <see cref="CultureInfo.CurrentUICulture"/>):
    /// <c>orders.csv:17: dòng bị loại — cột 'placed_at': …</c> in Vietnamese. In English, and for a culture CrmKit has
    /// no messages in, <see cref="ToString()"/> with an error that rejected its row said so as Vietnamese says it
    /// (<c>orders.csv:17: row rejected — column 'placed_at': …</c>; a warning says the row was kept). Kinds without a translation (<see cref="ImportIssueKind.Other"/>) keep
    /// their English reason inside the translated frame.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    /// <returns>One line: <c>location: message</c>.</returns>
    public string Describe(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return MessageTable.Speaks(Messages.ResourceManager, culture)
            ? $"{Problem.Location}: {MessageOf(Column, Severity, ReasonIn(Kind, Arguments, Reason, culture), culture, RejectsItsRow(Kind, Line, Severity, Reason))}"
            : English(Problem, RejectsItsRow(Kind, Line, Severity, Reason));
    }

    /// <summary>
    /// The English line of one issue: <see cref="Problem"/>'s text, with <c>row rejected — </c> after the location when
    /// the error rejected its row (the invariant <see cref="ToString()"/> logs and JSON keep stays without it).
    /// </summary>
    internal static string English(Problem problem, bool rejectsRow)
        => rejectsRow ? $"{problem.Location}: row rejected — {problem.Message}" : problem.ToString();

    /// <summary>
    /// The reason of a kind in a culture that has messages; for <see cref="ImportIssueKind.Other"/> the cell readers'
    /// reasons recognised by <see cref="ImportReasonText"/>, any other the English reason.
    /// </summary>
    internal static string ReasonIn(ImportIssueKind kind, ImmutableArray<string> arguments, string reason, CultureInfo culture)
    {
        if (OtherDelimiterPattern().Match(reason) is { Success: true } hint)
        {
            // The hint after a missing column, in every kind: the reason before it translated, then the hint.
            return ReasonIn(kind, arguments, reason[..hint.Index], culture) + " "
                + MessageTable.Format(Messages.ResourceManager, "ImportReason_OtherDelimiter", culture, hint.Groups["other"].Value, hint.Groups["used"].Value);
        }

        if (kind == ImportIssueKind.Other)
        {
            return ImportReasonText.Translate(reason, culture);
        }

        // The amounts of a negative order are kept invariant in Arguments (-50000, 50000, VND); in a language with
        // messages they are written with its digit grouping (-50.000, 50.000 ₫ in Vietnamese), as the rest of its output.
        if (kind == ImportIssueKind.NegativeAmountReturn && arguments.Length == 4)
        {
            arguments = [arguments[0], Grouped(arguments[1], culture), Grouped(arguments[2], culture), CurrencyIn(arguments[3], culture)];
        }

        return MessageTable.Format(Messages.ResourceManager, $"ImportIssue_{kind}", culture, [.. arguments]);
    }

    // An invariant amount ("1250000", "-12.5") with the culture's grouping and decimal separator; other text as it is.
    private static string Grouped(string amount, CultureInfo culture)
        => decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value.ToString("#,0.##", culture) : amount;

    // The Vietnamese đồng as Vietnamese writes it (₫); any other currency by its ISO 4217 code.
    private static string CurrencyIn(string code, CultureInfo culture)
        => code == "VND" && culture.TwoLetterISOLanguageName == "vi" ? "₫" : code;

    /// <summary>
    /// Whether the issue is an error that rejected the row it is on — not a warning, and not a problem of the file or
    /// its header (an empty file, a missing column, an encoding, a mapped column the header lacks), which reject no row
    /// of their own.
    /// </summary>
    internal static bool RejectsItsRow(ImportIssueKind kind, int line, ImportIssueSeverity severity, string reason)
        => severity == ImportIssueSeverity.Error && line > 1   // line 1 is the header: its errors reject no row
            && kind is not (ImportIssueKind.EmptyFile or ImportIssueKind.MissingColumn or ImportIssueKind.NotUtf8 or ImportIssueKind.EncodingOverridden)
            && !reason.StartsWith(MappedColumnMissing, StringComparison.Ordinal);

    /// <summary>
    /// The sentence after a missing column when the header is one column holding <paramref name="other"/>: the file is
    /// separated by it, not by <paramref name="used"/> (translated by <see cref="ReasonIn"/> in every kind).
    /// </summary>
    internal static string OtherDelimiter(char other, char used)
        => $"The header is one column that holds {DelimiterDetector.NameOf(other)}: the file seems to be separated by {DelimiterDetector.NameOf(other)}, not {DelimiterDetector.NameOf(used)}.";

    /// <summary>How the reason of a required field whose mapped columns the header lacks begins (a header error).</summary>
    internal const string MappedColumnMissing = "the mapping names the column";

    /// <summary>
    /// <see cref="Problem"/>'s message framing (row rejected, warning, column) around a reason, in a culture that has
    /// messages: <c>dòng bị loại — cột 'placed_at': …</c>, <c>cảnh báo: cột 'phone': …</c>.
    /// </summary>
    internal static string MessageOf(string? column, ImportIssueSeverity severity, string reason, CultureInfo culture, bool rejectsRow)
    {
        var message = column is null ? reason : MessageTable.Format(Messages.ResourceManager, "ImportIssueInColumn", culture, column, reason);
        return severity == ImportIssueSeverity.Warning ? MessageTable.Format(Messages.ResourceManager, "ImportIssueWarning", culture, message)
            : rejectsRow ? MessageTable.Format(Messages.ResourceManager, "ImportIssueRowRejected", culture, message)
            : message;
    }

    /// <summary><c>orders.csv:17: column 'placed_at': '31/02/2025' is not a date or date-time …</c>; warnings start with <c>warning:</c> (<see cref="Problem"/>'s text).</summary>
    public override string ToString() => Problem.ToString();

    /// <summary>The problem of one issue (or of a group of one), from its parts as they are already checked and masked.</summary>
    internal static Problem ProblemOf(string file, int line, string? column, ImportIssueSeverity severity, string reason)
        => new(
            line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}:{line}") : file,
            $"{(severity == ImportIssueSeverity.Warning ? "warning: " : string.Empty)}{(column is null ? string.Empty : $"column '{column}': ")}{reason}");

    [System.Text.RegularExpressions.GeneratedRegex(@" The header is one column that holds (?<other>'.'|tab): the file seems to be separated by \k<other>, not (?<used>'.'|tab)\.$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex OtherDelimiterPattern();
}
