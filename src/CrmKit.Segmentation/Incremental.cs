using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Something that happened to one customer and may move them between segments.</summary>
public abstract record CustomerEvent
{
    private protected CustomerEvent()
    {
    }

    /// <summary>Changes the record (a copy is passed; events never touch the caller's record).</summary>
    internal abstract void ApplyTo(CustomerRecord record);

    /// <summary>
    /// The record after this change, copy-on-write: <paramref name="record"/> is not touched, and orders the change does
    /// not touch are shared with it (for holders that never change an order in place).
    /// </summary>
    internal virtual CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.Clone();
        ApplyTo(copy);
        return copy;
    }
}

/// <summary>A new order (or a corrected one: an order with the same id is replaced).</summary>
/// <param name="Order">The order.</param>
public sealed record OrderPlaced(OrderRecord Order) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(Order);
        record.Orders.RemoveAll(o => o.Id == Order.Id);
        record.Orders.Add(Order.Clone());
    }

    internal override CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.CloneSharingOrders();
        ApplyTo(copy);
        return copy;
    }
}

/// <summary>An order returned, cancelled or completed after all.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="Status">The new status.</param>
public sealed record OrderStatusChanged(string OrderId, OrderStatus Status) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        var order = record.Orders.Find(o => o.Id == OrderId) ?? throw new KeyNotFoundException($"Customer '{record.Id}' has no order '{OrderId}'.");
        order.Status = Status;
    }

    internal override CustomerRecord AppliedTo(CustomerRecord record)
    {
        var copy = record.CloneSharingOrders();
        var at = copy.Orders.FindIndex(o => o.Id == OrderId);
        if (at < 0)
        {
            throw new KeyNotFoundException($"Customer '{record.Id}' has no order '{OrderId}'.");
        }

        var order = copy.Orders[at].Clone();
        order.Status = Status;
        copy.Orders[at] = order;
        return copy;
    }
}

/// <summary>The profile changed: every profile column (not orders or scores) is taken from <paramref name="Profile"/>.</summary>
/// <param name="Profile">A record holding the new profile.</param>
public sealed record ProfileChanged(CustomerRecord Profile) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(Profile);
        var p = Profile.Clone();
        (record.Kind, record.Gender, record.BirthDate, record.IncomeTier) = (p.Kind, p.Gender, p.BirthDate, p.IncomeTier);
        (record.Province, record.ProvinceKey, record.Area, record.Source, record.Stage) = (p.Province, p.ProvinceKey, p.Area, p.Source, p.Stage);
        (record.CreatedAt, record.JoinedOn, record.Tags, record.TagKeys) = (p.CreatedAt, p.JoinedOn, p.Tags, p.TagKeys);
        (record.Attributes, record.Consents) = (p.Attributes, p.Consents);
    }
}

/// <summary>Nothing happened but time passed: windows, ages and birthdays move with the new evaluation instant.</summary>
/// <param name="Now">The new instant (informational; the context passed along decides).</param>
public sealed record TimePassed(Instant Now) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
    }
}

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
}
