using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>A journey that cannot be used: every problem, each at its JSON path.</summary>
public sealed class InvalidJourneyException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file or journey id.</param>
    /// <param name="errors">The problems, <c>$.entry.segment: no segment 'lapsd'</c>.</param>
    public InvalidJourneyException(string source, IReadOnlyList<string> errors)
        : base($"Journey {source} is invalid: {string.Join("; ", errors)}")
    {
        Origin = source;
        Errors = errors;
    }

    /// <summary>The file or journey id.</summary>
    public string Origin { get; }

    /// <summary>The problems.</summary>
    public IReadOnlyList<string> Errors { get; }
}

/// <summary>JSON for journeys: every problem reported at its JSON path.</summary>
public static class JourneyJson
{
    /// <summary>Reads and validates a journey (structure only; references to processes and segments are checked by <see cref="JourneyValidator"/>).</summary>
    /// <exception cref="InvalidJourneyException">Malformed or invalid: every problem with its path.</exception>
    public static Journey Read(string json, string source = "(text)") => throw new NotImplementedException();

    /// <summary>Writes a journey, indented.</summary>
    public static string Write(Journey journey) => throw new NotImplementedException();
}

/// <summary>Checks journeys against the processes and segments they name.</summary>
public static class JourneyValidator
{
    /// <summary>Every problem of the journeys against the processes and catalogue, each prefixed with the journey's versioned id.</summary>
    public static ImmutableArray<string> Validate(IEnumerable<Journey> journeys, IEnumerable<CrmKit.CareProcess.ProcessDefinition> processes, CrmKit.Segmentation.SegmentCatalog catalog) => throw new NotImplementedException();
}

/// <summary>JSON for <see cref="CareEvent"/>s so a host can queue them: a <c>"type"</c> discriminator (<see cref="TypeName"/>), CrmKit's enum names.</summary>
public static class CareEventJson
{
    /// <summary>The discriminator of an event type (<c>orderPlaced</c>).</summary>
    public static string TypeName(CareEventType type) => throw new NotImplementedException();

    /// <summary>Writes one event.</summary>
    public static string Write(CareEvent e) => throw new NotImplementedException();

    /// <summary>Reads one event.</summary>
    /// <exception cref="InvalidEventException">Malformed: the problem at its JSON path.</exception>
    public static CareEvent Read(string json) => throw new NotImplementedException();

    /// <summary>Reads a JSON array of events.</summary>
    /// <exception cref="InvalidEventException">Malformed: the problem at its JSON path (<c>$[3].order.total</c>).</exception>
    public static ImmutableArray<CareEvent> ReadMany(string json) => throw new NotImplementedException();
}

/// <summary>An event document that cannot be read: the problem at its JSON path.</summary>
public sealed class InvalidEventException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public InvalidEventException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The JSON path.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
