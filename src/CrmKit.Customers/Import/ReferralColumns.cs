using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the referrals file. All required.</summary>
public sealed record ReferralColumns
{
    /// <summary>The referring customer.</summary>
    public string ReferrerId { get; init; } = "referrer_id";

    /// <summary>The referred customer.</summary>
    public string ReferredId { get; init; } = "referred_id";

    /// <summary>When the referred customer came.</summary>
    public string At { get; init; } = "at";
}
