using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>A customer referred another customer to the shop.</summary>
public sealed record Referral
{
    /// <summary>Creates a referral.</summary>
    public Referral(CustomerId referrerId, CustomerId referredId, Instant at)
    {
        ReferrerId = referrerId;
        ReferredId = referredId;
        At = at;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private Referral()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The customer who made the referral.</summary>
    [JsonRequired]
    public CustomerId ReferrerId { get; init => field = Guard.Set(value, "referrer id"); }

    /// <summary>The customer who was referred.</summary>
    [JsonRequired]
    public CustomerId ReferredId { get; init => field = Guard.Set(value, "referred id"); }

    /// <summary>When the referred customer came.</summary>
    [JsonRequired]
    public Instant At { get; init => field = Guard.Time(value, "referral time"); }
}
