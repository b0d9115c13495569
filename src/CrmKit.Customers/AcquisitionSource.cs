namespace CrmKit.Customers;

/// <summary>How a customer first came to the shop.</summary>
public enum AcquisitionSource
{
    /// <summary>Walked into a physical store.</summary>
    WalkIn,

    /// <summary>The shop's own website or app.</summary>
    Website,

    /// <summary>A social network (Facebook, Zalo, TikTok …).</summary>
    SocialNetwork,

    /// <summary>Referred by another customer.</summary>
    Referral,

    /// <summary>An advertisement.</summary>
    Advertising,

    /// <summary>A marketplace (Shopee, Lazada, Tiki …).</summary>
    Marketplace,

    /// <summary>Any other source.</summary>
    Other,
}
