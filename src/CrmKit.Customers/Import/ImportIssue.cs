using System.Collections.Immutable;
using System.Globalization;

namespace CrmKit.Customers.Import;

/// <summary>A rejected row, or a field left unset, of an input file: where it is and why.</summary>
/// <param name="File">The file name as given to the importer.</param>
/// <param name="Line">The 1-based line of the row in the file (the header is line 1); 0 for a problem with the whole file.</param>
/// <param name="Column">The column name, or <see langword="null"/> when the problem concerns the whole row or file.</param>
/// <param name="Reason">Why it was rejected (personal data masked).</param>
public sealed record ImportIssue(string File, int Line, string? Column, string Reason)
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

    /// <summary><c>orders.csv:17: column 'placed_at': '31/02/2025' is not a date or date-time …</c>; warnings start with <c>warning:</c> (<see cref="Problem"/>'s text).</summary>
    public override string ToString() => Problem.ToString();

    /// <summary>The problem of one issue (or of a group of one), from its parts as they are already checked and masked.</summary>
    internal static Problem ProblemOf(string file, int line, string? column, ImportIssueSeverity severity, string reason)
        => new(
            line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}:{line}") : file,
            $"{(severity == ImportIssueSeverity.Warning ? "warning: " : string.Empty)}{(column is null ? string.Empty : $"column '{column}': ")}{reason}");
}
