using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Exit on an event (correlated to the instance) whose fields pass <paramref name="Where"/>.</summary>
/// <param name="Events">The event types.</param>
/// <param name="Where">A condition on the event's fields.</param>
public sealed record EventExit(ImmutableArray<CareEventType> Events, EventFilter Where) : JourneyExit
{
    /// <inheritdoc/>
    public bool Equals(EventExit? other) => other is not null && Events.SequenceEqual(other.Events) && Where.Equals(other.Where);

    /// <inheritdoc/>
    public override int GetHashCode() => Events.Length;
}
