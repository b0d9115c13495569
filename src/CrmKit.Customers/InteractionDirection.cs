namespace CrmKit.Customers;

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection
{
    /// <summary>The customer contacted the shop.</summary>
    Inbound,

    /// <summary>The shop contacted the customer.</summary>
    Outbound,
}
