using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

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
