namespace CrmKit.Customers;

/// <summary>Where a support ticket stands.</summary>
public enum TicketStatus
{
    /// <summary>Received, nobody has looked at it yet.</summary>
    New,

    /// <summary>Being worked on by the shop.</summary>
    Open,

    /// <summary>Waiting for the customer.</summary>
    Pending,

    /// <summary>Waiting for a third party (supplier, carrier).</summary>
    OnHold,

    /// <summary>The shop considers it solved; the customer may still reply.</summary>
    Solved,

    /// <summary>Closed for good.</summary>
    Closed,
}
