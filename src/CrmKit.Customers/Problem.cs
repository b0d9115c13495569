namespace CrmKit.Customers;

/// <summary>
/// One problem at a location — the single shape in which CrmKit reports what is wrong with a rule, a segment
/// catalogue, a process definition, an imported file or a host's options: where, and what (with what would be valid).
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Location"/> is one of three kinds, written as the reader of the input would look for it:
/// a JSON path (<c>$.segments[2].rule.all[0].op</c>), a position in a file (<c>orders.csv:17</c> or
/// <c>care.json:4:12</c>, 1-based line and column), or an options key path (<c>CrmKit:Clv:HorizonDays</c>).
/// </para>
/// <para>
/// Both texts are shown to people and written to terminals and logs, so control characters in them (an escape that
/// would drive a terminal, a line break that would forge a log line) are written as <c>\uXXXX</c>. Neither may hold
/// personal data in clear: producers mask it (<see cref="PersonalData.Redact"/>) before building a problem.
/// </para>
/// </remarks>
/// <param name="Location">Where the problem is: a JSON path, <c>file:line</c> / <c>file:line:column</c>, or an options key path; never <see langword="null"/>.</param>
/// <param name="Message">What is wrong and what would be valid; never <see langword="null"/>.</param>
/// <exception cref="ArgumentNullException"><paramref name="Location"/> or <paramref name="Message"/> is <see langword="null"/> (also through <c>with</c>).</exception>
public record Problem(string Location, string Message)
{
    /// <summary>Where the problem is (see <see cref="Problem"/>); control characters escaped.</summary>
    public string Location { get; init => field = Checked(value, nameof(Location)); } = Checked(Location, nameof(Location));

    /// <summary>What is wrong and what would be valid; control characters escaped.</summary>
    public string Message { get; init => field = Checked(value, nameof(Message)); } = Checked(Message, nameof(Message));

    /// <summary>The problem as one line: <c>Location: Message</c>, e.g. <c>$.segments[2].rule.op: unknown operator 'eqq'</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";

    private static string Checked(string? text, string name) => Guard.EscapeControls(text ?? throw new ArgumentNullException(name));
}
