using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

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
