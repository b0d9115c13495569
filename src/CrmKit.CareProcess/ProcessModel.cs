using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// The data of a process definition: states, triggers and transitions, as written by hand, read from JSON or built
/// with <see cref="ProcessBuilder"/>. Turn it into a validated, executable <see cref="ProcessDefinition"/> with
/// <see cref="ProcessDefinition.Create(ProcessModel)"/>.
/// </summary>
/// <param name="Id">The process id (lower-case letters, digits and dashes).</param>
/// <param name="Name">The name shown to staff.</param>
/// <param name="Initial">The state a new instance starts in.</param>
public sealed record ProcessModel(string Id, string Name, string Initial)
{
    /// <summary>What the process is for.</summary>
    public string? Description { get; init; }

    /// <summary>The states.</summary>
    public ImmutableArray<StateDefinition> States { get; init; } = [];

    /// <summary>The triggers.</summary>
    public ImmutableArray<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>The transitions, in priority order (guarded candidates are tried in this order).</summary>
    public ImmutableArray<TransitionDefinition> Transitions { get; init; } = [];
}
