using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// An enrolment rule, as data: binds a care process to an entry trigger, a correlation key, a re-entry policy, exit
/// conditions and a goal. JSON through <see cref="JourneyJson"/>. Instances remember the versioned id
/// (<see cref="VersionedId"/>): raise <see cref="Version"/> when editing, and instances started under the old version
/// keep running it.
/// </summary>
public sealed record Journey
{
    /// <summary>The id (lowercase letters, digits and hyphens).</summary>
    public required string Id { get; init; }

    /// <summary>The version (≥ 1).</summary>
    public int Version { get; init; } = 1;

    /// <summary>A display name, by language (JSON: a string, or <c>{"vi": …, "en": …}</c>), or null.</summary>
    public LocalizedText? Name { get; init; }

    /// <summary>What it is for, by language, or null.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>The process definition's id.</summary>
    public required string Process { get; init; }

    /// <summary>How customers enter.</summary>
    public required JourneyEntry Entry { get; init; }

    /// <summary>What instances are correlated by.</summary>
    public JourneyCorrelation Correlation { get; init; } = JourneyCorrelation.Customer;

    /// <summary>Whether a correlation value may enter again.</summary>
    public JourneyReentry Reentry { get; init; } = JourneyReentry.Once;

    /// <summary>With re-entry: the least time between two entries of the same correlation value, else none.</summary>
    public Duration? CoolDown { get; init; }

    /// <summary>Events handed to the process as triggers (the entering event too, right after the start).</summary>
    public ImmutableArray<JourneyStep> Steps { get; init; } = [];

    /// <summary>Exit conditions.</summary>
    public ImmutableArray<JourneyExit> Exits { get; init; } = [];

    /// <summary>The goal, else none.</summary>
    public JourneyGoal? Goal { get; init; }

    /// <summary><c>{Id}@v{Version}</c>.</summary>
    public string VersionedId => $"{Id}@v{Version}";

    /// <inheritdoc/>
    public bool Equals(Journey? other)
        => other is not null && Id == other.Id && Version == other.Version && Name == other.Name && Description == other.Description
           && Process == other.Process && Entry.Equals(other.Entry) && Correlation == other.Correlation && Reentry == other.Reentry
           && CoolDown == other.CoolDown && Steps.SequenceEqual(other.Steps) && Exits.SequenceEqual(other.Exits) && Equals(Goal, other.Goal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Version);
}
