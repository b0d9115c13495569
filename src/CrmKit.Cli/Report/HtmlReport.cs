using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Cli.Engine;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Review;
using CrmKit.Segmentation;
using NodaTime;
using CrmKit.Cli.Report.Charts;
using static CrmKit.Cli.Report.ProcessSvg;

namespace CrmKit.Cli.Report;

/// <summary>
/// The self-contained HTML report of <c>crmkit run</c>: one file, no script and no network access needed to open
/// it. It opens with what to do today (due care actions grouped by staff member, with each customer's name), then the
/// overview and the rest, under a table of contents. Every text is in <see cref="ReportStrings"/> (English and
/// Vietnamese, by <see cref="UiLanguage.Current"/>), every figure goes through <see cref="Display"/>, every
/// segment, plan, journey and process name through <see cref="ReportNames"/>. Phone numbers and email addresses are
/// masked unless the report is asked to show them (<c>--show-contacts</c>), and then it says it holds personal data.
/// Charts are drawn by OxyPlot and embedded as SVG; process diagrams come from <see cref="ProcessSvg"/>.
/// </summary>
internal static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>At most this many of a staff member's actions are listed in the today section (all are counted).</summary>
    public const int TodayShownPerStaff = 50;

    /// <summary>The sections in page order: anchor id and heading. The table of contents and the headings both come from here.</summary>
    public static IReadOnlyList<(string Id, string Title)> Sections(string day) =>
    [
        ("today", Display.Format(ReportStrings.SectionToday, day)),
        ("overview", ReportStrings.SectionOverview),
        ("review", ReportStrings.SectionReview),
        ("segments", ReportStrings.SectionSegments),
        ("clv", ReportStrings.SectionClv),
        ("care-engine", ReportStrings.SectionCareEngine),
        ("processes", ReportStrings.SectionProcesses),
    ];

    /// <summary>The report of <paramref name="job"/> in the current UI language; contacts whole only when <paramref name="showContacts"/>.</summary>
    public static string Render(MainJobResult job, bool showContacts = false)
    {
        var model = ReportModel.Of(job, showContacts);
        var zone = job.Settings.Zone;
        var html = new StringBuilder();
        html.Append(Inv, $"<!DOCTYPE html>\n<html lang=\"{UiLanguage.Current.Code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(Inv, $"<title>{Html(ReportStrings.ReportTitle)} — {Html(SeedsFolder.ShopName(job.Settings))}</title>");
        html.Append("""
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:1100px;color:#1d1d1f;padding:0 1rem}
            h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #3b5b8c;padding-bottom:.2rem}h3{margin-top:1.4rem}
            table{border-collapse:collapse;margin:.6rem 0 1rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}
            th:first-child,td:first-child{text-align:left}td.text,th.text{text-align:left}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}
            .cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{background:#f4f6fa;border-radius:8px;padding:.6rem .9rem;min-width:9rem}
            .card b{display:block;font-size:1.3rem}.note{color:#555;font-size:.9rem}.process{max-width:100%;height:auto}
            .personal-data{background:#fff4e5;border-left:4px solid #d9822b;padding:.5rem .8rem}nav.contents ol{columns:2}
            </style></head><body>
            """);
        html.Append(Inv, $"<h1>{Html(ReportStrings.ReportTitle)} — {Html(SeedsFolder.ShopName(job.Settings))}</h1><p>{Text(ReportStrings.DataAsOf, $"<code>{Html(SeedsFolder.Describe(job.Settings))}</code>", Html(Display.DateTime(job.AsOf, zone)), Html(zone.Id))}</p>");
        if (showContacts)
        {
            html.Append(Inv, $"<p class=\"personal-data\" data-personal-data=\"contacts\"><b>{Html(ReportStrings.PersonalDataTitle)}</b> {Html(ReportStrings.PersonalDataNotice)}</p>");
        }

        Contents(html, RunSummary.AsOfDay(job));
        Today(html, model);
        Overview(html, model);
        Review(html, model);
        Segments(html, model);
        Clv(html, model);
        CareEngine(html, model);
        Processes(html, model);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Contents(StringBuilder html, string day)
    {
        html.Append(Inv, $"<nav class=\"contents\" aria-label=\"{Html(ReportStrings.Contents)}\"><b>{Html(ReportStrings.Contents)}</b><ol>");
        foreach (var (id, title) in Sections(day))
        {
            html.Append(Inv, $"<li><a href=\"#{id}\">{Html(title)}</a></li>");
        }

        html.Append("</ol></nav>");
    }

    private static void Heading(StringBuilder html, string id, ReportModel model)
        => html.Append(Inv, $"<h2 id=\"{id}\">{Html(Sections(RunSummary.AsOfDay(model.Job)).Single(s => s.Id == id).Title)}</h2>");

    // What to do today: the agenda's due actions by staff member, each with the customer's name, the contact for the
    // channel (masked unless --show-contacts), and why (the care plan and the segment that put the customer in it).
    private static void Today(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        Heading(html, "today", model);
        var items = job.Agenda;
        var statuses = string.Join(", ", Enum.GetValues<AgendaStatus>().Select(s => ReportNames.Status(s) + " " + Display.Number(model.StatusCounts[s])));
        // Nothing due: one sentence saying so (sixth trial: "có 0 việc … (0 nhóm)"), with what the agenda holds if anything.
        var intro = model.StatusCounts[AgendaStatus.Due] == 0
            ? Text(items.Count == 0 ? ReportStrings.TodayIntroNone : ReportStrings.TodayIntroNoneDue, Html(RunSummary.AsOfDay(job)), Html(Display.Number(items.Count)), Html(statuses))
            : Text(ReportStrings.TodayIntro, Html(Display.Number(model.StatusCounts[AgendaStatus.Due])), Html(Display.Number(model.Today.Count)), Html(Display.Number(items.Count)), Html(statuses), Html(RunSummary.AsOfDay(job)));
        html.Append(Inv, $"<p>{intro}</p>");
        if (CareCommand.NoConsentNote(job, items) is { } why)
        {
            html.Append(Inv, $"<p class=\"note\" data-note=\"no-consent\">{Html(why)}</p>"); // why nothing is due, when it is the data's reason (fifth trial)
        }

        if (!model.ShowContacts)
        {
            html.Append(Inv, $"<p class=\"note\">{Html(ReportStrings.ContactsMasked)}</p>");
        }

        foreach (var (staff, actions) in model.Today)
        {
            var who = staff == StaffFigures.Unassigned ? ReportStrings.TodayUnassigned : Display.Format(ReportStrings.TodayStaff, staff);
            html.Append(Inv, $"<h3 data-staff=\"{Html(staff)}\">{Html(who)} — {Html(Display.Plural(actions.Count, ReportStrings.TodayActionsOne, ReportStrings.TodayActions, Display.Number(actions.Count)))}</h3>");
            html.Append(Inv, $"<table data-table=\"today\"><tr><th>{Html(ReportStrings.ColumnTime)}</th><th>{Html(ReportStrings.ColumnCustomer)}</th><th class=\"text\">{Html(ReportStrings.ColumnName)}</th><th class=\"text\">{Html(ReportStrings.ColumnContact)}</th><th class=\"text\">{Html(ReportStrings.ColumnChannel)}</th><th class=\"text\">{Html(ReportStrings.ColumnWhy)}</th><th class=\"text\">{Html(ReportStrings.ColumnTemplate)}</th></tr>");
            foreach (var i in actions.Take(TodayShownPerStaff))
            {
                var customer = model.CustomersById.GetValueOrDefault(i.CustomerId.Value);
                html.Append(Inv, $"<tr><td>{Html(i.SendAt is { } at ? Display.DateTime(at, model.Zone) : "–")}</td><td>{Html(Id(model, i.CustomerId.Value))}</td><td class=\"text\">{Html(Name(model, customer))}</td><td class=\"text\">{Html(Contact(model, customer, i.Action.Channel))}</td><td class=\"text\">{Html(ReportNames.Channel(i.Action.Channel))}</td><td class=\"text\">{Html(Why(model, customer, i.PlanId))}</td><td class=\"text\">{Template(i.Action.Template)}</td></tr>");
            }

            html.Append("</table>");
            if (actions.Count > TodayShownPerStaff)
            {
                html.Append(Inv, $"<p class=\"note\">{Html(Display.Format(ReportStrings.TodayMore, Display.Number(actions.Count - TodayShownPerStaff)))}</p>");
            }
        }

        if (items.Count > 0)
        {
            var channels = model.AgendaChannels;
            ReportFigure.Append(html, "agenda-by-channel", AgendaChannelChart.Build(channels, model.AgendaCounts), 900, 100 + (40 * channels.Count), ReportStrings.AgendaChartCaption);
        }

        html.Append(Inv, $"<p class=\"note\">{Text(ReportStrings.TodayQueueNote, Html(Display.Number(job.Engine.Queue.Count)), "<a href=\"#care-engine\">", "</a>", Html(RunSummary.AsOfDay(job)))}</p>");
    }

    // Why a customer is on today's list: the plan's name and the first of its segments the customer is in.
    internal static string Why(ReportModel model, Customer? customer, string planId)
    {
        var plan = model.Names.Plan(planId);
        var memberships = model.Job.Segmentation.Memberships;
        if (customer is null || !memberships.TryGetValue(customer.Id, out var m))
        {
            return plan;
        }

        var segment = model.Names.PlanSegments(planId).FirstOrDefault(m.Ids.Contains);
        return segment is null ? plan : Display.Format(ReportStrings.TodayWhy, plan, model.Names.Segment(segment));
    }

    // The customer's address on the channel (the first phone for calls, SMS and Zalo, the first email for email), whole
    // with --show-contacts, else masked as PersonalData masks it; none for chat and in person.
    internal static string Contact(ReportModel model, Customer? customer, ContactChannel channel)
    {
        if (customer is null)
        {
            return "–";
        }

        var address = channel switch
        {
            ContactChannel.PhoneCall or ContactChannel.Sms or ContactChannel.Zalo when !customer.Phones.IsEmpty
                => model.ShowContacts ? customer.Phones[0].Format(PhoneNumberFormat.National) : PersonalData.MaskPhone(customer.Phones[0]),
            ContactChannel.Email when !customer.Emails.IsEmpty
                => model.ShowContacts ? customer.Emails[0].Value : PersonalData.MaskEmail(customer.Emails[0].Value),
            // No number or address on file, or a channel without one (chat, in person).
            ContactChannel.PhoneCall or ContactChannel.Sms or ContactChannel.Zalo or ContactChannel.Email or ContactChannel.Chat or ContactChannel.InPerson => null,
            _ => throw new UnreachableException($"No contact rule for the channel {channel}."),
        };
        return address ?? "–";
    }

    // A customer id as shown: whole with --show-contacts, else with any phone number or email in it masked.
    internal static string Id(ReportModel model, string id) => model.ShowContacts ? id : PersonalData.Redact(id);

    private static string Name(ReportModel model, string id) => model.CustomersById.TryGetValue(id, out var c) ? Name(model, c) : "–";

    // A customer's name as shown: in full (the shop needs it to act), but a name that is a phone or e-mail — a customer
    // known only from orders without a name is named by its key, the contact — masked like a contact.
    internal static string Name(ReportModel model, Customer? customer)
        => customer is null ? "–" : model.ShowContacts ? customer.DisplayName : PersonalData.Redact(customer.DisplayName);

    private static void Overview(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var r = job.Review.Customers;
        Heading(html, "overview", model);
        html.Append("<div class=\"cards\">");
        Card(html, ReportStrings.CardCustomers, Display.Number(job.Customers.Count));
        Card(html, ReportStrings.CardMerged, Display.Number(job.Merged));
        Card(html, ReportStrings.CardRejected, Display.Number(model.RowsRejected));
        Card(html, Display.Format(ReportStrings.CardRevenue, Display.Number(job.Settings.ReviewDays)), Display.Money(r.Revenue));
        Card(html, ReportStrings.CardRetention, Display.Percent(r.RetentionRate));
        Card(html, ReportStrings.CardNps, Display.Number(job.Review.Feedback.Nps, "F0"));
        Card(html, Display.Format(ReportStrings.CardDueToday, RunSummary.AsOfDay(job)), Display.Number(model.StatusCounts[AgendaStatus.Due]));
        var totals = job.Totals;
        if (totals.GuestSales.Count > 0)
        {
            var guestRevenue = totals.GuestRevenue.Select(m => Display.Money(m));
            Card(html, Display.Format(ReportStrings.CardGuestSales, Display.Number(totals.GuestByStatus[OrderStatus.Completed])), string.Join(", ", guestRevenue.DefaultIfEmpty("–")));
        }

        html.Append("</div>");
        if (totals.After is { } after && totals.AfterCount > 0)
        {
            var afterRevenue = after.AllRevenue.Select(m => Display.Money(m));
            html.Append(Inv, $"<p class=\"note\" data-after-as-of=\"{totals.AfterCount}\">{Html(Display.Format(ReportStrings.AfterAsOfNote, Display.Number(totals.AfterCount), Display.Number(after.GuestSales.Count), string.Join(", ", afterRevenue.DefaultIfEmpty("–"))))}</p>");
        }

        Imported(html, job.DataSet);
        Merges(html, job.Merges);
    }

    // Every merge and every shared contact kept apart, with its evidence (personal data masked).
    private static void Merges(StringBuilder html, MergeOutcome merges)
    {
        var lists = new[]
        {
            (Display.Plural(merges.Merges.Count, ReportStrings.MergesTitleOne, ReportStrings.MergesTitle, Display.Number(merges.Merges.Count), merges.Policy), merges.Merges),
            (Display.Format(ReportStrings.SharedContactsTitle, Display.Number(merges.SharedContacts.Count)), merges.SharedContacts),
        };
        foreach (var (title, list) in lists)
        {
            html.Append(Inv, $"<details><summary>{Html(title)}</summary>");
            if (list.Count == 0)
            {
                html.Append(Inv, $"<p class=\"note\">{Html(ReportStrings.None)}</p></details>");
                continue;
            }

            html.Append(Inv, $"<table><tr><th>{Html(ReportStrings.MergeFirst)}</th><th>{Html(ReportStrings.MergeSecond)}</th><th>{Html(ReportStrings.MergeSurvivor)}</th><th>{Html(ReportStrings.MergeEvidence)}</th><th>{Html(ReportStrings.MergeConflicts)}</th><th>{Html(ReportStrings.MergeSharedContacts)}</th><th>{Html(ReportStrings.MergeNames)}</th></tr>");
            foreach (var d in list)
            {
                html.Append(Inv, $"<tr><td>{Html(d.First)}</td><td>{Html(d.Second)}</td><td>{Html(d.Survivor ?? ReportStrings.MergeKeptApart)}</td><td>{Html(string.Join(", ", d.Evidence.Select(e => DisplayNames.Of(e))))}</td><td>{Html(string.Join(", ", d.Conflicts.Select(c => DisplayNames.Of(c))))}</td><td>{Html(string.Join(", ", d.Contacts))}</td><td>{Html(string.Join(" / ", d.Names))}</td></tr>");
            }

            html.Append("</table></details>");
        }
    }

    // What was read from each file and how, then the issues grouped by kind.
    private static void Imported(StringBuilder html, CustomerDataSet data)
    {
        html.Append(Inv, $"<details><summary>{Html(ReportStrings.FilesRead)}</summary><table><tr><th>{Html(ReportStrings.FileColumn)}</th><th>{Html(ReportStrings.FileRows)}</th><th>{Html(ReportStrings.FileKept)}</th><th>{Html(ReportStrings.FileRejected)}</th><th>{Html(ReportStrings.FileWarnings)}</th><th>{Html(ReportStrings.FileReadAs)}</th></tr>");
        foreach (var f in data.Files)
        {
            html.Append(Inv, $"<tr><td><code>{Html(f.File)}</code></td><td>{Display.Number(f.RowsRead)}</td><td>{Display.Number(f.RowsKept)}</td><td>{Display.Number(f.RowsRejected)}</td><td>{Display.Number(f.Warnings)}</td><td class=\"text\">{Html(RunSummary.Describe(f))}</td></tr>");
        }

        html.Append("</table></details>");
        if (data.IssueCount > 0)
        {
            var groups = data.IssueGroups;
            // Errors (rows or fields rejected) and warnings counted apart (sixth trial: warnings were counted as errors).
            var errors = groups.Where(g => g.Severity == ImportIssueSeverity.Error).Sum(g => g.Count);
            var warnings = groups.Where(g => g.Severity != ImportIssueSeverity.Error).Sum(g => g.Count);
            html.Append(Inv, $"<details><summary>{Html(Display.Plural(groups.Length, ReportStrings.ImportIssuesCountedOne, ReportStrings.ImportIssuesCounted, Display.Count(errors, ReportStrings.ImportErrorCountOne, ReportStrings.ImportErrorCountMany), Display.Count(warnings, Strings.WarningCountOne, Strings.WarningCountMany), Display.Number(groups.Length)))}</summary><ul>");
            foreach (var group in groups.Take(200))
            {
                html.Append(Inv, $"<li><code>{Html(group.Describe())}</code></li>");
            }

            html.Append(groups.Length > 200 ? "<li>…</li></ul></details>" : "</ul></details>");
        }
    }

    private static void Review(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var r = job.Review;
        var zone = job.Settings.Zone;
        Heading(html, "review", model);
        html.Append(Inv, $"<p>{Html(Display.Format(ReportStrings.ReviewPeriod, Display.DateTime(r.Period.Start, zone), Display.DateTime(r.Period.End, zone)))}</p>");
        html.Append(Inv, $"<table><tr><th>{Html(ReportStrings.ColumnFigure)}</th><th>{Html(ReportStrings.ColumnValue)}</th></tr>");
        var c = r.Customers;
        Row(html, ReportStrings.RowBuyers, $"{Display.Number(c.Buyers)} ({Display.Number(c.NewBuyers)} / {Display.Number(c.RepeatBuyers)})");
        Row(html, ReportStrings.RowRetentionChurn, $"{Display.Percent(c.RetentionRate)} / {Display.Percent(c.ChurnRate)}");
        Row(html, ReportStrings.RowRepeatRate, Display.Percent(c.RepeatPurchaseRate));
        Row(html, ReportStrings.RowReturningShare, Display.Percent(c.ReturningRevenueShare));
        Row(html, ReportStrings.RowAverageOrder, Display.Money(c.AverageOrderValue));
        Row(html, ReportStrings.RowFrequency, Display.Number(c.PurchaseFrequency, "F2"));
        Row(html, ReportStrings.RowCsat, Display.Format(ReportStrings.OfResponses, Display.Percent(r.Feedback.Csat), Display.Number(r.Feedback.CsatResponses)));
        Row(html, ReportStrings.RowNps, Display.Format(ReportStrings.OfResponses, Display.Number(r.Feedback.Nps, "F0"), Display.Number(r.Feedback.NpsResponses)));
        Row(html, ReportStrings.RowCes, Display.Format(ReportStrings.OfResponses, Display.Number(r.Feedback.Ces, "F2"), Display.Number(r.Feedback.CesResponses)));
        Row(html, ReportStrings.RowTickets, Display.Number(r.Tickets.Opened));
        Row(html, ReportStrings.RowFirstReply, $"{Hours(r.Tickets.MedianFirstReply)} / {Hours(r.Tickets.MeanFirstReply)}");
        Row(html, ReportStrings.RowResolution, $"{Hours(r.Tickets.MedianResolution)} / {Hours(r.Tickets.MeanResolution)}");
        Row(html, ReportStrings.RowSlaBreach, Display.Percent(r.Tickets.BreachRate));
        html.Append("</table>");

        var segments = model.RetentionBySegment;
        if (segments.Count > 0)
        {
            var chart = HorizontalBarChart.Build(ChartStrings.RetentionTitle, [.. segments.Select(s => (SegmentLabel(model, s.Label), s.Value))], ChartStrings.RetentionAxis, v => Display.Percent(v / 100), ChartStyle.Width);
            ReportFigure.Append(html, "retention-by-segment", chart, ChartStyle.Width, HorizontalBarChart.Height(segments.Count), ReportStrings.RetentionChartCaption);
        }

        html.Append(Inv, $"<table><tr><th>{Html(ReportStrings.ColumnSegment)}</th><th>{Html(ReportStrings.ColumnCustomers)}</th><th>{Html(ReportStrings.ColumnBuyers)}</th><th>{Html(ReportStrings.ColumnRetention)}</th><th>{Html(ReportStrings.ColumnRepeat)}</th><th>{Html(ReportStrings.ColumnReturningRevenue)}</th><th>{Html(ReportStrings.ColumnAverageOrder)}</th><th>{Html(ReportStrings.ColumnFrequency)}</th></tr>");
        foreach (var (id, f) in r.BySegment)
        {
            html.Append(Inv, $"<tr><td>{Html(SegmentLabel(model, id))}</td><td>{Display.Number(f.Customers)}</td><td>{Display.Number(f.Buyers)}</td><td>{Display.Percent(f.RetentionRate)}</td><td>{Display.Percent(f.RepeatPurchaseRate)}</td><td>{Display.Percent(f.ReturningRevenueShare)}</td><td>{Html(Display.Money(f.AverageOrderValue))}</td><td>{Display.Number(f.PurchaseFrequency, "F2")}</td></tr>");
        }

        html.Append("</table>");

        if (r.Cohorts.Length > 0)
        {
            ReportFigure.Append(html, "cohort-retention", CohortRetentionChart.Build(r), 900, 120 + (18 * r.Cohorts.Length), ReportStrings.CohortChartCaption);
        }

        if (r.Staff.Length > 0)
        {
            ReportFigure.Append(html, "staff", StaffChart.Build(r.Staff), 900, 80 + (34 * r.Staff.Length), ReportStrings.StaffChartCaption);
        }
    }

    // A segment as shown wherever its id appears: the id and the name beside it.
    private static string SegmentLabel(ReportModel model, string id) => $"{id} — {model.Names.Segment(id)}";

    private static void Segments(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var sizes = model.SegmentSizes;
        Heading(html, "segments", model);
        html.Append(Inv, $"<p>{Html(Display.Format(ReportStrings.SegmentsIntro, Display.Number(job.Segmentation.Sizes.Length), SegmentationText.Rfm(job.Segmentation.Thresholds, SegmentationText.ShopCurrency(job.Segmentation.ValueTiers))))}</p>");
        foreach (var note in job.Segmentation.Thresholds.Notes)
        {
            html.Append(Inv, $"<p class=\"note\">{Html(Display.Format(ReportStrings.RfmNote, SegmentationText.RfmNote(note)))}</p>");
        }

        foreach (var tiers in job.Segmentation.ValueTiers)
        {
            html.Append(Inv, $"<p>{Html(Display.Format(ReportStrings.ValueTiers, SegmentationText.Tiers(tiers)))}</p>");
        }

        if (sizes.Count > 0)
        {
            var chart = HorizontalBarChart.Build(ChartStrings.SegmentSizesTitle, [.. sizes.Select(s => (SegmentLabel(model, s.Segment.Id), (double)s.Customers))], ChartStrings.AxisCustomers, v => Display.Number((long)v), ChartStyle.Width);
            ReportFigure.Append(html, "segment-sizes", chart, ChartStyle.Width, HorizontalBarChart.Height(sizes.Count), ReportStrings.SegmentSizesCaption);
        }
    }

    private static void Clv(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var clv = job.Clv;
        Heading(html, "clv", model);
        if (clv.Comparison is { } choice)
        {
            var caption = Display.Format(ReportStrings.ModelChoiceCaption, clv.CalibrationEnd is { } end ? Display.Date(end) : "–", ClvText.Reason(choice));
            html.Append(Inv, $"<table><caption>{Html(caption)}</caption><tr><th>{Html(ReportStrings.ColumnModel)}</th><th title=\"{Html(ReportStrings.RmseHint)}\">{Html(ReportStrings.ColumnRmse)}</th><th title=\"{Html(ReportStrings.SeHint)}\">{Html(ReportStrings.ColumnSe)}</th><th title=\"{Html(ReportStrings.MaeHint)}\">{Html(ReportStrings.ColumnMae)}</th><th title=\"{Html(ReportStrings.AggregateErrorHint)}\">{Html(ReportStrings.ColumnAggregateError)}</th><th>{Html(ReportStrings.ColumnPredicted)}</th><th>{Html(ReportStrings.ColumnActual)}</th><th>{Html(ReportStrings.ColumnNote)}</th></tr>");
            foreach (var s in choice.Scores)
            {
                var name = Html(ValueAnalysis.Name(s.Model));
                html.Append(Inv, $"<tr><td>{(s.Model == choice.Best ? "<b>" + name + "</b>" : name)}</td><td>{Display.Number(s.RootMeanSquaredError, "F4")}</td><td>{Display.Number(s.DifferenceStandardError, "F4")}</td><td>{Display.Number(s.MeanAbsoluteError, "F4")}</td><td>{Display.Percent(s.AggregateError)}</td><td>{Display.Number(s.PredictedPurchases, "N0")}</td><td>{Display.Number(s.ActualPurchases, "N0")}</td><td>{Html(string.Join(" ", s.Problems.Select(ClvText.Problem)))}</td></tr>");
            }

            html.Append("</table>");
            if (clv.Tracking is { } tracking)
            {
                var name = tracking.Model.Name;
                ReportFigure.Append(html, "clv-tracking-cumulative", TrackingChart.Build(tracking, cumulative: true), 900, 360, Display.Format(ReportStrings.TrackingCumulativeCaption, name));
                ReportFigure.Append(html, "clv-tracking-weekly", TrackingChart.Build(tracking, cumulative: false), 900, 360, Display.Format(ReportStrings.TrackingWeeklyCaption, name));
                ReportFigure.Append(html, "clv-conditional", ConditionalExpectationChart.Build(tracking), 900, 360, Display.Format(ReportStrings.ConditionalCaption, name));
            }
        }

        if (clv.Count is null)
        {
            html.Append(Inv, $"<p>{Html(ReportStrings.NoClv)}</p><ul class=\"problems\">");
            foreach (var problem in clv.Problems)
            {
                html.Append(Inv, $"<li>{Html(ClvText.Problem(problem))}</li>");
            }

            html.Append("</ul>");
            return;
        }

        var shares = model.LikelyAlive!.Value;
        var oneTimeNote = clv.Model == CountModelKind.BetaGeo ? ReportStrings.BetaGeoOneTimeNote : string.Empty;
        html.Append(Inv, $"<p title=\"{Html(ReportStrings.AliveDefinition)}\">{Text(ReportStrings.LikelyAlive, Html(Display.Number(ValueAnalysis.LikelyAliveThreshold, "0.#")), $"<b>{Html(Display.Percent(shares.Buyers))}</b>", Html(Display.Percent(shares.OneTimeBuyers)), Html(oneTimeNote), Html(Display.Percent(shares.RepeatBuyers)))}</p>");
        var spend = clv.Spend is null ? string.Empty : Display.Format(ReportStrings.ModelsSpend, Display.Parameters(clv.SpendParameters));
        var margin = clv.Options.Value.Margin == 1 ? ReportStrings.NoMargin : Display.Format(ReportStrings.Margin, Display.Percent(clv.Options.Value.Margin));
        var models = Display.Format(ReportStrings.ModelsSentence, ValueAnalysis.Name(clv.Model), Display.Parameters(clv.CountParameters), spend, Display.Number(clv.Predictions.Length), Display.Number(clv.Options.Value.Horizon, "F0"), Display.Percent(clv.Options.Value.DiscountRate), margin);
        var correlation = clv.FrequencyValueCorrelation is { } rho ? " " + Display.Format(ReportStrings.Correlation, Display.Number(rho, "F3")) : string.Empty;
        html.Append(Inv, $"<p>{Html(models + correlation)}</p>");
        foreach (var problem in clv.Problems)
        {
            html.Append(Inv, $"<p class=\"note\">{Html(ClvText.Problem(problem))}</p>");
        }

        var values = model.PredictedValues;
        if (values.Count > 1)
        {
            ReportFigure.Append(html, "clv-distribution", ValueHistogramChart.Build(values), 900, 360, ReportStrings.ValueDistributionCaption);
        }

        ReportFigure.Append(html, "probability-alive", AliveMatrixChart.Build(clv), 900, 520, ReportStrings.AliveMatrixCaption);
        TopCustomers(html, model);
    }

    // The 20 customers of highest predicted value, with their names and segment names. Without values (spend model not
    // usable) the table ranks by expected purchases and says why the column is absent.
    private static void TopCustomers(StringBuilder html, ReportModel model)
    {
        var clv = model.Job.Clv;
        var memberships = model.Job.Segmentation.Memberships;
        var valued = clv.ValueMissingReason is null;
        var caption = valued ? ReportStrings.TopCustomersByValue : Display.Format(ReportStrings.TopCustomersByPurchases, ClvText.Problem(clv.ValueMissingReason));
        html.Append(Inv, $"<table data-table=\"top-customers\"><caption>{Html(caption)}</caption><tr><th>{Html(ReportStrings.ColumnCustomer)}</th><th class=\"text\">{Html(ReportStrings.ColumnName)}</th><th class=\"text\">{Html(ReportStrings.ColumnPhone)}</th><th class=\"text\">{Html(ReportStrings.ColumnSegments)}</th><th title=\"{Html(ReportStrings.FrequencyHint)}\">{Html(ReportStrings.ColumnRepeatDays)}</th><th title=\"{Html(ReportStrings.RecencyHint)}\">{Html(ReportStrings.ColumnFirstToLast)}</th><th title=\"{Html(ReportStrings.AliveDefinition)}\">{Html(ReportStrings.ColumnProbabilityAlive)}</th><th>{Html(ReportStrings.ColumnExpectedPurchases)}</th>{(valued ? $"<th>{Html(ReportStrings.ColumnPredictedValue)}</th>" : string.Empty)}</tr>");
        foreach (var p in model.TopCustomers)
        {
            var id = p.CustomerId.Value;
            var segments = memberships.TryGetValue(p.CustomerId, out var m) ? string.Join(", ", m.Ids.Take(4).Select(model.Names.Segment)) : string.Empty;
            var customer = model.CustomersById.GetValueOrDefault(id);
            html.Append(Inv, $"<tr><td>{Html(Id(model, id))}</td><td class=\"text\">{Html(Name(model, id))}</td><td class=\"text\">{Html(Contact(model, customer, ContactChannel.PhoneCall))}</td><td class=\"text\">{Html(segments)}</td><td>{Display.Number(p.Summary.Frequency, "0.##")}</td><td>{Display.Number(p.Summary.Recency, "F1")}</td><td>{Display.Number(p.ProbabilityAlive, "F2")}</td><td>{Display.Number(p.ExpectedPurchases, "F2")}</td>{(valued ? $"<td>{Html(p.Value is { } value ? Display.WholeAmount(value, customer is { History.Orders: [var first, ..] } ? first.Total.Currency : null) : "–")}</td>" : string.Empty)}</tr>");
        }

        html.Append("</table>");
    }

    // What the care engine did over the history and is doing now: journeys, messages by outcome and reason, today's queue.
    private static void CareEngine(StringBuilder html, ReportModel model)
    {
        var engine = model.Job.Engine;
        var zone = model.Zone;
        Heading(html, "care-engine", model);
        html.Append(Inv, $"<p>{Html(Display.Format(ReportStrings.CareEngineIntro, Display.Number(engine.Events), Display.Number(EngineReplay.DefaultPoll.TotalMinutes, "F0")))}</p>");
        html.Append("<div class=\"cards\">");
        Card(html, ReportStrings.CardSent, Display.Number(engine.Sent));
        Card(html, ReportStrings.CardQueued, Display.Number(engine.Pending));
        Card(html, DisplayNames.Of(ContactVerdict.Deferred), Display.Number(engine.Deferred.Count));
        Card(html, DisplayNames.Of(ContactVerdict.Skipped), Display.Number(engine.Skipped.Count));
        Card(html, DisplayNames.Of(global::CrmKit.Engine.OutboxState.Cancelled), Display.Number(engine.Cancelled.Count));
        Card(html, ReportStrings.CardTasks, Display.Number(engine.OpenTasks.Count));
        html.Append("</div>");
        html.Append(Inv, $"<table data-table=\"journeys\"><caption>{Html(ReportStrings.JourneysCaption)}</caption><tr><th>{Html(ReportStrings.ColumnJourney)}</th><th>{Html(ReportStrings.ColumnEnrolled)}</th><th>{Html(ReportStrings.ColumnActive)}</th><th>{Html(ReportStrings.ColumnCompleted)}</th><th>{Html(ReportStrings.ColumnExited)}</th><th>{Html(ReportStrings.ColumnGoalReached)}</th></tr>");
        foreach (var j in engine.Statistics.Journeys)
        {
            html.Append(Inv, $"<tr><td>{Journey(model, j.JourneyId)}</td><td>{Display.Number(j.Enrolled)}</td><td>{Display.Number(j.Active)}</td><td>{Display.Number(j.Completed)}</td><td>{Display.Number(j.Exited)}</td><td>{Display.Number(j.GoalReached)}</td></tr>");
        }

        html.Append("</table>");
        html.Append(Inv, $"<table data-table=\"messages\"><caption>{Html(ReportStrings.MessagesCaption)}</caption><tr><th>{Html(ReportStrings.ColumnOutcome)}</th><th class=\"text\">{Html(ReportStrings.ColumnReason)}</th><th>{Html(ReportStrings.ColumnMessages)}</th></tr>");
        foreach (var (what, counts) in new[] { (DisplayNames.Of(ContactVerdict.Deferred), engine.Deferred), (DisplayNames.Of(ContactVerdict.Skipped), engine.Skipped), (DisplayNames.Of(ContactVerdict.Dropped), engine.Dropped), (DisplayNames.Of(global::CrmKit.Engine.OutboxState.Cancelled), engine.Cancelled) })
        {
            foreach (var (reason, count) in counts.ByReason)
            {
                html.Append(Inv, $"<tr><td>{Html(what)}</td><td class=\"text\">{Html(ContactReason.Parse(reason).Describe())}</td><td>{Display.Number(count)}</td></tr>");
            }
        }

        html.Append("</table>");
        var queue = engine.Queue;
        var shown = Engine.CareEngineRun.QueueShown;
        html.Append(Inv, $"<table data-table=\"queue\"><caption>{Html(Display.Format(ReportStrings.QueueCaption, Display.Number(queue.Count), Display.Number(shown), RunSummary.AsOfDay(model.Job)))}</caption><tr><th>{Html(ReportStrings.ColumnDue)}</th><th>{Html(ReportStrings.ColumnCustomer)}</th><th class=\"text\">{Html(ReportStrings.ColumnName)}</th><th class=\"text\">{Html(ReportStrings.ColumnChannel)}</th><th class=\"text\">{Html(ReportStrings.ColumnPurpose)}</th><th class=\"text\">{Html(ReportStrings.ColumnTemplate)}</th><th class=\"text\">{Html(ReportStrings.ColumnJourney)}</th></tr>");
        foreach (var m in queue.Take(shown))
        {
            var id = m.Message.CustomerId.Value;
            html.Append(Inv, $"<tr><td>{Html(Display.DateTime(m.Message.DueAt, zone))}</td><td>{Html(Id(model, id))}</td><td class=\"text\">{Html(Name(model, id))}</td><td class=\"text\">{Html(ReportNames.Channel(m.Message.Channel))}</td><td class=\"text\">{Html(ReportNames.Purpose(m.Message.Purpose))}</td><td class=\"text\">{Template(m.Message.Template)}</td><td class=\"text\">{Journey(model, m.Message.JourneyId)}</td></tr>");
        }

        html.Append("</table>");
        html.Append(Inv, $"<table data-table=\"tasks\"><caption>{Html(Display.Format(ReportStrings.TasksCaption, Display.Number(engine.OpenTasks.Count), Display.Number(shown)))}</caption><tr><th>{Html(ReportStrings.ColumnCreated)}</th><th>{Html(ReportStrings.ColumnCustomer)}</th><th class=\"text\">{Html(ReportStrings.ColumnName)}</th><th class=\"text\">{Html(ReportStrings.ColumnTask)}</th><th class=\"text\">{Html(ReportStrings.ColumnRole)}</th><th class=\"text\">{Html(ReportStrings.ColumnJourney)}</th></tr>");
        foreach (var t in engine.OpenTasks.Take(shown))
        {
            var id = t.CustomerId.Value;
            html.Append(Inv, $"<tr><td>{Html(Display.DateTime(t.CreatedAt, zone))}</td><td>{Html(Id(model, id))}</td><td class=\"text\">{Html(Name(model, id))}</td><td class=\"text\">{Html(DisplayNames.TaskTitle(t))}</td><td class=\"text\">{Html(t.Role is { } role ? DisplayNames.RoleName(role) : "–")}</td><td class=\"text\">{Journey(model, t.JourneyId)}</td></tr>");
        }

        html.Append("</table>");
    }

    // A journey as shown: its name, then its (versioned) id in code.
    // A template's id in <code>, after its name in a language other than English (staff find the template by the id).
    private static string Template(string id)
        => UiLanguage.Current != UiLanguage.English && DisplayNames.TemplateName(id) is { } name ? $"{Html(name)} <code>{Html(id)}</code>" : $"<code>{Html(id)}</code>";

    private static string Journey(ReportModel model, string id)
    {
        var name = model.Names.Journey(id);
        return name == id ? $"<code>{Html(id)}</code>" : $"{Html(name)} <code>{Html(id)}</code>";
    }

    private static void Processes(StringBuilder html, ReportModel model)
    {
        Heading(html, "processes", model);
        html.Append(Inv, $"<p>{Html(ReportStrings.ProcessesIntro)}</p>");
        foreach (var (process, live) in model.Job.Engine.UsedProcesses())
        {
            var caption = Display.Format(ReportStrings.ProcessLive, Display.Number(live.Values.Sum()));
            html.Append(Inv, $"<figure class=\"chart diagram\" data-chart=\"process-{Html(process.Id)}\"><figcaption><b>{Html(model.Names.Process(process.Id))}</b> (<code>{Html(process.Id)}</code>): {Html(caption)}</figcaption>{ProcessSvg.Render(process, live)}</figure>");
        }
    }

    // A resource text whose placeholders take HTML (already encoded by the caller): the text itself is encoded.
    private static string Text(string format, params object?[] htmlArgs) => Display.Format(Html(format), htmlArgs);

    private static string Hours(Duration? duration) => RunSummary.Hours(duration);

    private static void Card(StringBuilder html, string label, string value) => html.Append(Inv, $"<div class=\"card\"><b>{Html(value)}</b>{Html(label)}</div>");

    private static void Row(StringBuilder html, string label, string value) => html.Append(Inv, $"<tr><td>{Html(label)}</td><td>{Html(value)}</td></tr>");
}
