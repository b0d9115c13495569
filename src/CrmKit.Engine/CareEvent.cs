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
