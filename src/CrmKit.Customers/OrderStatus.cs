namespace CrmKit.Customers;

/// <summary>The state of an order.</summary>
public enum OrderStatus
{
    /// <summary>Paid and delivered (or picked up).</summary>
    Completed,

    /// <summary>Returned after completion; its amount is no longer revenue.</summary>
    Returned,

    /// <summary>Cancelled before completion.</summary>
    Cancelled,

    /// <summary>
    /// Placed but not yet paid or fulfilled (Shopify <c>pending</c>/<c>authorized</c>, WooCommerce <c>on-hold</c>/<c>pending</c>):
    /// not revenue, not cancelled.
    /// </summary>
    Pending,
}
