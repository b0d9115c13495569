using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>
/// One problem of a CLV fit or analysis: what it is (<see cref="Kind"/>) with its figures as numbers, and the invariant
/// English sentence logs and JSON keep (<see cref="Message"/>, also <see cref="ToString"/>). A host that shows problems
/// in another language writes them from <see cref="Kind"/> and the members that kind lists (see <see cref="ClvProblemKind"/>),
/// never by reading the English text.
/// </summary>
/// <param name="Kind">What the problem is.</param>
/// <param name="Message">The problem in invariant English, with what to do where there is something to do; personal data masked.</param>
public sealed record ClvProblem(ClvProblemKind Kind, string Message)
{
    /// <summary>The model concerned as the literature names it (<c>BG/NBD</c>, <c>Gamma-Gamma</c>), or null.</summary>
    public string? Model { get; init; }

    /// <summary>The parameter concerned (<c>r</c>, <c>alpha</c>), or null.</summary>
    public string? Parameter { get; init; }

    /// <summary>The problem's numbers in the order its <see cref="ClvProblemKind"/> member lists them; empty when it has none.</summary>
    public ImmutableArray<double> Figures { get; init; } = [];

    /// <summary>The time unit of a horizon among <see cref="Figures"/>, or null.</summary>
    public Summaries.TimeUnit? Unit { get; init; }

    /// <summary>The first and last purchase day of the history concerned, or null.</summary>
    public DateInterval? History { get; init; }

    /// <summary>The problem this one reports on (a fit not used because of it, a fit that failed with it), or null.</summary>
    public ClvProblem? Cause { get; init; }

    /// <summary>Text from outside CrmKit.Clv that the problem quotes (an optimiser's message, a host's reason, a customer id with personal data masked), or null.</summary>
    public string? Detail { get; init; }

    /// <summary><see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
