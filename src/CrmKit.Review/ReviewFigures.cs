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
    public IReadOnlyDictionary<string, SegmentMembership>? Memberships { get; init; }

    /// <summary>The SLA targets tickets are measured against. Default <see cref="SlaPolicy.Default"/>.</summary>
    public SlaPolicy Sla { get; init; } = SlaPolicy.Default();

    /// <summary>Care actions that were due (from <see cref="CareAgenda"/>); only items with status <see cref="AgendaStatus.Due"/> count.</summary>
    public IReadOnlyList<AgendaItem> DueActions { get; init; } = [];

    /// <summary>How long after its due instant an outbound contact still counts as doing a care action. Default 3 days.</summary>
    public Duration FollowThroughWindow { get; init; } = Duration.FromDays(3);
}

/// <summary>Purchase figures of a group of customers over a period [start, end); see docs/review.md for the formulas.</summary>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Buyers">Customers with at least one revenue (completed) order in the period.</param>
/// <param name="NewBuyers">Buyers whose first revenue order ever is in the period.</param>
/// <param name="RepeatBuyers">Buyers who made purchases on at least two days in the period (orders on one day, in the
/// customer's zone, are one purchase, as in the CLV models: <see cref="OrderHistory.PurchaseDaysIn"/>).</param>
/// <param name="RetentionBase">Customers with a revenue order in the equally long window just before the period.</param>
/// <param name="Retained">Of <paramref name="RetentionBase"/>, those who bought again in the period.</param>
/// <param name="Orders">Revenue orders placed in the period.</param>
/// <param name="Revenue">Their total, or <see langword="null"/> when there are none.</param>
/// <param name="ReturningRevenue">The part of <paramref name="Revenue"/> from customers who had bought before the period.</param>
public sealed record CustomerFigures(
    int Customers,
    int Buyers,
    int NewBuyers,
    int RepeatBuyers,
    int RetentionBase,
    int Retained,
    int Orders,
    Money? Revenue,
    Money? ReturningRevenue)
{
    /// <summary>Retained ÷ retention base, in [0, 1]; <see langword="null"/> when nobody bought in the window before.</summary>
    public double? RetentionRate => Ratio(Retained, RetentionBase);

    /// <summary>1 − retention rate, in [0, 1]; <see langword="null"/> with it.</summary>
    public double? ChurnRate => RetentionRate is { } r ? 1 - r : null;

    /// <summary>Repeat buyers ÷ buyers, in [0, 1]; <see langword="null"/> when nobody bought.</summary>
    public double? RepeatPurchaseRate => Ratio(RepeatBuyers, Buyers);

    /// <summary>Returning revenue ÷ revenue, in [0, 1]; <see langword="null"/> when there was no revenue.</summary>
    public double? ReturningRevenueShare => Revenue is { Amount: > 0 } total && ReturningRevenue is { } returning ? (double)(returning.Amount / total.Amount) : null;

    /// <summary>Revenue ÷ orders; <see langword="null"/> without orders.</summary>
    public Money? AverageOrderValue => Revenue is { } total && Orders > 0 ? new Money(total.Amount / Orders, total.Currency) : null;

    /// <summary>Orders ÷ buyers (≥ 1); <see langword="null"/> when nobody bought.</summary>
    public double? PurchaseFrequency => Buyers == 0 ? null : Orders / (double)Buyers;

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : part / (double)whole;
}

/// <summary>Survey figures over a period: answers whose instant is in [start, end).</summary>
/// <param name="CsatResponses">CSAT answers (1 to 5).</param>
/// <param name="CsatSatisfied">CSAT answers of 4 or 5.</param>
/// <param name="NpsResponses">NPS answers (0 to 10).</param>
/// <param name="Promoters">NPS answers of 9 or 10.</param>
/// <param name="Detractors">NPS answers of 0 to 6.</param>
/// <param name="CesResponses">CES answers (1 very easy to 7 very difficult).</param>
/// <param name="CesTotal">The sum of the CES answers.</param>
public sealed record FeedbackFigures(int CsatResponses, int CsatSatisfied, int NpsResponses, int Promoters, int Detractors, int CesResponses, int CesTotal)
{
    /// <summary>Satisfied ÷ CSAT answers, in [0, 1]; <see langword="null"/> without answers.</summary>
    public double? Csat => CustomerFigures.Ratio(CsatSatisfied, CsatResponses);

    /// <summary>100 × (promoters − detractors) ÷ NPS answers, in [−100, 100]; <see langword="null"/> without answers.</summary>
    public double? Nps => NpsResponses == 0 ? null : 100.0 * (Promoters - Detractors) / NpsResponses;

    /// <summary>The mean CES answer, in [1, 7] (lower is easier); <see langword="null"/> without answers.</summary>
    public double? Ces => CesResponses == 0 ? null : CesTotal / (double)CesResponses;
}

/// <summary>Support figures over tickets opened in the period, measured in the SLA policy's business hours up to the period's end.</summary>
/// <param name="Opened">Tickets opened in the period.</param>
/// <param name="Replied">Of those, tickets with a first reply by the period's end.</param>
/// <param name="MedianFirstReply">Median business time to the first reply of the replied tickets.</param>
/// <param name="MeanFirstReply">Mean business time to the first reply of the replied tickets.</param>
/// <param name="Solved">Tickets solved by the period's end.</param>
/// <param name="MedianResolution">Median business time from opening to solved.</param>
/// <param name="MeanResolution">Mean business time from opening to solved.</param>
/// <param name="Breached">Tickets with at least one SLA clock breached by the period's end.</param>
public sealed record TicketFigures(int Opened, int Replied, Duration? MedianFirstReply, Duration? MeanFirstReply, int Solved, Duration? MedianResolution, Duration? MeanResolution, int Breached)
{
    /// <summary>Breached ÷ opened, in [0, 1]; <see langword="null"/> without tickets.</summary>
    public double? BreachRate => CustomerFigures.Ratio(Breached, Opened);
}

/// <summary>Care actions due vs done for one staff member.</summary>
/// <param name="StaffId">The staff member the customer is assigned to, or <c>(unassigned)</c>.</param>
/// <param name="Due">Due care actions of their customers.</param>
/// <param name="Done">Of those, actions followed by an outbound contact on the same channel within the window.</param>
public sealed record StaffFigures(string StaffId, int Due, int Done)
{
    /// <summary>The name used for customers nobody looks after.</summary>
    public const string Unassigned = "(unassigned)";

    /// <summary>Done ÷ due, in [0, 1]; <see langword="null"/> when nothing was due.</summary>
    public double? DoneRate => CustomerFigures.Ratio(Done, Due);
}

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
