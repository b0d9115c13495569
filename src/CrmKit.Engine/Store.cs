using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Where a journey instance is.</summary>
public enum InstanceStatus
{
    /// <summary>Running (its process is not in a final state).</summary>
    Active,

    /// <summary>Its process reached a final state.</summary>
    Completed,

    /// <summary>An exit condition held (or the customer was merged away); its queued messages were cancelled.</summary>
    Exited,
}

/// <summary>One journey instance of a customer: a process instance bound to a journey version and a correlation value.</summary>
/// <param name="JourneyId">The journey's versioned id (<c>after-sale@v1</c>).</param>
/// <param name="InstanceId">The instance id: the correlation value, with <c>#n</c> appended for the n-th (n ≥ 2) entry of the same value.</param>
/// <param name="Correlation">The correlation value (an order, ticket or claim id, or the customer id).</param>
/// <param name="Snapshot">The process instance (its history is not kept: the outbox and the statistics record what happened).</param>
/// <param name="Status">Active, completed or exited.</param>
/// <param name="EnrolledAt">When it started.</param>
/// <param name="EndedAt">When it completed or exited, else none.</param>
/// <param name="ExitReason">Why it exited, else none.</param>
/// <param name="GoalReachedAt">When the journey's goal event first happened while it was active, else none.</param>
/// <param name="NextDue">When its process's next timer is due, else none.</param>
public sealed record JourneyInstance(
    string JourneyId,
    string InstanceId,
    string Correlation,
    ProcessSnapshot Snapshot,
    InstanceStatus Status,
    Instant EnrolledAt,
    Instant? EndedAt = null,
    string? ExitReason = null,
    Instant? GoalReachedAt = null,
    Instant? NextDue = null);

/// <summary>A contact the caps count: one made (a <see cref="ContactMadeEvent"/>) or one queued for <see cref="At"/>.</summary>
/// <param name="At">When it was (or will be) made.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="IdempotencyKey">The queued message, else none.</param>
public sealed record ScheduledContact(Instant At, ContactChannel Channel, ContactPurpose Purpose, string? IdempotencyKey = null);

/// <summary>When a date-triggered (occasion) journey is next due for the customer.</summary>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="Due">The instant.</param>
public sealed record OccasionDue(string JourneyId, Instant Due);

/// <summary>
/// Everything the engine keeps about one customer, stored as one versioned unit (what <see cref="IEngineStore.LoadAsync"/>
/// returns and <see cref="IEngineStore.CommitAsync"/> replaces). Immutable. A durable store may keep it as JSON: it
/// round-trips through <c>CrmKitJson.Serialize</c> / <c>CrmKitJson.Deserialize&lt;CustomerState&gt;</c>.
/// </summary>
public sealed record CustomerState
{
    /// <summary>The customer.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>The customer's record as the segment rules read it, or none before anything is known (the customer does not exist yet).</summary>
    public CustomerRecord? Record { get; init; }

    /// <summary>The consent ledger (decisions as given, with their instants).</summary>
    public ConsentLedger Consents { get; init; } = ConsentLedger.Empty;

    /// <summary>The segments the customer is in, in catalogue order.</summary>
    public ImmutableArray<string> Segments { get; init; } = [];

    /// <summary>Journey instances, active and ended.</summary>
    public ImmutableArray<JourneyInstance> Instances { get; init; } = [];

    /// <summary>Contacts the caps count: made in the last two days and queued.</summary>
    public ImmutableArray<ScheduledContact> Contacts { get; init; } = [];

    /// <summary>The next occasion of each date-triggered journey.</summary>
    public ImmutableArray<OccasionDue> Occasions { get; init; } = [];

    /// <summary>The latest instant the customer's state reflects (events arriving late are applied at this instant).</summary>
    public Instant Clock { get; init; }

    /// <summary>The earliest instant something is due (a timer or an occasion), else none: the store's next-due index.</summary>
    public Instant? NextDue { get; init; }

    /// <summary>The next segment review: an instant at which segments journeys watch can change by time alone (docs/engine-semantics.md), else none.</summary>
    public Instant? Review { get; init; }

    /// <summary>True once erased: a tombstone with no personal data; later events are ignored.</summary>
    public bool Erased { get; init; }

    /// <summary>The customer this one was merged into, if any (a tombstone like an erasure).</summary>
    public CustomerId? MergedInto { get; init; }

    /// <summary>
    /// Status changes of orders not seen yet (events out of order), applied when the order's <c>orderPlaced</c>
    /// arrives: the later instant wins (docs/engine-semantics.md).
    /// </summary>
    public ImmutableArray<HeldOrderStatus> HeldOrderStatuses { get; init; } = [];

    /// <summary>Ids of the tickets and warranty claims opened (<c>ticketOpened</c>, <c>warrantyClaimOpened</c>): events naming any other are ignored.</summary>
    public ImmutableArray<string> OpenedCases { get; init; } = [];

    /// <summary>Which addresses the customer's profile has, else none before a profile is known (then messages are not checked for an address).</summary>
    public ContactAddresses? Addresses { get; init; }
}

/// <summary>A customer's state as loaded, with the version to commit against.</summary>
/// <param name="State">The state, or none for a customer the store has never seen.</param>
/// <param name="Version">0 for none; incremented by each commit.</param>
public readonly record struct StoredCustomer(CustomerState? State, long Version);

/// <summary>
/// Pending outbox entries of the commit's customer to cancel: those matching every field given (an entry by key, a
/// journey instance's entries, a channel × purpose's entries). Entries already sent, cancelled or dead-lettered are left.
/// </summary>
/// <param name="Reason">Why (<c>journey exited: left segment 'lapsed'</c>, <c>marketing consent for Zalo withdrawn</c>).</param>
/// <param name="At">When the cancellation happened (stamped as the entries' closing instant).</param>
/// <param name="IdempotencyKey">Only this entry, if given.</param>
/// <param name="JourneyId">Only entries of this journey version, if given.</param>
/// <param name="InstanceId">Only entries of this instance (with <paramref name="JourneyId"/>), if given.</param>
/// <param name="Channel">Only entries on this channel, if given.</param>
/// <param name="Purpose">Only entries of this purpose, if given.</param>
public sealed record OutboxCancellation(string Reason, Instant At, string? IdempotencyKey = null, string? JourneyId = null, string? InstanceId = null, ContactChannel? Channel = null, ContactPurpose? Purpose = null)
{
    /// <summary>Whether the message is one this cancellation names (the customer is the commit's).</summary>
    public bool Matches(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (IdempotencyKey is null || IdempotencyKey == message.IdempotencyKey)
               && (JourneyId is null || JourneyId == message.JourneyId)
               && (InstanceId is null || InstanceId == message.InstanceId)
               && (Channel is null || Channel == message.Channel)
               && (Purpose is null || Purpose == message.Purpose);
    }
}

/// <summary>One unit of work for one customer, committed atomically by <see cref="IEngineStore.CommitAsync"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ExpectedVersion">The version loaded; the commit fails with <see cref="CommitOutcome.Conflict"/> if the stored version differs.</param>
/// <param name="EventId">The event handled, recorded as processed (none for <see cref="CareEngine.AdvanceAsync"/>).</param>
/// <param name="State">The new state.</param>
/// <param name="Enqueue">New outbox entries (pending, or already cancelled when the policy skipped or dropped them). An existing key is left as it is.</param>
/// <param name="Cancel">Pending outbox entries of the customer to cancel (entries matching nothing pending are ignored).</param>
/// <param name="Tasks">New tasks (an existing key is left as it is).</param>
/// <param name="At">The unit of work's instant (an erasure's cancellations are stamped with it).</param>
/// <param name="Erase">Drop the customer's tasks and cancel all their pending entries (after adding this commit's entries and tasks).</param>
public sealed record EngineCommit(
    CustomerId CustomerId,
    long ExpectedVersion,
    string? EventId,
    CustomerState State,
    IReadOnlyList<OutboxRecord> Enqueue,
    IReadOnlyList<OutboxCancellation> Cancel,
    IReadOnlyList<CareTask> Tasks,
    Instant At,
    bool Erase = false);

/// <summary>What <see cref="IEngineStore.CommitAsync"/> did.</summary>
public enum CommitOutcome
{
    /// <summary>Everything was stored.</summary>
    Committed,

    /// <summary>Nothing was stored: the customer's version moved since it was loaded (the engine retries).</summary>
    Conflict,

    /// <summary>Nothing was stored: the event id was already processed for the customer.</summary>
    Duplicate,
}

/// <summary>
/// The engine's storage: customer state (with memberships and journey instances), processed event ids, the outbox,
/// tasks and the next-due index. Every method is safe to call concurrently; <see cref="CommitAsync"/> is atomic.
/// Implementations must pass <c>CrmKit.Testing.EngineStoreConformance</c>.
/// </summary>
public interface IEngineStore : IOutboxStore
{
    /// <summary>The customer's state and version.</summary>
    ValueTask<StoredCustomer> LoadAsync(CustomerId customerId, CancellationToken ct = default);

    /// <summary>Whether the event id was already processed for the customer.</summary>
    ValueTask<bool> IsProcessedAsync(CustomerId customerId, string eventId, CancellationToken ct = default);

    /// <summary>
    /// Stores a unit of work atomically: the state (versioned, optimistic), the event id, outbox entries and
    /// cancellations, tasks and the next-due index entry (<see cref="CustomerState.NextDue"/>) — all or nothing. New
    /// entries and tasks are added first, then cancellations and the erasure apply (to them too).
    /// </summary>
    ValueTask<CommitOutcome> CommitAsync(EngineCommit commit, CancellationToken ct = default);

    /// <summary>Up to <paramref name="max"/> customers whose <see cref="CustomerState.NextDue"/> is at or before <paramref name="now"/>, earliest first (from an index: never a scan).</summary>
    ValueTask<IReadOnlyList<CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default);

    /// <summary>Every task, ordered by creation then key.</summary>
    ValueTask<IReadOnlyList<CareTask>> ListTasksAsync(CancellationToken ct = default);

    /// <summary>Every stored customer state (for statistics and reports; order unspecified).</summary>
    IAsyncEnumerable<CustomerState> StatesAsync(CancellationToken ct = default);
}

/// <summary>A status change that arrived before its order: kept until the order's <c>orderPlaced</c> arrives.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">The status it changed to.</param>
/// <param name="At">The instant of the change (the event's <see cref="CareEvent.At"/>).</param>
public sealed record HeldOrderStatus(string OrderId, OrderStatus Status, Instant At);

/// <summary>Whether the customer can be reached: an email address (for <see cref="ContactChannel.Email"/>) and a phone number (for SMS, Zalo and calls).</summary>
/// <param name="Email">The profile has at least one email address.</param>
/// <param name="Phone">The profile has at least one phone number.</param>
public sealed record ContactAddresses(bool Email, bool Phone)
{
    /// <summary>The addresses of a profile.</summary>
    /// <param name="customer">The profile.</param>
    public static ContactAddresses Of(Customer customer) => new(!(customer ?? throw new ArgumentNullException(nameof(customer))).Emails.IsDefaultOrEmpty, !customer.Phones.IsDefaultOrEmpty);

    /// <summary>Why a message on <paramref name="channel"/> cannot be delivered (<c>no email address</c>, <c>no phone number</c>), else none (in person and chat need no address).</summary>
    /// <param name="channel">The channel.</param>
    public string? Missing(ContactChannel channel) => channel switch
    {
        ContactChannel.Email when !Email => "no email address",
        ContactChannel.Sms or ContactChannel.Zalo or ContactChannel.PhoneCall when !Phone => "no phone number",
        _ => null,
    };
}
