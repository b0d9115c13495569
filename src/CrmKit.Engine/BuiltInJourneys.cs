using System.Collections.Immutable;
using CrmKit.CareProcess;

namespace CrmKit.Engine;

/// <summary>Journeys for the built-in processes, exported to <c>seeds/journeys/ID.json</c>.</summary>
public static class BuiltInJourneys
{
    /// <summary>The built-in processes plus the engine's own small processes (win-back, VIP welcome, occasion greetings).</summary>
    public static ImmutableArray<ProcessDefinition> Processes { get; } = [.. BuiltInProcesses.All];

    /// <summary>All built-in journeys.</summary>
    public static ImmutableArray<Journey> All { get; } = [];
}
