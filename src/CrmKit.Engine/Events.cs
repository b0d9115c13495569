using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Something that happened to one customer, fed to <see cref="CareEngine.HandleAsync"/>. The set is closed: one sealed
/// record per kind. JSON through <see cref="CareEventJson"/> (a <c>"type"</c> discriminator: <see cref="CareEventJson.TypeName"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(OrderPlacedEvent), "orderPlaced")]
[JsonDerivedType(typeof(OrderStatusChangedEvent), "orderStatusChanged")]
[JsonDerivedType(typeof(TicketOpenedEvent), "ticketOpened")]
[JsonDerivedType(typeof(TicketCustomerRepliedEvent), "ticketCustomerReplied")]
[JsonDerivedType(typeof(TicketStaffRepliedEvent), "ticketStaffReplied")]
[JsonDerivedType(typeof(TicketSolvedEvent), "ticketSolved")]
[JsonDerivedType(typeof(TicketClosedEvent), "ticketClosed")]
[JsonDerivedType(typeof(FeedbackReceivedEvent), "feedbackReceived")]
[JsonDerivedType(typeof(WarrantyClaimOpenedEvent), "warrantyClaimOpened")]
[JsonDerivedType(typeof(WarrantyClaimDecidedEvent), "warrantyClaimDecided")]
[JsonDerivedType(typeof(WarrantyItemReturnedEvent), "warrantyItemReturned")]
[JsonDerivedType(typeof(ConsentChangedEvent), "consentChanged")]
[JsonDerivedType(typeof(ProfileChangedEvent), "profileChanged")]
[JsonDerivedType(typeof(ContactMadeEvent), "contactMade")]
[JsonDerivedType(typeof(CustomersMergedEvent), "customersMerged")]
[JsonDerivedType(typeof(CustomerErasedEvent), "customerErased")]
[JsonDerivedType(typeof(TimePassedEvent), "timePassed")]
public abstract record CareEvent
{
    private protected CareEvent()
    {
    }

    /// <summary>
    /// The event's id, unique among the customer's events: handling the same id twice changes nothing (the second
    /// call reports <see cref="HandleOutcome.Duplicate"/>). Use the source system's id (an order's id and status, a
    /// webhook's delivery id); the dispatcher records a send as <c>"sent:" + idempotency key</c>.
    /// </summary>
    public required string EventId { get; init; }

    /// <summary>The customer the event is about.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>When it happened.</summary>
    public required Instant At { get; init; }

    /// <summary>The kind, as written in JSON and journeys (<c>orderPlaced</c>, <c>ticketOpened</c> …).</summary>
    [JsonIgnore]
    public CareEventType Type => TypeOf(this);

    private static CareEventType TypeOf(CareEvent e) => e switch
    {
        OrderPlacedEvent => CareEventType.OrderPlaced,
        OrderStatusChangedEvent => CareEventType.OrderStatusChanged,
        TicketOpenedEvent => CareEventType.TicketOpened,
        TicketCustomerRepliedEvent => CareEventType.TicketCustomerReplied,
        TicketStaffRepliedEvent => CareEventType.TicketStaffReplied,
        TicketSolvedEvent => CareEventType.TicketSolved,
        TicketClosedEvent => CareEventType.TicketClosed,
        FeedbackReceivedEvent => CareEventType.FeedbackReceived,
        WarrantyClaimOpenedEvent => CareEventType.WarrantyClaimOpened,
        WarrantyClaimDecidedEvent => CareEventType.WarrantyClaimDecided,
        WarrantyItemReturnedEvent => CareEventType.WarrantyItemReturned,
        ConsentChangedEvent => CareEventType.ConsentChanged,
        ProfileChangedEvent => CareEventType.ProfileChanged,
        ContactMadeEvent => CareEventType.ContactMade,
        CustomersMergedEvent => CareEventType.CustomersMerged,
        CustomerErasedEvent => CareEventType.CustomerErased,
        _ => CareEventType.TimePassed,
    };
}

/// <summary>The kinds of <see cref="CareEvent"/> (JSON: camelCase, <c>orderPlaced</c>).</summary>
public enum CareEventType
{
    /// <summary><see cref="OrderPlacedEvent"/>.</summary>
    OrderPlaced,

    /// <summary><see cref="OrderStatusChangedEvent"/>.</summary>
    OrderStatusChanged,

    /// <summary><see cref="TicketOpenedEvent"/>.</summary>
    TicketOpened,

    /// <summary><see cref="TicketCustomerRepliedEvent"/>.</summary>
    TicketCustomerReplied,

    /// <summary><see cref="TicketStaffRepliedEvent"/>.</summary>
    TicketStaffReplied,

    /// <summary><see cref="TicketSolvedEvent"/>.</summary>
    TicketSolved,

    /// <summary><see cref="TicketClosedEvent"/>.</summary>
    TicketClosed,

    /// <summary><see cref="FeedbackReceivedEvent"/>.</summary>
    FeedbackReceived,

    /// <summary><see cref="WarrantyClaimOpenedEvent"/>.</summary>
    WarrantyClaimOpened,

    /// <summary><see cref="WarrantyClaimDecidedEvent"/>.</summary>
    WarrantyClaimDecided,

    /// <summary><see cref="WarrantyItemReturnedEvent"/>.</summary>
    WarrantyItemReturned,

    /// <summary><see cref="ConsentChangedEvent"/>.</summary>
    ConsentChanged,

    /// <summary><see cref="ProfileChangedEvent"/>.</summary>
    ProfileChanged,

    /// <summary><see cref="ContactMadeEvent"/>.</summary>
    ContactMade,

    /// <summary><see cref="CustomersMergedEvent"/>.</summary>
    CustomersMerged,

    /// <summary><see cref="CustomerErasedEvent"/>.</summary>
    CustomerErased,

    /// <summary><see cref="TimePassedEvent"/>.</summary>
    TimePassed,
}

/// <summary>An order was placed (or corrected: an order with the same id replaces the earlier one).</summary>
/// <param name="Order">The order; its customer must be the event's.</param>
public sealed record OrderPlacedEvent(Order Order) : CareEvent;

/// <summary>An order's status changed (completed, returned, cancelled …).</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">The new status.</param>
public sealed record OrderStatusChangedEvent(string OrderId, OrderStatus Status) : CareEvent;

/// <summary>A support ticket was opened.</summary>
/// <param name="Ticket">The ticket; its customer must be the event's.</param>
public sealed record TicketOpenedEvent(SupportTicket Ticket) : CareEvent;

/// <summary>The customer replied on a ticket.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketCustomerRepliedEvent(string TicketId) : CareEvent;

/// <summary>Staff replied on a ticket.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketStaffRepliedEvent(string TicketId) : CareEvent;

/// <summary>A ticket was solved.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketSolvedEvent(string TicketId) : CareEvent;

/// <summary>A ticket was closed for good.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketClosedEvent(string TicketId) : CareEvent;

/// <summary>Feedback (CSAT, NPS, CES, a rating) was received.</summary>
/// <param name="Feedback">The feedback; its customer must be the event's.</param>
public sealed record FeedbackReceivedEvent(Feedback Feedback) : CareEvent;

/// <summary>A warranty or repair claim was opened.</summary>
/// <param name="ClaimId">The claim's (case's) id.</param>
/// <param name="OrderId">The order the product came with.</param>
/// <param name="Product">The product, if known.</param>
public sealed record WarrantyClaimOpenedEvent(string ClaimId, string OrderId, string? Product = null) : CareEvent;

/// <summary>A warranty claim was decided.</summary>
/// <param name="ClaimId">The claim's id.</param>
/// <param name="Accepted">Whether it is covered by the warranty.</param>
public sealed record WarrantyClaimDecidedEvent(string ClaimId, bool Accepted) : CareEvent;

/// <summary>The product of a warranty claim was returned to the customer.</summary>
/// <param name="ClaimId">The claim's id.</param>
public sealed record WarrantyItemReturnedEvent(string ClaimId) : CareEvent;

/// <summary>The customer granted or withdrew consent for a channel and purpose.</summary>
/// <param name="Decision">The decision (its instant is when the customer decided; withdrawal is effective from it).</param>
public sealed record ConsentChangedEvent(ConsentDecision Decision) : CareEvent;

/// <summary>The customer's profile changed: every profile field is taken from <paramref name="Profile"/> (orders are kept).</summary>
/// <param name="Profile">The new profile; its id must be the event's customer.</param>
public sealed record ProfileChangedEvent(Customer Profile) : CareEvent;

/// <summary>
/// A contact was made, inbound or outbound. Outbound contacts count against the frequency caps; one carrying the
/// idempotency key of a queued message replaces that message's reservation instead of counting twice.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="IdempotencyKey">The outbox message sent, when the contact is the dispatcher's record of a send.</param>
public sealed record ContactMadeEvent(ContactChannel Channel, ContactPurpose Purpose, InteractionDirection Direction, string? IdempotencyKey = null) : CareEvent;

/// <summary>Another customer record was merged into this one (the event's customer survives).</summary>
/// <param name="Absorbed">The customer merged away: their orders and consents move here, their queued work is cancelled.</param>
public sealed record CustomersMergedEvent(CustomerId Absorbed) : CareEvent;

/// <summary>The customer asked to be erased: their state, instances and queued work are dropped; they are never contacted again.</summary>
public sealed record CustomerErasedEvent() : CareEvent;

/// <summary>Nothing happened but time passed: due timers fire and windows move up to the event's instant.</summary>
public sealed record TimePassedEvent() : CareEvent;
