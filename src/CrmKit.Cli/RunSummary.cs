using System.Globalization;
using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Review;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>The summary <c>crmkit run</c> prints, as text or JSON.</summary>
internal static class RunSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, MainJobResult job, string? reportPath, TimeSpan elapsed)
    {
        var customers = job.Customers;
        var zone = job.Settings.Zone;
        var orders = customers.SelectMany(c => c.History.Orders).ToList();
        var completed = orders.Where(o => o.IsRevenue).ToList();
        var (buyers, repeat) = Buyers(customers, job.AsOf, zone);
        var currency = orders.Count > 0 ? orders[0].Total.Currency.Code : string.Empty;
        var data = job.DataSet;
        output.WriteLine(string.Create(Inv, $"CrmKit run over {job.Settings.Source}, as of {job.AsOf.InZone(zone):uuuu-MM-dd HH:mm} ({zone.Id})"));
        foreach (var file in data.Files)
        {
            output.WriteLine(string.Create(Inv, $"  read       {file.File}: {file.RowsRead:N0} rows, {file.RowsKept:N0} kept, {file.RowsRejected:N0} rejected, {file.Warnings:N0} warnings ({Describe(file)})"));
        }

        output.WriteLine(string.Create(Inv, $"  imported   {data.Customers.Length,8:N0} customers, {orders.Count:N0} orders"));
        job.Merges.Write(output, customers.Count);
        if (orders.Count > 0)
        {
            var first = orders.Min(o => o.PlacedAt);
            var last = orders.Max(o => o.PlacedAt);
            var byStatus = Enum.GetValues<OrderStatus>().Select(st => string.Create(Inv, $"{Name(st)} {orders.Count(o => o.Status == st):N0}"));
            output.WriteLine(string.Create(Inv, $"  orders     {first.InZone(zone):uuuu-MM-dd} .. {last.InZone(zone):uuuu-MM-dd}; {string.Join(", ", byStatus)}"));
            foreach (var group in completed.GroupBy(o => o.Total.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal))
            {
                var revenue = group.Sum(o => o.Total.Amount);
                output.WriteLine($"  revenue    {Amount(new Money(revenue, group.Key))}; average order {Amount(new Money(Math.Round(revenue / group.Count(), group.Key.MinorUnits), group.Key))} ({group.Count().ToString("N0", Inv)} completed orders)");
            }
        }

        if (!data.GuestSales.IsEmpty)
        {
            var guestRevenue = GuestRevenue(data).Select(m => Amount(m));
            output.WriteLine(string.Create(Inv, $"  guest sales {data.GuestSales.Length:N0} orders without a customer ({data.GuestSales.Count(g => g.IsRevenue):N0} completed, {string.Join(", ", guestRevenue.DefaultIfEmpty("no revenue"))}); not in the customers' figures"));
        }

        output.WriteLine(string.Create(Inv, $"  buyers     {buyers:N0} ({Share(buyers, customers.Count)}), repeat buyers {repeat:N0} ({Share(repeat, buyers)} of buyers; purchases on 2 or more days, orders on one day count once)"));
        output.WriteLine(string.Create(Inv, $"  consent    marketing by Zalo {customers.Count(c => c.Consents.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing)):N0}, SMS {customers.Count(c => c.Consents.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing)):N0}, email {customers.Count(c => c.Consents.IsGranted(ContactChannel.Email, ContactPurpose.Marketing)):N0}"));
        output.WriteLine(string.Create(Inv, $"  history    {customers.Sum(c => c.History.Interactions.Length):N0} interactions, {customers.Sum(c => c.History.Tickets.Length):N0} tickets, {customers.Sum(c => c.History.Feedback.Length):N0} feedback, {customers.Sum(c => c.History.Referrals.Length):N0} referrals"));
        var largest = job.Segmentation.Sizes.Where(s => s.Customers > 0).OrderByDescending(s => s.Customers).ThenBy(s => s.Segment.Id, StringComparer.Ordinal).Take(5);
        output.WriteLine(string.Create(Inv, $"  segments   {job.Segmentation.Sizes.Count(s => s.Customers > 0)} of {job.Segmentation.Sizes.Length} non-empty; largest: {string.Join(", ", largest.Select(s => string.Create(Inv, $"{s.Segment.Id} {s.Customers:N0}")))}"));
        output.WriteLine($"  rfm        {job.Segmentation.Thresholds}");
        foreach (var note in job.Segmentation.Thresholds.Notes)
        {
            output.WriteLine($"             {note}");
        }

        foreach (var tiers in job.Segmentation.ValueTiers)
        {
            output.WriteLine($"  value tiers {tiers}");
        }

        WriteClv(output, job.Clv, currency);
        var status = Enum.GetValues<AgendaStatus>().Select(s => string.Create(Inv, $"{Name(s)} {job.Agenda.Count(i => i.Status == s):N0}"));
        var channels = job.Agenda.Where(i => i.Status == AgendaStatus.Due).GroupBy(i => i.Action.Channel).OrderBy(g => g.Key).Select(g => string.Create(Inv, $"{Name(g.Key)} {g.Count():N0}"));
        output.WriteLine($"  agenda     today: {string.Join(", ", status)}; due by channel: {(channels.Any() ? string.Join(", ", channels) : "none")}");
        WriteEngine(output, job.Engine, zone);
        var r = job.Review;
        var c = r.Customers;
        output.WriteLine(string.Create(Inv, $"  review     last {job.Settings.ReviewDays} days: retention {Percent(c.RetentionRate)}, churn {Percent(c.ChurnRate)}, repeat purchase {Percent(c.RepeatPurchaseRate)}, returning revenue {Percent(c.ReturningRevenueShare)}, average order {Amount(c.AverageOrderValue)}, frequency {Number(c.PurchaseFrequency, "F2")}"));
        output.WriteLine(string.Create(Inv, $"             CSAT {Percent(r.Feedback.Csat)}, NPS {Number(r.Feedback.Nps, "F0")}, CES {Number(r.Feedback.Ces, "F2")}; {r.Tickets.Opened:N0} tickets, median first reply {Hours(r.Tickets.MedianFirstReply)}, median resolution {Hours(r.Tickets.MedianResolution)} (business hours), SLA breached {Percent(r.Tickets.BreachRate)}"));
        var due = r.Staff.Sum(s => s.Due);
        output.WriteLine(string.Create(Inv, $"             care actions due {due:N0}, done {r.Staff.Sum(s => s.Done):N0} ({Share(r.Staff.Sum(s => s.Done), due)}) across {r.Staff.Length} staff"));
        if (reportPath is not null)
        {
            output.WriteLine($"  report     {reportPath}");
        }

        output.WriteLine(string.Create(Inv, $"  done in {elapsed.TotalSeconds:F1} s ({string.Join(", ", job.Stages.Select(s => string.Create(Inv, $"{s.Stage} {s.Elapsed.TotalSeconds:F2} s (cpu {s.Cpu.TotalSeconds:F2} s)")))})"));
    }

    // What the care engine did over the history and is doing at the as-of instant.
    private static void WriteEngine(TextWriter output, Engine.CareEngineRun engine, DateTimeZone zone)
    {
        output.WriteLine(string.Create(Inv, $"  journeys   {engine.Events:N0} events replayed through the care engine up to the as-of instant"));
        foreach (var j in engine.Statistics.Journeys)
        {
            output.WriteLine(string.Create(Inv, $"             {j.JourneyId,-28} enrolled {j.Enrolled:N0}, active {j.Active:N0}, completed {j.Completed:N0}, exited {j.Exited:N0}, goal reached {j.GoalReached:N0}"));
        }

        output.WriteLine(string.Create(Inv, $"  messages   sent {engine.Sent:N0}, queued {engine.Pending:N0}; {Reasons("deferred", engine.Deferred)}; {Reasons("skipped", engine.Skipped)}; {Reasons("dropped", engine.Dropped)}; {Reasons("cancelled", engine.Cancelled)}"));
        var queue = engine.Queue;
        var byChannel = queue.GroupBy(m => m.Message.Channel).OrderBy(g => g.Key).Select(g => string.Create(Inv, $"{Name(g.Key)} {g.Count():N0}"));
        output.WriteLine(string.Create(Inv, $"  queue      today: {queue.Count:N0} messages ({(queue.Count == 0 ? "none" : string.Join(", ", byChannel))}), {engine.Tasks.Count:N0} tasks; next: {(queue.Count == 0 ? "none" : string.Join(", ", queue.Take(3).Select(m => $"{m.Message.DueAt.InZone(zone):HH:mm} {Name(m.Message.Channel)} {m.Message.Template}")))}"));
    }

    private static string Reasons(string what, Engine.ReasonCounts counts)
        => counts.Count == 0 ? $"{what} 0" : string.Create(Inv, $"{what} {counts.Count:N0} ({string.Join(", ", counts.ByReason.Take(3).Select(r => string.Create(Inv, $"{r.Reason} {r.Count:N0}")))}{(counts.ByReason.Length > 3 ? ", …" : string.Empty)})");

    private static object EngineJson(Engine.CareEngineRun engine) => new
    {
        events = engine.Events,
        journeys = engine.Statistics.Journeys.Select(j => new { journey = j.JourneyId, enrolled = j.Enrolled, active = j.Active, completed = j.Completed, exited = j.Exited, goalReached = j.GoalReached }),
        processes = engine.Processes().ToDictionary(p => p.Process.Id, p => p.Process.Model.States.ToDictionary(s => s.Id, s => p.Live.GetValueOrDefault(s.Id))),
        messages = new
        {
            sent = engine.Sent,
            queued = engine.Pending,
            deferred = ReasonsJson(engine.Deferred),
            skipped = ReasonsJson(engine.Skipped),
            dropped = ReasonsJson(engine.Dropped),
            cancelled = ReasonsJson(engine.Cancelled),
        },
        queue = new
        {
            messages = engine.Queue.Count,
            byChannel = engine.Queue.GroupBy(m => m.Message.Channel).OrderBy(g => g.Key).ToDictionary(g => Name(g.Key), g => g.Count()),
            tasks = engine.Tasks.Count,
            first = engine.Queue.Take(Engine.CareEngineRun.QueueShown).Select(m => new { dueAt = m.Message.DueAt.ToString(), customer = PersonalData.Redact(m.Message.CustomerId.Value), channel = Name(m.Message.Channel), purpose = Name(m.Message.Purpose), template = m.Message.Template, journey = m.Message.JourneyId }),
        },
    };

    private static object ReasonsJson(Engine.ReasonCounts counts) => new { count = counts.Count, byReason = counts.ByReason.ToDictionary(r => r.Reason, r => r.Count) };

    private static void WriteClv(TextWriter output, ValueAnalysisResult clv, string currency)
    {
        if (clv.Count is null)
        {
            if (clv.Comparison is { } failed)
            {
                output.WriteLine(failed.Best is { } best ? $"  CLV model  {ValueAnalysis.Name(best)} chosen by holdout ({failed.Reason}), but its fit on all the data is not usable:" : $"  CLV model  not chosen by holdout: {failed.Reason}");
            }

            output.WriteLine("  CLV        not given: no count model could be used");
            foreach (var problem in clv.Problems)
            {
                output.WriteLine($"             {problem}");
            }

            return;
        }

        if (clv.Comparison is { } choice)
        {
            output.WriteLine(string.Create(Inv, $"  CLV model  {(choice.Best is null ? "not chosen" : ValueAnalysis.Name(clv.Model))} by holdout (calibration to {clv.CalibrationEnd:uuuu-MM-dd}): {choice.Reason}"));
        }

        output.WriteLine($"  CLV        {ValueAnalysis.Name(clv.Model)} {Parameters(clv.CountParameters)}" + (clv.Spend is null ? string.Empty : $"; Gamma-Gamma {Parameters(clv.SpendParameters)}"));
        var shares = clv.LikelyAlive();
        output.WriteLine(string.Create(Inv, $"             customers likely still buying (P(alive) ≥ {ValueAnalysis.LikelyAliveThreshold:0.#}): {Percent(shares.Buyers)} of buyers; one-time buyers {Percent(shares.OneTimeBuyers)}{(clv.Model == CountModelKind.BetaGeo ? " (BG/NBD treats every one-time buyer as alive: it lets customers drop out only after a repeat purchase)" : string.Empty)}, repeat buyers {Percent(shares.RepeatBuyers)}"));
        var line = string.Create(Inv, $"             {clv.Predictions.Length:N0} buyers, expected purchases in the next {clv.Options.Value.Horizon:G} weeks {clv.Predictions.Sum(p => p.ExpectedPurchases):N0}");
        line += clv.ValueMissingReason is null
            ? string.Create(Inv, $", predicted value {clv.Predictions.Sum(p => p.Value ?? 0):N0} {currency}")
            : $"; predicted value not given: {clv.ValueMissingReason}";
        output.WriteLine(line);
        if (clv.Options.ExcludeZeroSpend)
        {
            output.WriteLine(string.Create(Inv, $"             spend model: repeat buyers whose repeat purchases were all free are left out of it ({clv.ZeroSpendExcluded:N0} here)"));
        }

        foreach (var problem in clv.Problems)
        {
            output.WriteLine($"             {problem}");
        }
    }

    // "utf-8, ',' delimited; total: vi (detected at line 3); placed_at: dmy (detected at line 5)"
    /// <summary>The revenue of the completed guest sales, per currency in code order.</summary>
    internal static IEnumerable<Money> GuestRevenue(Customers.Import.CustomerDataSet data)
        => data.GuestSales.Where(g => g.IsRevenue).GroupBy(g => g.Total.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(x => x.Total.Amount), g.Key));

    internal static string Describe(Customers.Import.ImportedFile file)
    {
        var parts = new List<string>();
        parts.Add(file.Unreadable && file.Delimiter is null ? $"{file.Type}, not read" : file.Type == "csv" ? $"{file.Encoding}, '{(file.Delimiter == '\t' ? "tab" : file.Delimiter.ToString())}'-delimited" : $"{file.Type}, sheet '{file.Sheet}'");
        parts.AddRange(file.NumberFormats.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        parts.AddRange(file.DateOrders.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        parts.Add($"zone {file.Zone}");
        return string.Join("; ", parts);
    }

    /// <summary>The summary as one JSON object, for scripts.</summary>
    public static void WriteJson(TextWriter output, MainJobResult job, string? reportPath, TimeSpan elapsed, ImportVerdict verdict)
    {
        var r = job.Review;
        var data = job.DataSet;
        var orders = data.Customers.SelectMany(c => c.History.Orders).ToList();
        output.WriteLine(JsonSerializer.Serialize(new
        {
            source = job.Settings.Source,
            asOf = job.AsOf.ToString(),
            zone = job.Settings.Zone.Id,
            imported = Imported(data, orders.Count),
            readAsAsked = verdict.ReadAsAsked,
            problems = verdict.Messages.Concat(job.Clv.Problems.Select(p => "CLV: " + p)),
            orders = Enum.GetValues<OrderStatus>().ToDictionary(Name, s => orders.Count(o => o.Status == s)),
            revenue = orders.Where(o => o.IsRevenue).GroupBy(o => o.Total.Currency.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(o => o.Total.Amount)),
            guestSales = new
            {
                orders = data.GuestSales.Length,
                byStatus = Enum.GetValues<OrderStatus>().ToDictionary(Name, s => data.GuestSales.Count(g => g.Status == s)),
                revenue = GuestRevenue(data).ToDictionary(m => m.Currency.Code, m => m.Amount),
            },
            merged = job.Merged,
            merges = job.Merges.Json(),
            customers = job.Customers.Count,
            segments = job.Segmentation.Sizes.ToDictionary(s => s.Segment.Id, s => s.Customers),
            valueTiers = job.Segmentation.ValueTiers.Select(SegmentCommand.Json),
            rfm = SegmentCommand.RfmJson(job.Segmentation.Thresholds),
            clv = new
            {
                model = job.Clv.Count is null ? null : ValueAnalysis.Name(job.Clv.Model),
                modelChoice = job.Clv.Comparison is { } choice ? new
                {
                    chosen = choice.Best is { } best ? ValueAnalysis.Name(best) : null,
                    reason = choice.Reason,
                    calibrationEnd = job.Clv.CalibrationEnd?.ToString("uuuu-MM-dd", Inv),
                    scores = choice.Scores.Select(s => new { model = ValueAnalysis.Name(s.Model), rootMeanSquaredError = s.RootMeanSquaredError, differenceStandardError = s.DifferenceStandardError, meanAbsoluteError = s.MeanAbsoluteError, aggregateError = s.AggregateError, predictedPurchases = s.PredictedPurchases, actualPurchases = s.ActualPurchases, problem = s.Problem }),
                } : null,
                parameters = job.Clv.CountParameters.IsDefault ? null : job.Clv.CountParameters.ToDictionary(p => p.Name, p => p.Value),
                spendParameters = job.Clv.SpendParameters.IsDefault ? null : job.Clv.SpendParameters.ToDictionary(p => p.Name, p => p.Value),
                customers = job.Clv.Predictions.Length,
                predictedValue = job.Clv.ValueMissingReason is null ? job.Clv.Predictions.Sum(p => p.Value ?? 0) : (double?)null,
                predictedValueMissingReason = job.Clv.ValueMissingReason,
                countFit = job.Clv.CountDiagnosis is { } cd ? new { interior = cd.IsInterior, usable = cd.IsUsable } : null,
                spendFit = job.Clv.SpendDiagnosis is { } sd ? new { interior = sd.IsInterior, usable = sd.IsUsable } : null,
                zeroSpendLeftOut = job.Clv.Options.ExcludeZeroSpend,
                zeroSpendCustomers = job.Clv.ZeroSpendExcluded,
                likelyAlive = new { threshold = ValueAnalysis.LikelyAliveThreshold, buyers = job.Clv.LikelyAlive().Buyers, oneTimeBuyers = job.Clv.LikelyAlive().OneTimeBuyers, repeatBuyers = job.Clv.LikelyAlive().RepeatBuyers },
                problems = job.Clv.Problems,
            },
            agenda = new
            {
                byStatus = Enum.GetValues<AgendaStatus>().ToDictionary(Name, s => job.Agenda.Count(i => i.Status == s)),
                dueByChannel = job.Agenda.Where(i => i.Status == AgendaStatus.Due).GroupBy(i => i.Action.Channel).OrderBy(g => g.Key).ToDictionary(g => Name(g.Key), g => g.Count()),
            },
            careEngine = EngineJson(job.Engine),
            review = new
            {
                periodStart = r.Period.Start.ToString(),
                periodEnd = r.Period.End.ToString(),
                customers = Figures(r.Customers),
                bySegment = r.BySegment.ToDictionary(s => s.Key, s => Figures(s.Value)),
                feedback = new { csat = r.Feedback.Csat, nps = r.Feedback.Nps, ces = r.Feedback.Ces, csatResponses = r.Feedback.CsatResponses, npsResponses = r.Feedback.NpsResponses, cesResponses = r.Feedback.CesResponses },
                tickets = new
                {
                    opened = r.Tickets.Opened,
                    hours = "business",
                    medianFirstReplyHours = r.Tickets.MedianFirstReply?.TotalHours,
                    medianResolutionHours = r.Tickets.MedianResolution?.TotalHours,
                    breachRate = r.Tickets.BreachRate,
                },
                staff = r.Staff.Select(s => new { staff = s.StaffId, due = s.Due, done = s.Done, doneRate = s.DoneRate }),
            },
            report = reportPath,
            seconds = elapsed.TotalSeconds,
        }));
    }

    /// <summary>The JSON of a run that read no usable rows: what was read from each file, and why the run stopped.</summary>
    public static void WriteImportJson(TextWriter output, string source, Customers.Import.CustomerDataSet data, ImportVerdict verdict)
        => output.WriteLine(JsonSerializer.Serialize(new
        {
            source,
            imported = Imported(data, 0),
            readAsAsked = verdict.ReadAsAsked,
            problems = verdict.Messages,
        }));

    private static object Imported(Customers.Import.CustomerDataSet data, int orders) => new
    {
        customers = data.Customers.Length,
        orders,
        rejectedRows = data.Files.Sum(f => f.RowsRejected),
        warnings = data.Files.Sum(f => f.Warnings),
        files = data.Files.Select(f => new
        {
            kind = Name(f.Kind),
            file = f.File,
            type = f.Type,
            rowsRead = f.RowsRead,
            rowsKept = f.RowsKept,
            rowsRejected = f.RowsRejected,
            warnings = f.Warnings,
            unreadable = f.Unreadable,
            format = new
            {
                encoding = f.Encoding,
                delimiter = f.Delimiter?.ToString(),
                sheet = f.Sheet,
                zone = f.Zone,
                numberFormats = f.NumberFormats,
                dateOrders = f.DateOrders,
            },
            unusedColumns = f.UnusedColumns,
        }),
    };

    private static object Figures(CustomerFigures f) => new
    {
        customers = f.Customers,
        buyers = f.Buyers,
        retentionRate = f.RetentionRate,
        churnRate = f.ChurnRate,
        repeatPurchaseRate = f.RepeatPurchaseRate,
        returningRevenueShare = f.ReturningRevenueShare,
        averageOrderValue = f.AverageOrderValue?.Amount,
        purchaseFrequency = f.PurchaseFrequency,
        revenue = f.Revenue?.Amount,
    };

    /// <summary>
    /// An enumeration value as every output of the tool spells it — text, JSON and report alike — the way CrmKit's
    /// JSON does (<c>CrmKitJson</c>): camelCase, e.g. <c>phoneCall</c>, <c>inStore</c>, <c>orderLines</c>.
    /// </summary>
    internal static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// Buyers: customers with a completed order placed at or before <paramref name="asOf"/> (the CLV summary's rule);
    /// repeat buyers: purchases on two or more days, orders on one day in the customer's zone counting once
    /// (<see cref="OrderHistory.PurchaseDaysIn"/>, as the CLV models and the review count them).
    /// </summary>
    internal static (int Buyers, int Repeat) Buyers(IEnumerable<Customer> customers, Instant asOf, DateTimeZone zone)
    {
        var upToAsOf = new Interval(null, asOf + Duration.Epsilon);
        var (buyers, repeat) = (0, 0);
        foreach (var customer in customers)
        {
            var days = customer.History.Orders.PurchaseDaysIn(customer.TimeZone ?? zone, upToAsOf);
            buyers += days > 0 ? 1 : 0;
            repeat += days > 1 ? 1 : 0;
        }

        return (buyers, repeat);
    }

    internal static string Percent(double? rate) => rate is { } r ? r.ToString("P0", Inv) : "–";

    internal static string Number(double? value, string format) => value is { } v ? v.ToString(format, Inv) : "–";

    internal static string Amount(Money? money) => money is { } m ? m.Amount.ToString("N" + m.Currency.MinorUnits.ToString(Inv), Inv) + " " + m.Currency.Code : "–";

    internal static string Hours(Duration? duration) => duration is { } d ? string.Create(Inv, $"{d.TotalHours:F1} h") : "–";

    private static string Parameters(IEnumerable<ParameterEstimate> parameters)
        => string.Join(", ", parameters.Select(p => string.Create(Inv, $"{p.Name} {p.Value:G4}")));

    private static string Share(int part, int whole) => Percent(whole == 0 ? null : part / (double)whole);
}
