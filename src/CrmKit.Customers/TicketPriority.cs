namespace CrmKit.Customers;

/// <summary>The urgency of a support ticket.</summary>
public enum TicketPriority
{
    /// <summary>Low.</summary>
    Low,

    /// <summary>Normal.</summary>
    Normal,

    /// <summary>High.</summary>
    High,

    /// <summary>Urgent.</summary>
    Urgent,
}
