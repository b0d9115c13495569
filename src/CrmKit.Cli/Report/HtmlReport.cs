using System.Globalization;
using System.Text;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Cli.Engine;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Review;
using NodaTime;
using CrmKit.Cli.Report.Charts;
using static CrmKit.Cli.Report.ProcessSvg;

namespace CrmKit.Cli.Report;

/// <summary>
/// The self-contained HTML report of <c>crmkit run</c>: one file, no script and no network access needed to open
/// it. Charts are drawn by OxyPlot and embedded as SVG; process diagrams come from <see cref="ProcessSvg"/>.
/// </summary>
internal static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(MainJobResult job)
    {
        var model = ReportModel.Of(job);
        var zone = job.Settings.Zone;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(Inv, $"<title>{Html(ReportStrings.ReportTitle)} — {Html(job.Settings.Source)}</title>");
        html.Append("""
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:2rem auto;max-width:1100px;color:#1d1d1f;padding:0 1rem}
            h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #3b5b8c;padding-bottom:.2rem}
            table{border-collapse:collapse;margin:.6rem 0 1rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:right}
            th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}
            .cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{background:#f4f6fa;border-radius:8px;padding:.6rem .9rem;min-width:9rem}
            .card b{display:block;font-size:1.3rem}.note{color:#555;font-size:.9rem}.process{max-width:100%;height:auto}
            </style></head><body>
            """);
        html.Append(Inv, $"<h1>{Html(ReportStrings.ReportTitle)}</h1><p>Data: <code>{Html(job.Settings.Source)}</code>; as of {job.AsOf.InZone(zone):uuuu-MM-dd HH:mm} ({Html(zone.Id)}).</p>");
        Overview(html, model);
        Review(html, model);
        Segments(html, model);
        Clv(html, model);
        Agenda(html, model);
        CareEngine(html, job);
        Processes(html, job);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Overview(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var r = job.Review.Customers;
        html.Append("<h2 id=\"overview\">Overview</h2><div class=\"cards\">");
        Card(html, "customers", job.Customers.Count.ToString("N0", Inv));
        Card(html, "duplicates merged", job.Merged.ToString("N0", Inv));
        Card(html, "rows rejected", model.RowsRejected.ToString("N0", Inv));
        Card(html, $"revenue, last {job.Settings.ReviewDays} days", RunSummary.Amount(r.Revenue));
        Card(html, "retention", RunSummary.Percent(r.RetentionRate));
        Card(html, "NPS", RunSummary.Number(job.Review.Feedback.Nps, "F0"));
        Card(html, "care actions due today", model.StatusCounts[AgendaStatus.Due].ToString("N0", Inv));
        var guests = job.DataSet.GuestSales;
        if (!guests.IsEmpty)
        {
            var guestRevenue = RunSummary.GuestRevenue(job.DataSet).Select(m => RunSummary.Amount(m));
            Card(html, $"guest sales ({guests.Count(g => g.IsRevenue).ToString("N0", Inv)} completed, no customer)", string.Join(", ", guestRevenue.DefaultIfEmpty("–")));
        }

        html.Append("</div>");
        Imported(html, job.DataSet);
        Merges(html, job.Merges);
    }

    // Every merge and every shared contact kept apart, with its evidence (personal data masked).
    private static void Merges(StringBuilder html, MergeOutcome merges)
    {
        foreach (var (title, list) in new[] { ($"Duplicates merged ({merges.Merges.Count.ToString("N0", Inv)} pairs, --merge {merges.Policy})", merges.Merges), ($"Shared contacts kept apart ({merges.SharedContacts.Count.ToString("N0", Inv)}: a household or a shared phone)", merges.SharedContacts) })
        {
            html.Append(Inv, $"<details><summary>{Html(title)}</summary>");
            if (list.Count == 0)
            {
                html.Append("<p class=\"note\">None.</p></details>");
                continue;
            }

            html.Append("<table><tr><th>first</th><th>second</th><th>survivor</th><th>evidence</th><th>conflicts</th><th>shared contacts</th><th>names</th></tr>");
            foreach (var d in list)
            {
                html.Append(Inv, $"<tr><td>{Html(d.First)}</td><td>{Html(d.Second)}</td><td>{Html(d.Survivor ?? "kept apart")}</td><td>{Html(string.Join(", ", d.Evidence))}</td><td>{Html(string.Join(", ", d.Conflicts))}</td><td>{Html(string.Join(", ", d.Contacts))}</td><td>{Html(string.Join(" / ", d.Names))}</td></tr>");
            }

            html.Append("</table></details>");
        }
    }

    // What was read from each file and how, then the issues grouped by kind.
    private static void Imported(StringBuilder html, CustomerDataSet data)
    {
        html.Append("<details><summary>Files read</summary><table><tr><th>file</th><th>rows</th><th>kept</th><th>rejected</th><th>warnings</th><th>read as</th></tr>");
        foreach (var f in data.Files)
        {
            html.Append(Inv, $"<tr><td><code>{Html(f.File)}</code></td><td>{f.RowsRead:N0}</td><td>{f.RowsKept:N0}</td><td>{f.RowsRejected:N0}</td><td>{f.Warnings:N0}</td><td style=\"text-align:left\">{Html(RunSummary.Describe(f))}</td></tr>");
        }

        html.Append("</table></details>");
        if (data.IssueCount > 0)
        {
            var groups = data.IssueGroups;
            html.Append(Inv, $"<details><summary>Import issues ({data.IssueCount:N0}, {groups.Length:N0} kinds)</summary><ul>");
            foreach (var group in groups.Take(200))
            {
                html.Append(Inv, $"<li><code>{Html(group.ToString())}</code></li>");
            }

            html.Append(groups.Length > 200 ? "<li>…</li></ul></details>" : "</ul></details>");
        }
    }

    private static void Review(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var r = job.Review;
        var zone = job.Settings.Zone;
        html.Append(Inv, $"<h2 id=\"review\">Review figures</h2><p>Period {r.Period.Start.InZone(zone):uuuu-MM-dd HH:mm} to {r.Period.End.InZone(zone):uuuu-MM-dd HH:mm}. Formulas: docs/review.md.</p>");
        html.Append("<table><tr><th>figure</th><th>value</th></tr>");
        var c = r.Customers;
        Row(html, "buyers (new / repeat)", string.Create(Inv, $"{c.Buyers:N0} ({c.NewBuyers:N0} / {c.RepeatBuyers:N0})"));
        Row(html, "retention rate / churn rate", $"{RunSummary.Percent(c.RetentionRate)} / {RunSummary.Percent(c.ChurnRate)}");
        Row(html, "repeat-purchase rate", RunSummary.Percent(c.RepeatPurchaseRate));
        Row(html, "returning customers' share of revenue", RunSummary.Percent(c.ReturningRevenueShare));
        Row(html, "average order value", RunSummary.Amount(c.AverageOrderValue));
        Row(html, "purchase frequency (orders per buyer)", RunSummary.Number(c.PurchaseFrequency, "F2"));
        Row(html, "CSAT (share satisfied)", string.Create(Inv, $"{RunSummary.Percent(r.Feedback.Csat)} of {r.Feedback.CsatResponses:N0}"));
        Row(html, "NPS", string.Create(Inv, $"{RunSummary.Number(r.Feedback.Nps, "F0")} of {r.Feedback.NpsResponses:N0}"));
        Row(html, "CES (1 easy … 7 difficult)", string.Create(Inv, $"{RunSummary.Number(r.Feedback.Ces, "F2")} of {r.Feedback.CesResponses:N0}"));
        Row(html, "tickets opened", r.Tickets.Opened.ToString("N0", Inv));
        Row(html, "first reply, median / mean (business hours)", $"{RunSummary.Hours(r.Tickets.MedianFirstReply)} / {RunSummary.Hours(r.Tickets.MeanFirstReply)}");
        Row(html, "resolution, median / mean (business hours)", $"{RunSummary.Hours(r.Tickets.MedianResolution)} / {RunSummary.Hours(r.Tickets.MeanResolution)}");
        Row(html, "SLA breach rate", RunSummary.Percent(r.Tickets.BreachRate));
        html.Append("</table>");

        var segments = model.RetentionBySegment;
        if (segments.Count > 0)
        {
            var chart = HorizontalBarChart.Build(ChartStrings.RetentionTitle, segments, ChartStrings.RetentionAxis, v => Display.Percent(v / 100), ChartStyle.Width);
            ReportFigure.Append(html, "retention-by-segment", chart, ChartStyle.Width, HorizontalBarChart.Height(segments.Count), "Retention by segment: of the segment's customers who bought in the equally long window before the period, the share who bought again in it.");
        }

        html.Append("<table><tr><th>segment</th><th>customers</th><th>buyers</th><th>retention</th><th>repeat</th><th>returning revenue</th><th>average order</th><th>frequency</th></tr>");
        foreach (var (id, f) in r.BySegment)
        {
            html.Append(Inv, $"<tr><td>{Html(id)}</td><td>{f.Customers:N0}</td><td>{f.Buyers:N0}</td><td>{RunSummary.Percent(f.RetentionRate)}</td><td>{RunSummary.Percent(f.RepeatPurchaseRate)}</td><td>{RunSummary.Percent(f.ReturningRevenueShare)}</td><td>{RunSummary.Amount(f.AverageOrderValue)}</td><td>{RunSummary.Number(f.PurchaseFrequency, "F2")}</td></tr>");
        }

        html.Append("</table>");

        if (r.Cohorts.Length > 0)
        {
            ReportFigure.Append(html, "cohort-retention", CohortRetentionChart.Build(r), 900, 120 + (18 * r.Cohorts.Length), "Cohort retention: the share of each acquisition month's customers who bought again k months later.");
        }

        if (r.Staff.Length > 0)
        {
            var staff = StaffChart.Build(r.Staff);
            ReportFigure.Append(html, "staff", staff, 900, 80 + (34 * r.Staff.Length), "Done: an outbound contact on the action's channel within 3 days of its due instant, by the staff member of the customer's latest interaction.");
        }
    }

    private static void Segments(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var sizes = model.SegmentSizes;
        html.Append(Inv, $"<h2 id=\"segments\">Segments</h2><p>{job.Segmentation.Sizes.Length} segments; RFM thresholds {Html(job.Segmentation.Thresholds.ToString())}.</p>");
        foreach (var note in job.Segmentation.Thresholds.Notes)
        {
            html.Append(Inv, $"<p class=\"note\">RFM: {Html(note)}</p>");
        }

        foreach (var tiers in job.Segmentation.ValueTiers)
        {
            html.Append(Inv, $"<p>Value tiers (relative to the shop: VIP = fewer than 5 % of buyers worth more, high 20 %, average 50 %): {Html(tiers.ToString())}.</p>");
        }
        if (sizes.Count > 0)
        {
            var chart = HorizontalBarChart.Build(ChartStrings.SegmentSizesTitle, sizes.Select(s => ($"{s.Segment.Id} — {s.Segment.Name}", (double)s.Customers)).ToList(), ChartStrings.AxisCustomers, v => Display.Number((long)v), ChartStyle.Width);
            ReportFigure.Append(html, "segment-sizes", chart, ChartStyle.Width, HorizontalBarChart.Height(sizes.Count), "Segment sizes (a customer can be in several segments; empty segments are left out).");
        }
    }

    private static void Clv(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        var clv = job.Clv;
        html.Append("<h2 id=\"clv\">Customer lifetime value</h2>");
        if (clv.Comparison is { } choice)
        {
            html.Append(Inv, $"<table><caption>Model choice by holdout (calibration to {clv.CalibrationEnd:uuuu-MM-dd}): {Html(choice.Reason)}</caption><tr><th>model</th><th title=\"√(mean over customers of (expected − actual purchases in the holdout)²): decides the choice.\">holdout RMSE per customer</th><th title=\"Standard error of the difference in mean squared error to the chosen model (paired over customers): differences within about two are noise.\">± SE of difference</th><th title=\"Mean over customers of |expected − actual purchases in the holdout|.\">holdout MAE per customer</th><th title=\"|predicted − actual total holdout purchases| / actual.\">aggregate error</th><th>predicted</th><th>actual</th><th>note</th></tr>");
            foreach (var s in choice.Scores)
            {
                html.Append(Inv, $"<tr><td>{(s.Model == choice.Best ? "<b>" + ValueAnalysis.Name(s.Model) + "</b>" : ValueAnalysis.Name(s.Model))}</td><td>{RunSummary.Number(s.RootMeanSquaredError, "F4")}</td><td>{RunSummary.Number(s.DifferenceStandardError, "F4")}</td><td>{RunSummary.Number(s.MeanAbsoluteError, "F4")}</td><td>{RunSummary.Percent(s.AggregateError)}</td><td>{RunSummary.Number(s.PredictedPurchases, "N0")}</td><td>{RunSummary.Number(s.ActualPurchases, "N0")}</td><td>{Html(s.Problem ?? string.Empty)}</td></tr>");
            }

            html.Append("</table>");
            if (clv.Tracking is { } tracking)
            {
                var name = tracking.Model.Name;
                ReportFigure.Append(html, "clv-tracking-cumulative", TrackingChart.Build(tracking, cumulative: true), 900, 360, $"Cumulative repeat purchases of the calibration cohort, actual and expected under {name} fitted on the calibration period (to the dashed line), through the holdout (Fader, Hardie & Lee 2005, fig. 3).");
                ReportFigure.Append(html, "clv-tracking-weekly", TrackingChart.Build(tracking, cumulative: false), 900, 360, $"Repeat purchases per week, actual and expected under {name} fitted on the calibration period (to the dashed line).");
                ReportFigure.Append(html, "clv-conditional", ConditionalExpectationChart.Build(tracking), 900, 360, $"Holdout purchases per customer by calibration frequency: actual mean and {name}'s conditional expectation (Fader, Hardie & Lee 2005, fig. 4; the last group is 7 or more).");
            }
        }

        if (clv.Count is null)
        {
            html.Append("<p>No CLV figures are given: no count model could be used.</p><ul class=\"problems\">");
            foreach (var problem in clv.Problems)
            {
                html.Append(Inv, $"<li>{Html(problem)}</li>");
            }

            html.Append("</ul>");
            return;
        }

        var shares = model.LikelyAlive!.Value;
        html.Append(Inv, $"<p title=\"{Html(AliveDefinition)}\">Customers likely still buying (probability alive ≥ {ValueAnalysis.LikelyAliveThreshold:0.#}): <b>{RunSummary.Percent(shares.Buyers)}</b> of buyers; one-time buyers {RunSummary.Percent(shares.OneTimeBuyers)}{(clv.Model == CountModelKind.BetaGeo ? " (BG/NBD treats every one-time buyer as alive: it lets customers drop out only after a repeat purchase)" : string.Empty)}, repeat buyers {RunSummary.Percent(shares.RepeatBuyers)}.</p>");
        html.Append(Inv, $"<p>{ValueAnalysis.Name(clv.Model)} ({Html(Params(clv.CountParameters))})");
        if (clv.Spend is not null)
        {
            html.Append(Inv, $" and Gamma-Gamma ({Html(Params(clv.SpendParameters))})");
        }

        html.Append(Inv, $" on weekly RFM summaries of {clv.Predictions.Length:N0} buyers; value over {clv.Options.Value.Horizon:F0} weeks, {clv.Options.Value.DiscountRate:P0} discount per step, {(clv.Options.Value.Margin == 1 ? "no margin applied" : $"margin {clv.Options.Value.Margin:P0}")}.");
        html.Append(clv.FrequencyValueCorrelation is { } rho ? string.Create(Inv, $" Frequency–value correlation {rho:F3} (Gamma-Gamma assumes none).</p>") : "</p>");
        foreach (var problem in clv.Problems)
        {
            html.Append(Inv, $"<p class=\"note\">{Html(problem)}</p>");
        }

        var values = model.PredictedValues;
        if (values.Count > 1)
        {
            ReportFigure.Append(html, "clv-distribution", ValueHistogramChart.Build(values), 900, 360, "Distribution of predicted customer value (the top 1 % are in the last bar).");
        }

        ReportFigure.Append(html, "probability-alive", AliveMatrixChart.Build(clv), 900, 520, "Probability alive by frequency (repeat purchase weeks) and recency (weeks from first to last purchase), for a customer whose first purchase was as long ago as the oldest customer's.");
        var memberships = job.Segmentation.Memberships;
        // Without values (spend model not usable) the table ranks by expected purchases and says why the column is absent.
        var valued = clv.ValueMissingReason is null;
        var caption = valued ? "Top 20 customers by predicted value" : $"Top 20 customers by expected purchases (predicted value not given: {clv.ValueMissingReason})";
        html.Append(Inv, $"<table><caption>{Html(caption)}</caption><tr><th>customer</th><th>segments</th><th title=\"Repeat purchase days: purchase days after the first (same-day purchases count once).\">frequency (repeat days)</th><th title=\"Weeks from the customer's first to last purchase (the BTYD models' recency t_x), not weeks since the last purchase.\">first → last purchase (weeks)</th><th title=\"{Html(AliveDefinition)}\">probability alive</th><th>expected purchases</th>{(valued ? "<th>predicted value</th>" : string.Empty)}</tr>");
        foreach (var p in model.TopCustomers)
        {
            var segments = memberships.TryGetValue(p.CustomerId, out var m) ? string.Join(", ", m.Ids.Take(4)) : string.Empty;
            html.Append(Inv, $"<tr><td>{Html(PersonalData.Redact(p.CustomerId.Value))}</td><td>{Html(segments)}</td><td>{p.Summary.Frequency}</td><td>{p.Summary.Recency:F1}</td><td>{p.ProbabilityAlive:F2}</td><td>{p.ExpectedPurchases:F2}</td>{(valued ? string.Create(Inv, $"<td>{p.Value:N0}</td>") : string.Empty)}</tr>");
        }

        html.Append("</table>");
    }

    private const string AliveDefinition = "Probability alive: the chosen count model's probability that the customer has not yet dropped out, given how many repeat purchase days they had and when (see docs/clv.md). Likely still buying: at least 0.5.";

    private static void Agenda(StringBuilder html, ReportModel model)
    {
        var job = model.Job;
        html.Append("<h2 id=\"agenda\">Today's care agenda</h2>");
        var items = job.Agenda;
        html.Append(Inv, $"<p>{items.Count:N0} actions due in the last day under the built-in care plans and Vietnam's contact policy: {string.Join(", ", Enum.GetValues<AgendaStatus>().Select(s => string.Create(Inv, $"{RunSummary.Name(s)} {model.StatusCounts[s]:N0}")))}.</p>");
        if (items.Count == 0)
        {
            return;
        }

        var channels = model.AgendaChannels;
        var chart = AgendaChannelChart.Build(channels, model.AgendaCounts);
        ReportFigure.Append(html, "agenda-by-channel", chart, 900, 100 + (40 * channels.Count), "Due: send now; deferred: moved by quiet hours or caps; skipped: no consent or blocked; dropped: could not go before the deadline.");
        html.Append("<table><caption>First 30 due actions</caption><tr><th>send at</th><th>customer</th><th>channel</th><th>template</th><th>plan</th></tr>");
        foreach (var i in items.Where(i => i.Status == AgendaStatus.Due).Take(30))
        {
            html.Append(Inv, $"<tr><td>{i.SendAt!.Value.InZone(job.Settings.Zone):uuuu-MM-dd HH:mm}</td><td>{Html(PersonalData.Redact(i.CustomerId))}</td><td>{RunSummary.Name(i.Action.Channel)}</td><td>{Html(i.Action.Template)}</td><td>{Html(i.PlanId)}</td></tr>");
        }

        html.Append("</table>");
    }

    // What the care engine did over the history and is doing now: journeys, messages by outcome and reason, today's queue.
    private static void CareEngine(StringBuilder html, MainJobResult job)
    {
        var engine = job.Engine;
        var zone = job.Settings.Zone;
        html.Append(Inv, $"<h2 id=\"care-engine\">Care engine</h2><p>{engine.Events:N0} events of the data (orders, tickets, feedback, consents, interactions) replayed in time order through the care engine up to the as-of instant, with the built-in journeys and Vietnam's contact policy; a dispatcher polling every {EngineReplay.DefaultPoll.TotalMinutes:F0} minutes re-checked and sent what was due. See docs/engine-cli.md.</p>");
        html.Append("<div class=\"cards\">");
        Card(html, "messages sent", engine.Sent.ToString("N0", Inv));
        Card(html, "queued now", engine.Pending.ToString("N0", Inv));
        Card(html, "deferred", engine.Deferred.Count.ToString("N0", Inv));
        Card(html, "skipped", engine.Skipped.Count.ToString("N0", Inv));
        Card(html, "cancelled", engine.Cancelled.Count.ToString("N0", Inv));
        Card(html, "tasks", engine.Tasks.Count.ToString("N0", Inv));
        html.Append("</div>");
        html.Append("<table data-table=\"journeys\"><caption>Journeys</caption><tr><th>journey</th><th>enrolled</th><th>active</th><th>completed</th><th>exited</th><th>goal reached</th></tr>");
        foreach (var j in engine.Statistics.Journeys)
        {
            html.Append(Inv, $"<tr><td><code>{Html(j.JourneyId)}</code></td><td>{j.Enrolled:N0}</td><td>{j.Active:N0}</td><td>{j.Completed:N0}</td><td>{j.Exited:N0}</td><td>{j.GoalReached:N0}</td></tr>");
        }

        html.Append("</table>");
        html.Append("<table data-table=\"messages\"><caption>Messages not simply sent, by reason</caption><tr><th>outcome</th><th>reason</th><th>messages</th></tr>");
        foreach (var (what, counts) in new[] { ("deferred", engine.Deferred), ("skipped", engine.Skipped), ("dropped", engine.Dropped), ("cancelled", engine.Cancelled) })
        {
            foreach (var (reason, count) in counts.ByReason)
            {
                html.Append(Inv, $"<tr><td>{what}</td><td style=\"text-align:left\">{Html(reason)}</td><td>{count:N0}</td></tr>");
            }
        }

        html.Append("</table>");
        var queue = engine.Queue;
        html.Append(Inv, $"<table data-table=\"queue\"><caption>Today's queue: {queue.Count:N0} messages due by the end of the as-of day (first {Engine.CareEngineRun.QueueShown})</caption><tr><th>due</th><th>customer</th><th>channel</th><th>purpose</th><th>template</th><th>journey</th></tr>");
        foreach (var m in queue.Take(Engine.CareEngineRun.QueueShown))
        {
            html.Append(Inv, $"<tr><td>{m.Message.DueAt.InZone(zone):uuuu-MM-dd HH:mm}</td><td>{Html(PersonalData.Redact(m.Message.CustomerId.Value))}</td><td>{RunSummary.Name(m.Message.Channel)}</td><td>{RunSummary.Name(m.Message.Purpose)}</td><td>{Html(m.Message.Template)}</td><td><code>{Html(m.Message.JourneyId)}</code></td></tr>");
        }

        html.Append("</table>");
        html.Append(Inv, $"<table data-table=\"tasks\"><caption>Tasks: {engine.Tasks.Count:N0} (newest {Engine.CareEngineRun.QueueShown})</caption><tr><th>created</th><th>customer</th><th>task</th><th>role</th><th>journey</th></tr>");
        foreach (var t in engine.OpenTasks.Take(Engine.CareEngineRun.QueueShown))
        {
            html.Append(Inv, $"<tr><td>{t.CreatedAt.InZone(zone):uuuu-MM-dd HH:mm}</td><td>{Html(PersonalData.Redact(t.CustomerId.Value))}</td><td style=\"text-align:left\">{Html(t.Title)}</td><td>{Html(t.Role ?? "–")}</td><td><code>{Html(t.JourneyId)}</code></td></tr>");
        }

        html.Append("</table>");
    }

    private static void Processes(StringBuilder html, MainJobResult job)
    {
        html.Append("<h2 id=\"processes\">Care processes</h2><p>The processes the journeys run, each state with its live count (instances in it at the as-of instant); hover a transition for its full label.</p>");
        foreach (var (process, live) in job.Engine.UsedProcesses())
        {
            html.Append(Inv, $"<figure class=\"chart diagram\" data-chart=\"process-{Html(process.Id)}\"><figcaption><b>{Html(process.Model.Name)}</b> (<code>{Html(process.Id)}</code>): {live.Values.Sum():N0} live</figcaption>{ProcessSvg.Render(process, live)}</figure>");
        }
    }

    private static void Card(StringBuilder html, string label, string value) => html.Append(Inv, $"<div class=\"card\"><b>{Html(value)}</b>{Html(label)}</div>");

    private static void Row(StringBuilder html, string label, string value) => html.Append(Inv, $"<tr><td>{Html(label)}</td><td>{Html(value)}</td></tr>");

    private static string Params(IEnumerable<ParameterEstimate> parameters)
        => string.Join(", ", parameters.Select(p => string.Create(Inv, $"{p.Name} {p.Value:G4}")));
}
