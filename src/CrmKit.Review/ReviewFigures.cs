using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Review;

/// <summary>Every review figure of one period.</summary>
/// <param name="Period">The period [start, end).</param>
/// <param name="Customers">Purchase figures of all customers.</param>
/// <param name="BySegment">Purchase figures of each segment's members (empty without memberships).</param>
/// <param name="Feedback">Survey figures.</param>
/// <param name="Tickets">Support figures.</param>
/// <param name="Cohorts">Retention by acquisition month × months since, up to the period's end.</param>
/// <param name="Staff">Care actions due vs done per staff member, by staff id.</param>
public sealed record ReviewFigures(
    Interval Period,
    CustomerFigures Customers,
    ImmutableSortedDictionary<string, CustomerFigures> BySegment,
    FeedbackFigures Feedback,
    TicketFigures Tickets,
    ImmutableArray<CohortRow> Cohorts,
    ImmutableArray<StaffFigures> Staff);
