using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Enter on an event of one of the listed types whose fields pass <paramref name="Where"/>, when the customer passes <paramref name="Customer"/>.</summary>
/// <param name="Events">The event types (at least one).</param>
/// <param name="Where">A condition on the event's fields.</param>
/// <param name="Customer">A segment rule the customer must satisfy after the event (segments may be referred to), else none.</param>
public sealed record EventEntry(ImmutableArray<CareEventType> Events, EventFilter Where, Rule? Customer = null) : JourneyEntry
{
    /// <inheritdoc/>
    public bool Equals(EventEntry? other) => other is not null && Events.SequenceEqual(other.Events) && Where.Equals(other.Where) && Equals(Customer, other.Customer);

    /// <inheritdoc/>
    public override int GetHashCode() => Events.Length;
}
