using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// One customer's segments as stored in <c>crm_segment_memberships</c> by <see cref="SqlSegmentClassifier"/>: one row per
/// customer, keyed (and distributed, on Citus) by the customer id.
/// </summary>
public sealed class StoredSegmentMembership
{
    /// <summary>The customer.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The ids of the segments the customer is in (<c>text[]</c>, in no particular order; empty for none).</summary>
    public List<string> SegmentIds { get; set; } = [];

    /// <summary>The evaluation instant of the refresh that last changed <see cref="SegmentIds"/> (truncated to the microsecond).</summary>
    public Instant Since { get; set; }
}
