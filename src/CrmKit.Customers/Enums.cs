namespace CrmKit.Customers;

/// <summary>Whether a customer is a person or a business.</summary>
public enum CustomerKind
{
    /// <summary>A person buying for themselves.</summary>
    Individual,

    /// <summary>A company, shop or organisation.</summary>
    Business,
}

/// <summary>A customer's gender, as the customer stated it.</summary>
public enum Gender
{
    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,

    /// <summary>Another gender.</summary>
    Other,
}

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

/// <summary>The kind of area a customer lives in.</summary>
public enum AreaType
{
    /// <summary>A city or town centre.</summary>
    Urban,

    /// <summary>The outskirts of a city.</summary>
    Suburban,

    /// <summary>The countryside.</summary>
    Rural,
}

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

/// <summary>The five stages of the customer lifecycle.</summary>
public enum LifecycleStage
{
    /// <summary>The customer has been reached (saw an ad, visited) but has left no contact details.</summary>
    Reach,

    /// <summary>First exchange: the customer left contact details.</summary>
    Acquisition,

    /// <summary>First purchase.</summary>
    Conversion,

    /// <summary>Buying again.</summary>
    Retention,

    /// <summary>A loyal repeat buyer and advocate.</summary>
    Loyalty,
}

/// <summary>A channel on which the shop and a customer communicate.</summary>
public enum ContactChannel
{
    /// <summary>Text message.</summary>
    Sms,

    /// <summary>Zalo message (Zalo OA / ZNS).</summary>
    Zalo,

    /// <summary>Email.</summary>
    Email,

    /// <summary>Voice call.</summary>
    PhoneCall,

    /// <summary>Chat on a social network or marketplace.</summary>
    Chat,

    /// <summary>Face to face in a store. Needs no consent.</summary>
    InPerson,
}

/// <summary>Why the shop contacts a customer; consent is given per channel and purpose.</summary>
public enum ContactPurpose
{
    /// <summary>Service messages about an order, a ticket or the account.</summary>
    Transactional,

    /// <summary>Advertising, promotions, newsletters.</summary>
    Marketing,
}

/// <summary>A consent decision.</summary>
public enum ConsentStatus
{
    /// <summary>The customer agreed to be contacted.</summary>
    Granted,

    /// <summary>The customer withdrew (or refused) consent.</summary>
    Withdrawn,
}

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

/// <summary>Where an order was placed.</summary>
public enum SalesChannel
{
    /// <summary>At a physical store or point of sale.</summary>
    InStore,

    /// <summary>On the shop's own website.</summary>
    Website,

    /// <summary>In the shop's mobile app.</summary>
    App,

    /// <summary>On a marketplace (Shopee, Lazada, Tiki …).</summary>
    Marketplace,

    /// <summary>Through a social network (Facebook, Zalo, TikTok Shop …).</summary>
    Social,

    /// <summary>By phone.</summary>
    Phone,
}

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection
{
    /// <summary>The customer contacted the shop.</summary>
    Inbound,

    /// <summary>The shop contacted the customer.</summary>
    Outbound,
}

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

/// <summary>The scale a piece of feedback was given on.</summary>
public enum FeedbackKind
{
    /// <summary>A review with 1 to 5 stars.</summary>
    StarRating,

    /// <summary>Net Promoter Score answer: 0 to 10.</summary>
    Nps,

    /// <summary>Customer satisfaction: 1 (very unsatisfied) to 5 (very satisfied).</summary>
    Csat,

    /// <summary>Customer effort score: 1 (very easy) to 7 (very difficult).</summary>
    Ces,
}

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
