using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A process definition failed validation; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class InvalidProcessException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public InvalidProcessException(string processId, IReadOnlyList<string> problems)
        : base($"Process '{processId}' is invalid: {problems?.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p)))
        => Problems = [.. problems ?? []];

    /// <summary>Each problem, prefixed with its JSON path ("$.transitions[3].to: unknown state 'x'").</summary>
    public ImmutableArray<string> Problems { get; }
}
