namespace CrmKit.Customers.Import;

/// <summary>The kinds of file a customer data set is read from; each has its own fields (see docs/importing.md).</summary>
public enum ImportFileKind
{
    /// <summary>Customer profiles: one row per customer.</summary>
    Customers,

    /// <summary>Orders: one row per order, or one row per order line (line-item exports such as Shopify's or invoice lines).</summary>
    Orders,

    /// <summary>Order lines: one row per line, with the id of its order.</summary>
    OrderLines,

    /// <summary>Consent decisions: one row per decision.</summary>
    Consents,

    /// <summary>Interactions (calls, messages, visits).</summary>
    Interactions,

    /// <summary>Feedback (star ratings, CSAT, NPS, CES).</summary>
    Feedback,

    /// <summary>Support tickets.</summary>
    Tickets,

    /// <summary>Referrals.</summary>
    Referrals,
}
