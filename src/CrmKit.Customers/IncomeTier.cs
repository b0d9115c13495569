namespace CrmKit.Customers;

/// <summary>An income tier, as the shop records it.</summary>
public enum IncomeTier
{
    /// <summary>Low income.</summary>
    Low,

    /// <summary>Middle income.</summary>
    Middle,

    /// <summary>High income.</summary>
    High,
}
