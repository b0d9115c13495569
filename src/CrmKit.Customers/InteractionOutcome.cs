namespace CrmKit.Customers;

/// <summary>How an interaction ended.</summary>
public enum InteractionOutcome
{
    /// <summary>The customer was reached and the exchange took place.</summary>
    Reached,

    /// <summary>No answer (call not picked up, message unread).</summary>
    NoAnswer,

    /// <summary>The customer's question or problem was resolved.</summary>
    Resolved,

    /// <summary>Another contact is needed.</summary>
    FollowUpNeeded,

    /// <summary>The interaction led to a purchase.</summary>
    Purchased,

    /// <summary>The customer declined the offer.</summary>
    Declined,
}
