using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>Membership of another segment (after that segment's exclusivity group is resolved).</summary>
public sealed record SegmentRule : Rule
{
    /// <summary>Refers to a segment.</summary>
    public SegmentRule(string segmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        SegmentId = segmentId;
    }

    /// <summary>The referenced segment's id.</summary>
    public string SegmentId { get; }

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}
