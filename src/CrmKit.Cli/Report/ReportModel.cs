using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Review;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Report;

/// <summary>
/// The figures of the HTML report that are derived from the job's result — filtered, sorted, counted — computed once
/// here, so that the sections and the charts (<see cref="Charts"/>) only lay them out.
/// </summary>
internal sealed class ReportModel
{
    private ReportModel(MainJobResult job, bool showContacts)
    {
        Job = job;
        Zone = job.Settings.Zone;
        ShowContacts = showContacts;
        Names = ReportNames.Of(job);
        CustomersById = job.Customers.ToDictionary(c => c.Id.Value, StringComparer.Ordinal);
        Today = [.. job.Agenda.Where(i => i.Status == AgendaStatus.Due)
            .Select(i => (Item: i, Staff: CustomersById.TryGetValue(i.CustomerId.Value, out var c) ? ReviewCalculator.AssignedStaff(c, i.DueAt) : StaffFigures.Unassigned))
            .GroupBy(x => x.Staff, StringComparer.Ordinal)
            .OrderBy(g => g.Key == StaffFigures.Unassigned ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<AgendaItem>)[.. g.Select(x => x.Item).OrderBy(i => i.SendAt).ThenBy(i => i.CustomerId.Value, StringComparer.Ordinal)]))];
        RowsRejected = job.DataSet.Files.Sum(f => f.RowsRejected);
        StatusCounts = Enum.GetValues<AgendaStatus>().ToDictionary(s => s, s => job.Agenda.Count(i => i.Status == s));
        AgendaChannels = [.. job.Agenda.Select(i => i.Action.Channel).Distinct().Order()];
        AgendaCounts = job.Agenda.GroupBy(i => (i.Status, i.Action.Channel)).ToDictionary(g => g.Key, g => g.Count());
        SegmentSizes = [.. job.Segmentation.Sizes.Where(s => s.Customers > 0).OrderByDescending(s => s.Customers).ThenBy(s => s.Segment.Id, StringComparer.Ordinal)];
        RetentionBySegment = [.. job.Review.BySegment.Where(s => s.Value.RetentionBase >= 10 && s.Value.RetentionRate is not null).Select(s => (s.Key, 100 * s.Value.RetentionRate!.Value))];
        var clv = job.Clv;
        if (clv.Count is not null)
        {
            LikelyAlive = clv.LikelyAlive();
            PredictedValues = [.. clv.Predictions.Where(p => p.Value is > 0).Select(p => p.Value!.Value).Order()];
            TopCustomers = [.. clv.Predictions.OrderByDescending(p => p.Value ?? p.ExpectedPurchases).ThenBy(p => p.CustomerId.Value, StringComparer.Ordinal).Take(20)];
        }
    }

    /// <summary>The job the report is of.</summary>
    public MainJobResult Job { get; }

    /// <summary>Whether phone numbers and email addresses are shown whole (<c>--show-contacts</c>) instead of masked.</summary>
    public bool ShowContacts { get; }

    /// <summary>The names of segments, plans, journeys and processes.</summary>
    public ReportNames Names { get; }

    /// <summary>The customers after merging, by id.</summary>
    public IReadOnlyDictionary<string, Customer> CustomersById { get; }

    /// <summary>
    /// Today's due actions grouped by the staff member who looks after the customer
    /// (<see cref="ReviewCalculator.AssignedStaff"/>): staff in id order, <see cref="StaffFigures.Unassigned"/> last;
    /// within a group by send instant, then customer id.
    /// </summary>
    public IReadOnlyList<(string Staff, IReadOnlyList<AgendaItem> Actions)> Today { get; }

    /// <summary>The shop's zone every instant is shown in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Rows rejected over every file read.</summary>
    public int RowsRejected { get; }

    /// <summary>Today's agenda items per status (every status, zero included).</summary>
    public IReadOnlyDictionary<AgendaStatus, int> StatusCounts { get; }

    /// <summary>The channels of today's agenda, in enum order.</summary>
    public IReadOnlyList<ContactChannel> AgendaChannels { get; }

    /// <summary>Today's agenda items per (status, channel); absent pairs count zero.</summary>
    public IReadOnlyDictionary<(AgendaStatus Status, ContactChannel Channel), int> AgendaCounts { get; }

    /// <summary>The non-empty segments, largest first (ties by id).</summary>
    public IReadOnlyList<(Segment Segment, int Customers)> SegmentSizes { get; }

    /// <summary>Retention rate in % of the segments with at least 10 customers in the retention base.</summary>
    public IReadOnlyList<(string Label, double Value)> RetentionBySegment { get; }

    /// <summary>The share of buyers likely still buying; <see langword="null"/> without a count model.</summary>
    public AliveShares? LikelyAlive { get; }

    /// <summary>The positive predicted values, ascending; empty without a count model.</summary>
    public IReadOnlyList<double> PredictedValues { get; } = [];

    /// <summary>The 20 customers of highest predicted value (else expected purchases), ties by id; empty without a count model.</summary>
    public IReadOnlyList<CustomerPrediction> TopCustomers { get; } = [];

    /// <summary>The model of <paramref name="job"/>'s report; contacts masked unless <paramref name="showContacts"/>.</summary>
    public static ReportModel Of(MainJobResult job, bool showContacts = false) => new(job, showContacts);
}
