using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A state of a process.</summary>
/// <param name="Id">The state's id.</param>
/// <param name="Description">What it means, for staff, by language (the state's label in diagrams), or null.</param>
public sealed record StateDefinition(string Id, LocalizedText? Description = null)
{
    /// <summary>The enclosing state: its transitions apply to this one too. None for a top-level state.</summary>
    public string? Parent { get; init; }

    /// <summary>For a state with children: the child entered when a transition targets this state.</summary>
    public string? InitialChild { get; init; }

    /// <summary>A final state: the instance ends there (only internal transitions may follow).</summary>
    [JsonPropertyName("final")]
    public bool IsFinal { get; init; }

    /// <summary>Effects when the state is entered.</summary>
    public ImmutableArray<Effect> OnEntry { get; init; } = [];

    /// <summary>Effects when the state is left.</summary>
    public ImmutableArray<Effect> OnExit { get; init; } = [];
}
