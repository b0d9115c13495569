using System.Collections.Immutable;
using CrmKit.Engine;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>Care engine settings (<c>CrmKit:Engine</c>), used by <see cref="CrmKitBuilder.AddEngine(Action{EngineSettings})"/>.</summary>
public sealed class EngineSettings
{
    /// <summary>Whether the built-in journeys (<see cref="CrmKit.Engine.BuiltInJourneys.All"/>) run. Default <see langword="true"/>.</summary>
    public bool BuiltInJourneys { get; set; } = true;

    /// <summary>
    /// A folder of journey JSON files (<c>*.json</c>, the format of <c>seeds/journeys</c>), loaded beside the built-in
    /// journeys; a file with a built-in id and a higher version replaces it for new enrolments. Default: none.
    /// </summary>
    public string? JourneyFolder { get; set; }

    /// <summary>Journeys set in code, added to the built-in and folder ones. Default: none.</summary>
    public IReadOnlyList<Journey> Journeys { get; set; } = [];

    /// <summary>How the hosted service runs (<c>CrmKit:Engine:Hosting</c>: <c>PollInterval</c>, <c>RunDispatcher</c>).</summary>
    public EngineHostOptions Hosting { get; set; } = new();

    /// <summary>How messages are sent (<c>CrmKit:Engine:Dispatch</c>: batch, lease, timeout, retries).</summary>
    public DispatchOptions Dispatch { get; set; } = new();

    /// <summary>Set by <c>AddEngine</c>: journeys are validated at start only for a host that runs the engine.</summary>
    internal bool Registered { get; set; }

    /// <summary>The journeys the engine runs: built-ins (when on), then the folder's files in name order, then <see cref="Journeys"/>.</summary>
    /// <exception cref="InvalidJourneyException">A file is not a valid journey (its name and every problem).</exception>
    internal ImmutableArray<Journey> LoadJourneys() => [.. LoadJourneySources().Select(s => s.Journey)];

    /// <summary>
    /// <see cref="LoadJourneys"/> with where each journey came from: <c>built-in</c>, the folder file's name, or
    /// <c>code</c> (<see cref="Journeys"/>).
    /// </summary>
    /// <exception cref="InvalidJourneyException">A file is not a valid journey (its name and every problem).</exception>
    internal ImmutableArray<(Journey Journey, string Origin)> LoadJourneySources()
    {
        var all = BuiltInJourneys ? CrmKit.Engine.BuiltInJourneys.All.Select(j => (j, "built-in")).ToList() : [];
        if (JourneyFolder is { } folder)
        {
            all.AddRange(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
                .Select(f => (JourneyJson.Read(File.ReadAllText(f), Path.GetFileName(f)), Path.GetFileName(f))));
        }

        all.AddRange(Journeys.Select(j => (j, "code")));
        return [.. all];
    }

    /// <summary>
    /// One warning per process run by more than one active journey (the highest version of each id): a customer both
    /// enrol gets the process's messages once per journey — usually a built-in journey copied under a new id.
    /// </summary>
    internal static IEnumerable<(string Process, string Journeys)> SharedProcesses(IEnumerable<(Journey Journey, string Origin)> journeys)
        => journeys.GroupBy(j => j.Journey.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(j => j.Journey.Version))
            .GroupBy(j => j.Journey.Process, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => (g.Key, string.Join(" and ", g.Select(j => $"{j.Journey.VersionedId} ({j.Origin})"))));
}
