using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What the engine runs with: the segment catalogue, journeys, processes, contact policy, zone and calendars.</summary>
public sealed record CareEngineOptions
{
    /// <summary>The segment catalogue customers are classified against (default: the built-in segments).</summary>
    public SegmentCatalog Catalog { get; init; } = BuiltInSegments.Catalog;

    /// <summary>Frozen RFM thresholds of the last full run (see <see cref="IncrementalClassifier"/>), else none (scores left unset).</summary>
    public RfmThresholds? RfmThresholds { get; init; }

    /// <summary>Frozen value tier thresholds of the last full run, else none (tiers left unset).</summary>
    public ValueTierThresholds? ValueTiers { get; init; }

    /// <summary>The journeys (default: <see cref="BuiltInJourneys.All"/>). Several versions of one id may be listed: the highest enrols, older ones keep their instances running.</summary>
    public ImmutableArray<Journey> Journeys { get; init; } = BuiltInJourneys.All;

    /// <summary>The process definitions journeys refer to (default: <see cref="BuiltInJourneys.Processes"/>: the built-in processes and the engine's own).</summary>
    public ImmutableArray<ProcessDefinition> Processes { get; init; } = BuiltInJourneys.Processes;

    /// <summary>The contact policy every message passes (default: <see cref="ContactPolicy.Vietnam"/>).</summary>
    public ContactPolicy Policy { get; init; } = ContactPolicy.Vietnam;

    /// <summary>The customers' zone for quiet hours, local-time timers, occasions and calendar days (default: Asia/Ho_Chi_Minh).</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>Business hours for timers counted in business hours (default: always open).</summary>
    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.AlwaysOpen;

    /// <summary>Dates of Tết and other occasions (default: <see cref="OccasionCalendar.Default"/>).</summary>
    public OccasionCalendar Occasions { get; init; } = OccasionCalendar.Default;

    /// <summary>How many times a unit of work is retried after an optimistic-concurrency conflict before failing (default 16).</summary>
    public int MaxConflictRetries { get; init; } = 16;

    /// <summary>How many customers <see cref="CareEngine.AdvanceAsync"/> takes from the next-due index at a time (default 1,000).</summary>
    public int AdvanceBatchSize { get; init; } = 1000;

    /// <summary>
    /// The clock <see cref="CareEngine.HandleAsync"/> checks event instants against, else none (no check: replays of
    /// recorded histories run without a clock). The DI registration passes the container's <see cref="IClock"/>.
    /// </summary>
    public IClock? Clock { get; init; }

    /// <summary>
    /// How far ahead of <see cref="Clock"/> an event's <see cref="CareEvent.At"/> may be (default 1 hour: clock skew
    /// between the shop and the engine). A later event is refused with <see cref="InvalidEventException"/>: applied,
    /// it would move the customer's clock ahead and every later event and message with it. Must not be negative.
    /// </summary>
    public Duration MaxEventLead { get; init; } = Duration.FromHours(1);
}

/// <summary>What <see cref="CareEngine.HandleAsync"/> did with an event.</summary>
public enum HandleOutcome
{
    /// <summary>The event was applied and committed.</summary>
    Applied,

    /// <summary>The event id was already processed: nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// The event was recorded and ignored: the customer was erased or merged away, or the event names a ticket or
    /// warranty claim never opened (<see cref="HandleResult.Notices"/> says which). Time still advanced for the latter.
    /// </summary>
    Ignored,

    /// <summary>
    /// The event names something not seen yet (a status change of an order whose <c>orderPlaced</c> has not arrived):
    /// it was recorded and kept in the customer's state, to be applied when that arrives (<see cref="HandleResult.Notices"/> says what).
    /// Time still advanced: what fell due before it fired.
    /// </summary>
    Held,
}

/// <summary>What happened to a journey instance in a unit of work.</summary>
public enum InstanceChangeKind
{
    /// <summary>Started.</summary>
    Enrolled,

    /// <summary>Its process took a transition (a trigger or a timer).</summary>
    Transition,

    /// <summary>Its process reached a final state.</summary>
    Completed,

    /// <summary>An exit condition held.</summary>
    Exited,

    /// <summary>The goal event happened.</summary>
    GoalReached,

    /// <summary>An event was mapped to a trigger the current state does not accept.</summary>
    TriggerRejected,
}

/// <summary>One change to a journey instance.</summary>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Kind">What happened.</param>
/// <param name="State">The process state after it.</param>
/// <param name="At">When.</param>
/// <param name="Detail">The trigger, the exit reason or the rejection, else none.</param>
public sealed record InstanceChange(string JourneyId, string InstanceId, InstanceChangeKind Kind, string State, Instant At, string? Detail = null);

/// <summary>The contact policy's decision on one message effect.</summary>
/// <param name="Message">The message (for a skipped or dropped one, <see cref="OutboxMessage.DueAt"/> is the instant it was due).</param>
/// <param name="Verdict">Allowed, deferred, skipped or dropped.</param>
/// <param name="Reason">Why it was not simply allowed, else none.</param>
public sealed record MessageDecision(OutboxMessage Message, ContactVerdict Verdict, string? Reason);

/// <summary>The result of one unit of work.</summary>
/// <param name="Outcome">Applied, duplicate or ignored.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Entered">Segments entered.</param>
/// <param name="Exited">Segments exited.</param>
/// <param name="Instances">Changes to journey instances, in order.</param>
/// <param name="Messages">Messages decided (queued, deferred, skipped, dropped), in order.</param>
/// <param name="Cancelled">Queued messages cancelled (exits, consent withdrawn, erasure).</param>
/// <param name="Tasks">Tasks created.</param>
/// <param name="Retries">Optimistic-concurrency conflicts retried.</param>
public sealed record HandleResult(
    HandleOutcome Outcome,
    CustomerId CustomerId,
    ImmutableArray<string> Entered,
    ImmutableArray<string> Exited,
    ImmutableArray<InstanceChange> Instances,
    ImmutableArray<MessageDecision> Messages,
    ImmutableArray<OutboxCancellation> Cancelled,
    ImmutableArray<CareTask> Tasks,
    int Retries)
{
    /// <summary>
    /// What the engine did with the event beyond the figures above, in words: a status change held for an order not
    /// seen yet, a held status applied to an arriving order, an event ignored (and why). Empty when nothing of note.
    /// </summary>
    public ImmutableArray<string> Notices { get; init; } = [];

    internal static HandleResult Nothing(HandleOutcome outcome, CustomerId customer) => new(outcome, customer, [], [], [], [], [], [], 0);
}

/// <summary>The result of <see cref="CareEngine.AdvanceAsync"/>.</summary>
/// <param name="Now">The instant advanced to.</param>
/// <param name="Customers">The unit of work of each customer that had something due.</param>
public sealed record AdvanceResult(Instant Now, ImmutableArray<HandleResult> Customers)
{
    /// <summary>Messages decided over all customers.</summary>
    public IEnumerable<MessageDecision> Messages => Customers.SelectMany(c => c.Messages);
}

/// <summary>The send-time verdict.</summary>
public enum SendVerdict
{
    /// <summary>Send now.</summary>
    Send,

    /// <summary>Not now: reschedule to <see cref="SendCheck.Until"/>.</summary>
    Defer,

    /// <summary>Never: cancel with <see cref="SendCheck.Reason"/>.</summary>
    Cancel,
}

/// <summary>The answer of <see cref="CareEngine.CheckBeforeSendAsync"/>: <see cref="Send"/>, <see cref="Defer"/> or <see cref="Cancel"/>.</summary>
public readonly record struct SendCheck
{
    private SendCheck(SendVerdict verdict, Instant? until, string? reason) => (Verdict, Until, Reason) = (verdict, until, reason);

    /// <summary>The verdict.</summary>
    public SendVerdict Verdict { get; }

    /// <summary>With <see cref="SendVerdict.Defer"/>: when to try again.</summary>
    public Instant? Until { get; }

    /// <summary>Why deferred or cancelled.</summary>
    public string? Reason { get; }

    /// <summary>Send now.</summary>
    public static SendCheck Send { get; } = new(SendVerdict.Send, null, null);

    /// <summary>Try again at <paramref name="until"/>.</summary>
    public static SendCheck Defer(Instant until, string reason) => new(SendVerdict.Defer, until, reason);

    /// <summary>Do not send.</summary>
    public static SendCheck Cancel(string reason) => new(SendVerdict.Cancel, null, reason);

    /// <inheritdoc/>
    public override string ToString() => Verdict switch
    {
        SendVerdict.Send => "Send",
        SendVerdict.Defer => $"Defer until {Until}: {Reason}",
        _ => $"Cancel: {Reason}",
    };
}

/// <summary>One journey version's figures.</summary>
/// <param name="JourneyId">The versioned id.</param>
/// <param name="Enrolled">Instances started.</param>
/// <param name="Active">Instances running.</param>
/// <param name="Completed">Instances whose process reached a final state.</param>
/// <param name="Exited">Instances that exited early.</param>
/// <param name="GoalReached">Instances whose goal event happened while active.</param>
public sealed record JourneyFigures(string JourneyId, int Enrolled, int Active, int Completed, int Exited, int GoalReached);

/// <summary>Live instances of a process in one state.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="State">The state.</param>
/// <param name="Live">Active instances in it.</param>
public sealed record ProcessStateCount(string ProcessId, string State, int Live);

/// <summary>Outbox entries with one state, verdict, reason and channel.</summary>
/// <param name="State">Pending, sent, cancelled, dead-lettered.</param>
/// <param name="Verdict">The policy's verdict when queued.</param>
/// <param name="Reason">The reason, else none.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Count">How many.</param>
public sealed record MessageCount(OutboxState State, ContactVerdict Verdict, string? Reason, ContactChannel Channel, int Count);

/// <summary>What the engine did and is doing: per journey, per process state, per message outcome.</summary>
/// <param name="Journeys">Per journey version, by id.</param>
/// <param name="ProcessStates">Live counts per process and state (every state of every process, zeros included).</param>
/// <param name="Messages">Outbox entries grouped.</param>
public sealed record JourneyStatistics(ImmutableArray<JourneyFigures> Journeys, ImmutableArray<ProcessStateCount> ProcessStates, ImmutableArray<MessageCount> Messages);
