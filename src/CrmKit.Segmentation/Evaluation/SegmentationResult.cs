using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The result of classifying a population: each customer's segments and the size of each segment.</summary>
/// <param name="Context">When the population was classified.</param>
/// <param name="Thresholds">The RFM thresholds used (fitted or fixed).</param>
/// <param name="Memberships">Each customer's segments, by customer id.</param>
/// <param name="Sizes">Customers per segment, in catalogue order.</param>
public sealed record SegmentationResult(
    EvaluationContext Context,
    RfmThresholds Thresholds,
    ImmutableDictionary<CustomerId, SegmentMembership> Memberships,
    ImmutableArray<(Segment Segment, int Customers)> Sizes)
{
    /// <summary>The value tier thresholds of each currency (<see cref="ValueTierThresholds"/>), by currency code; empty if not ranked.</summary>
    public ImmutableArray<ValueTierThresholds> ValueTiers { get; init; } = [];
}
