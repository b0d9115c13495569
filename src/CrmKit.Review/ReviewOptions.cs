using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>What <see cref="ReviewCalculator.Compute"/> needs besides the customers and the period.</summary>
public sealed record ReviewOptions
{
    /// <summary>The shop's time zone, for cohort months of customers without their own zone. Default UTC.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZone.Utc;

    /// <summary>Segment memberships by customer id; when given, customer figures are also computed per segment.</summary>
    public IReadOnlyDictionary<CustomerId, SegmentMembership>? Memberships { get; init; }

    /// <summary>The SLA targets tickets are measured against. Default <see cref="SlaPolicy.Default"/>.</summary>
    public SlaPolicy Sla { get; init; } = SlaPolicy.Default();

    /// <summary>Care actions that were due (from <see cref="CareAgenda"/>); only items with status <see cref="AgendaStatus.Due"/> count.</summary>
    public IReadOnlyList<AgendaItem> DueActions { get; init; } = [];

    /// <summary>How long after its due instant an outbound contact still counts as doing a care action. Default 3 days.</summary>
    public Duration FollowThroughWindow { get; init; } = Duration.FromDays(3);
}
