namespace CrmKit.Customers;

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
