using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What an instance is correlated by: which events reach it and how many may run at once.</summary>
public enum JourneyCorrelation
{
    /// <summary>One instance per customer; every event of the customer reaches it.</summary>
    Customer,

    /// <summary>One instance per order: events naming the order (status changes, feedback on it, warranty claims on it).</summary>
    Order,

    /// <summary>One instance per support ticket: events naming the ticket.</summary>
    Ticket,

    /// <summary>One instance per warranty claim: events naming the claim.</summary>
    Warranty,
}

/// <summary>Whether a customer (or an order, ticket, claim) may enter a journey again.</summary>
public enum JourneyReentry
{
    /// <summary>Never again, once entered (per correlation value).</summary>
    Once,

    /// <summary>Again after the previous instance completed or exited (and the cool-down passed).</summary>
    AfterExit,

    /// <summary>Whenever the trigger fires (after the cool-down), even while an instance runs: instances run side by side.</summary>
    Always,
}

/// <summary>A condition on an event's fields: each named field must have one of the listed values (compared as CrmKit writes them, ignoring case).</summary>
/// <param name="Fields">Field → accepted values (<c>"status": ["completed"]</c>). The fields of each event type: docs/engine-semantics.md.</param>
public sealed record EventFilter(ImmutableSortedDictionary<string, ImmutableArray<string>> Fields)
{
    /// <summary>No condition.</summary>
    public static EventFilter None { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableArray<string>>(StringComparer.Ordinal));

    /// <inheritdoc/>
    public bool Equals(EventFilter? other)
        => other is not null && Fields.Count == other.Fields.Count
           && Fields.All(f => other.Fields.TryGetValue(f.Key, out var v) && v.SequenceEqual(f.Value, StringComparer.Ordinal));

    /// <inheritdoc/>
    public override int GetHashCode() => Fields.Count;
}

/// <summary>How a customer enters a journey. JSON <c>"type"</c>: <c>event</c>, <c>segmentEntered</c>, <c>segmentExited</c>, <c>occasion</c>.</summary>
public abstract record JourneyEntry
{
    private protected JourneyEntry()
    {
    }
}

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

/// <summary>Enter when the customer enters a segment.</summary>
/// <param name="Segment">The segment's id.</param>
public sealed record SegmentEnteredEntry(string Segment) : JourneyEntry;

/// <summary>Enter when the customer leaves a segment.</summary>
/// <param name="Segment">The segment's id.</param>
public sealed record SegmentExitedEntry(string Segment) : JourneyEntry;

/// <summary>
/// Enter on an occasion (birthday, Tết, join anniversary), <paramref name="DaysBefore"/> days before it at local time
/// <paramref name="At"/> in the customer's zone, when the customer passes <paramref name="Customer"/> then; one instance a year.
/// </summary>
/// <param name="Occasion">The occasion.</param>
/// <param name="DaysBefore">Days before the occasion (0–60).</param>
/// <param name="At">The local time.</param>
/// <param name="Customer">A segment rule checked at the due instant, else none.</param>
public sealed record OccasionEntry(Occasion Occasion, int DaysBefore, LocalTime At, Rule? Customer = null) : JourneyEntry;

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

/// <summary>When an instance leaves early. JSON <c>"type"</c>: <c>segmentExited</c>, <c>event</c>, <c>rule</c>.</summary>
public abstract record JourneyExit
{
    private protected JourneyExit()
    {
    }
}

/// <summary>Exit when the customer is no longer in the segment (checked on each event and before each message).</summary>
/// <param name="Segment">The segment's id.</param>
public sealed record SegmentExitedExit(string Segment) : JourneyExit;

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

/// <summary>Exit when a segment rule holds for the customer (checked on each event and before each message).</summary>
/// <param name="Rule">The rule.</param>
public sealed record RuleExit(Rule Rule) : JourneyExit;

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

    /// <summary>A display name.</summary>
    public string? Name { get; init; }

    /// <summary>What it is for.</summary>
    public string? Description { get; init; }

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
