namespace CrmKit.Customers;

/// <summary>Where an order was placed.</summary>
public enum SalesChannel
{
    /// <summary>At a physical store or point of sale.</summary>
    InStore,

    /// <summary>On the shop's own website.</summary>
    Website,

    /// <summary>In the shop's mobile app.</summary>
    App,

    /// <summary>On a marketplace (Shopee, Lazada, Tiki, TikTok Shop …).</summary>
    Marketplace,

    /// <summary>Through a social network (Facebook, Zalo, Instagram …): a chat or a post, not a marketplace's checkout.</summary>
    Social,

    /// <summary>By phone.</summary>
    Phone,
}
