using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>An event handed to the journey's process as a trigger.</summary>
/// <param name="Event">The event type.</param>
/// <param name="Trigger">The process trigger fired.</param>
/// <param name="Where">A condition on the event's fields.</param>
/// <param name="Arguments">Trigger parameter → event field (or <c>customer.completedOrders</c>) supplying its value.</param>
public sealed record JourneyStep(CareEventType Event, string Trigger, EventFilter Where, ImmutableSortedDictionary<string, string> Arguments)
{
    /// <inheritdoc/>
    public bool Equals(JourneyStep? other)
        => other is not null && Event == other.Event && Trigger == other.Trigger && Where.Equals(other.Where) && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Event, Trigger);
}
