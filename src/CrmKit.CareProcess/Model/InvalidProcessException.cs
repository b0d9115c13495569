using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A process definition failed validation; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class InvalidProcessException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="processId">The process id, or what names the definition (a file name) when it has none.</param>
    /// <param name="problems">Every problem, each at its JSON path.</param>
    public InvalidProcessException(string processId, IReadOnlyList<Problem> problems)
        : base($"Process '{processId}' is invalid: {problems?.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p)))
        => Problems = [.. problems ?? []];

    /// <summary>Each problem at its JSON path (<c>$.transitions[3].to</c>: <c>unknown state 'x'</c>).</summary>
    public ImmutableArray<Problem> Problems { get; }
}
