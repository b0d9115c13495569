using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// Classification right after each event, for one customer at a time: applies the event to a copy of the
/// record, rescores RFM with frozen thresholds (those of the last full run, so one customer's order does not
/// move everyone's quintiles), reclassifies and reports the segments entered and exited.
/// </summary>
/// <param name="classifier">The compiled catalogue.</param>
/// <param name="thresholds">RFM thresholds of the last full run, or null to leave scores as they are.</param>
public sealed class IncrementalClassifier(SegmentClassifier classifier, RfmThresholds? thresholds)
{
    /// <summary>The compiled catalogue.</summary>
    public SegmentClassifier Classifier { get; } = classifier ?? throw new ArgumentNullException(nameof(classifier));

    /// <summary>The frozen RFM thresholds.</summary>
    public RfmThresholds? Thresholds { get; } = thresholds;

    /// <summary>
    /// The frozen value tier thresholds of the shop's currency (from the last population run,
    /// <see cref="SegmentationResult.ValueTiers"/>), or <see langword="null"/> to leave <see cref="CustomerRecord.ValueTier"/> as it is.
    /// </summary>
    public ValueTierThresholds? ValueTiers { get; init; }

    /// <summary>Applies an event and reclassifies.</summary>
    /// <returns>The updated record (a new object) and the change in membership.</returns>
    public (CustomerRecord Record, MembershipChange Change) Apply(CustomerRecord record, SegmentMembership previous, CustomerEvent change, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        var updated = record.Clone();
        change.ApplyTo(updated);
        if (Thresholds is not null)
        {
            Thresholds.Apply([updated], context);
        }

        if (ValueTiers is not null)
        {
            updated.ValueTier = ValueTiers.Tier(updated, context);
        }

        return (updated, Classifier.Reclassify(previous, updated, context));
    }

    /// <summary>
    /// Applies a change copy-on-write (<see cref="CustomerEvent.AppliedTo"/>: <paramref name="record"/> is not touched, and
    /// what the change does not touch is shared with it) and rescores RFM and the value tier with the frozen thresholds,
    /// without classifying: for holders that never change a record in place and classify into their own flags
    /// (<see cref="SegmentClassifier.Classify(CustomerRecord, EvaluationContext, bool[])"/>), such as the care engine.
    /// </summary>
    /// <param name="record">The record before the change.</param>
    /// <param name="change">The change; <see cref="TimePassed"/> to rescore at a later instant only.</param>
    /// <param name="context">The evaluation instant and zone.</param>
    /// <returns>A new record: the one <see cref="Apply"/> returns, field for field (its segments are not computed).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CustomerRecord Rescored(CustomerRecord record, CustomerEvent change, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        var updated = change.AppliedTo(record);
        if (Thresholds is not null)
        {
            // What RfmThresholds.Apply does for each record, without its one-element list and range closure.
            var score = Thresholds.Score(updated, context);
            updated.RecencyScore = score?.Recency;
            updated.FrequencyScore = score?.Frequency;
            updated.MonetaryScore = score?.Monetary;
        }

        if (ValueTiers is not null)
        {
            updated.ValueTier = ValueTiers.Tier(updated, context);
        }

        return updated;
    }
}
