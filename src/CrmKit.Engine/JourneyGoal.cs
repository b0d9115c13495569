using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The conversion a journey aims at: an event (correlated to the instance) while it is active.</summary>
/// <param name="Events">The event types.</param>
/// <param name="Where">A condition on the event's fields.</param>
/// <param name="ExitOnGoal">Whether reaching the goal ends the instance (exited, reason <c>goal reached</c>).</param>
public sealed record JourneyGoal(ImmutableArray<CareEventType> Events, EventFilter Where, bool ExitOnGoal = false)
{
    /// <inheritdoc/>
    public bool Equals(JourneyGoal? other) => other is not null && Events.SequenceEqual(other.Events) && Where.Equals(other.Where) && ExitOnGoal == other.ExitOnGoal;

    /// <inheritdoc/>
    public override int GetHashCode() => Events.Length;
}
