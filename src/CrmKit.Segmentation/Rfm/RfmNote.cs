using System.Collections.Immutable;

namespace CrmKit.Segmentation;

/// <summary>
/// A dimension whose quintile fit was degenerate (<see cref="RfmThresholds.Notes"/>): its figures have fewer distinct
/// values than the five quintiles, so equal figures share one score and some scores are given to nobody. The figures
/// are here as numbers for a host that writes the note in its own language; <see cref="Message"/> (also
/// <see cref="ToString"/>) is the invariant English sentence logs and JSON keep.
/// </summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="DistinctValues">How many distinct figures the customers have on it (1–4).</param>
/// <param name="Customers">How many customers were scored.</param>
/// <param name="SharesHigherScore">True when equal figures share the higher score (recency, counted from the top), false when the lower.</param>
/// <param name="ScoresGiven">The scores given, ascending (1–5).</param>
public sealed record RfmNote(RfmDimension Dimension, int DistinctValues, int Customers, bool SharesHigherScore, ImmutableArray<int> ScoresGiven)
{
    /// <summary>The note in invariant English: <c>frequency has 3 distinct values among 120 customers, fewer than the 5 quintiles: equal figures share the lower score; scores given: 1, 3, 5.</c></summary>
    public string Message => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Dimension.ToString().ToLowerInvariant()} has {DistinctValues} distinct value{(DistinctValues == 1 ? "" : "s")} among {Customers} customers, fewer than the 5 quintiles: equal figures share {(SharesHigherScore ? "the higher" : "the lower")} score; scores given: {string.Join(", ", ScoresGiven)}.");

    /// <summary><see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
