using System.Globalization;
using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Review;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>The summary <c>crmkit run</c> prints, as text or JSON.</summary>
internal static class RunSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The summary as text, in the invocation's language (<see cref="Strings"/>; figures through <see cref="Display"/>).</summary>
    public static void Write(TextWriter output, MainJobResult job, string? reportPath, TimeSpan elapsed)
    {
        var customers = job.Customers;
        var zone = job.Settings.Zone;
        var totals = job.Totals;
        var orders = totals.Orders;
        var (buyers, repeat) = Buyers(customers, job.AsOf, zone);
        var data = job.DataSet;
        if (MainJob.AsOfExportFile(job) is { } exported)
        {
            // The as-of is the export time of a file whose consent columns are dated then (seventh trial): said, with why.
            output.WriteLine(Display.Format(Strings.RunHeaderExportTime, SeedsFolder.Describe(job.Settings), Display.DateTime(job.AsOf, zone), zone.Id, exported.File));
            var lastSale = MainJob.LastSale(data, customers);
            output.WriteLine(Display.Format(Strings.RunAsOfExportNote, exported.File, lastSale is { } sale ? Display.DateTime(sale, zone) : Strings.RunNone));
        }
        else
        {
            output.WriteLine(Display.Format(Strings.RunHeader, SeedsFolder.Describe(job.Settings), Display.DateTime(job.AsOf, zone), zone.Id));
        }

        WriteToday(output, job);
        output.WriteLine();
        foreach (var file in data.Files)
        {
            output.WriteLine(Display.Format(Strings.RunRead, file.File, file.RowsRead, file.RowsKept, file.RowsRejected, Display.Count(file.Warnings, Strings.WarningCountOne, Strings.WarningCountMany), Describe(file)));
        }

        // Imported: every order read; every total below counts only what was placed up to the as-of instant.
        output.WriteLine(Display.Format(Strings.RunImported, data.Customers.Length, orders.Count + (totals.After?.Orders.Count ?? 0)));
        job.Merges.Write(output, customers.Count);
        if (orders.Count > 0)
        {
            var first = orders.Min(o => o.PlacedAt);
            var last = orders.Max(o => o.PlacedAt);
            var byStatus = Enum.GetValues<OrderStatus>().Select(st => $"{DisplayNames.Of(st)} {Display.Number(totals.ByStatus[st])}");
            output.WriteLine(Display.Format(Strings.RunOrders, Display.Date(first.InZone(zone).Date), Display.Date(last.InZone(zone).Date), string.Join(", ", byStatus)));
            foreach (var revenue in totals.Revenue)
            {
                output.WriteLine(Display.Format(Strings.RunRevenue, Amount(revenue.Revenue), Amount(OrderTotals.Average(revenue)), revenue.Completed));
            }
        }

        if (totals.GuestSales.Count > 0)
        {
            var guestRevenue = totals.GuestRevenue.Select(m => Amount(m));
            output.WriteLine(Display.Plural(totals.GuestSales.Count, Strings.RunGuestSalesOne, Strings.RunGuestSales, totals.GuestSales.Count, totals.GuestByStatus[OrderStatus.Completed], string.Join(", ", guestRevenue.DefaultIfEmpty(Strings.RunNoRevenue))));
        }

        if (totals.After is { } after && totals.AfterCount > 0)
        {
            var afterRevenue = after.AllRevenue.Select(m => Amount(m));
            output.WriteLine(Display.Format(Strings.RunAfterAsOf, totals.AfterCount, after.GuestSales.Count, string.Join(", ", afterRevenue.DefaultIfEmpty(Strings.RunNoRevenue))));
        }

        output.WriteLine(Display.Format(Strings.RunBuyers, buyers, Share(buyers, customers.Count), repeat, Share(repeat, buyers)));
        int Consenting(ContactChannel channel) => customers.Count(c => c.Consents.IsGrantedAt(channel, ContactPurpose.Marketing, job.AsOf));
        output.WriteLine(Display.Format(Strings.RunConsent, Consenting(ContactChannel.Zalo), Consenting(ContactChannel.Sms), Consenting(ContactChannel.Email)));
        output.WriteLine(Display.Format(Strings.RunHistory, customers.Sum(c => c.History.Interactions.Length), customers.Sum(c => c.History.Tickets.Length), customers.Sum(c => c.History.Feedback.Length), customers.Sum(c => c.History.Referrals.Length)));

        // Segments by name in the invocation's language (DisplayNames); JSON keeps the ids.
        var largest = job.Segmentation.Sizes.Where(s => s.Customers > 0).OrderByDescending(s => s.Customers).ThenBy(s => s.Segment.Id, StringComparer.Ordinal).Take(5);
        output.WriteLine(Display.Format(Strings.RunSegments, job.Segmentation.Sizes.Count(s => s.Customers > 0), job.Segmentation.Sizes.Length, string.Join(", ", largest.Select(s => $"{s.Segment.DisplayName()} {Display.Number(s.Customers)}"))));
        output.WriteLine(Display.Format(Strings.RunRfm, SegmentationText.RfmLine(job.Segmentation.Thresholds, SegmentationText.ShopCurrency(job.Segmentation.ValueTiers))));
        foreach (var note in job.Segmentation.Thresholds.Notes)
        {
            output.WriteLine($"             {SegmentationText.RfmNote(note)}");
        }

        foreach (var tiers in job.Segmentation.ValueTiers)
        {
            output.WriteLine(Display.Format(Strings.RunValueTiers, SegmentationText.TiersLine(tiers)));
        }

        WriteClv(output, job.Clv, orders.Count > 0 ? orders[0].Total.Currency : null);
        var status = Enum.GetValues<AgendaStatus>().Select(s => $"{DisplayNames.Of(s)} {Display.Number(job.Agenda.Count(i => i.Status == s))}");
        var channels = job.Agenda.Where(i => i.Status == AgendaStatus.Due).GroupBy(i => i.Action.Channel).OrderBy(g => g.Key).Select(g => $"{DisplayNames.Of(g.Key)} {Display.Number(g.Count())}");
        output.WriteLine(Display.Format(Strings.RunAgenda, string.Join(", ", status), channels.Any() ? string.Join(", ", channels) : Strings.RunNone, AsOfDay(job)));
        WriteEngine(output, job.Engine, zone, AsOfDay(job));
        var r = job.Review;
        var c = r.Customers;
        output.WriteLine(Display.Format(Strings.RunReview, job.Settings.ReviewDays, Percent(c.RetentionRate), Percent(c.ChurnRate), Percent(c.RepeatPurchaseRate), Percent(c.ReturningRevenueShare), Amount(c.AverageOrderValue), Number(c.PurchaseFrequency, "F2")));
        output.WriteLine(Display.Format(Strings.RunReviewSupport, Percent(r.Feedback.Csat), Number(r.Feedback.Nps, "F0"), Number(r.Feedback.Ces, "F2"), r.Tickets.Opened, Hours(r.Tickets.MedianFirstReply), Hours(r.Tickets.MedianResolution), Percent(r.Tickets.BreachRate)));
        var due = r.Staff.Sum(s => s.Due);
        output.WriteLine(Display.Format(Strings.RunReviewStaff, due, r.Staff.Sum(s => s.Done), Share(r.Staff.Sum(s => s.Done), due), r.Staff.Count(s => s.StaffId != CrmKit.Review.StaffFigures.Unassigned)));
        if (reportPath is not null)
        {
            output.WriteLine(Display.Format(Strings.RunReport, reportPath));
        }

        output.WriteLine(Display.Format(Strings.RunDone, elapsed.TotalSeconds, string.Join(", ", job.Stages.Select(s => Display.Format(Strings.RunStage, StageNames.Label(s.Stage), s.Elapsed.TotalSeconds, s.Cpu.TotalSeconds)))));
    }

    /// <summary>At most this many of today's due actions are listed at the top of the text summary (all are counted).</summary>
    public const int TodayShown = 10;

    /// <summary>
    /// Today's actions, first in the summary as in the report (<see cref="Report.HtmlReport"/>'s first section, the same
    /// model and columns): the due actions by the staff member who looks after the customer, each with the time, the
    /// customer (id and name, masked where they are contacts), the channel and its contact (masked), why (the plan and
    /// the segment) and the template; the first <see cref="TodayShown"/>, then how many more.
    /// </summary>
    internal static void WriteToday(TextWriter output, MainJobResult job)
    {
        var model = Report.ReportModel.Of(job);
        var day = AsOfDay(job);
        var due = model.StatusCounts[AgendaStatus.Due];
        if (due == 0)
        {
            output.WriteLine(Display.Format(Strings.RunTodayNone, day));
            if (CareCommand.NoConsentNote(job, job.Agenda) is { } why)
            {
                output.WriteLine("  " + why); // the data's reason, as `care agenda` gives it (fifth trial)
            }

            return;
        }

        output.WriteLine(Display.Format(Strings.RunTodayTitle, day, Display.Count(due, Localization.ProfileStrings.CareActionCountOne, Localization.ProfileStrings.CareActionCountMany)));
        var left = TodayShown;
        // The columns of the actions shown, aligned by what a terminal shows (Display.Pad: "phone call", long names).
        var shown = model.Today.SelectMany(t => t.Actions).Take(TodayShown).Select(i => (Item: i, Customer: model.CustomersById.GetValueOrDefault(i.CustomerId.Value))).ToList();
        var nameWidth = Display.Widest(shown.Select(x => Report.HtmlReport.Name(model, x.Customer)), 22);
        var channelWidth = Display.Widest(shown.Select(x => DisplayNames.Of(x.Item.Action.Channel)), 10);
        var contactWidth = Display.Widest(shown.Select(x => Report.HtmlReport.Contact(model, x.Customer, x.Item.Action.Channel)), 18);
        foreach (var (staff, actions) in model.Today)
        {
            if (left == 0)
            {
                break;
            }

            var who = staff == StaffFigures.Unassigned ? Localization.ReportStrings.TodayUnassigned : Display.Format(Localization.ReportStrings.TodayStaff, staff);
            output.WriteLine($"  {who} — {Display.Plural(actions.Count, Localization.ReportStrings.TodayActionsOne, Localization.ReportStrings.TodayActions, Display.Number(actions.Count))}");
            foreach (var i in actions.Take(left))
            {
                var customer = model.CustomersById.GetValueOrDefault(i.CustomerId.Value);
                var time = i.SendAt is { } at ? at.InZone(model.Zone).ToString("HH:mm", Inv) : "–";
                output.WriteLine($"    {time}  {Display.Pad(Report.HtmlReport.Id(model, i.CustomerId.Value), 10)} {Display.Pad(Report.HtmlReport.Name(model, customer), nameWidth)} {Display.Pad(DisplayNames.Of(i.Action.Channel), channelWidth)} {Display.Pad(Report.HtmlReport.Contact(model, customer, i.Action.Channel), contactWidth)} {Report.HtmlReport.Why(model, customer, i.PlanId)} — {DisplayNames.TemplateDisplayName(i.Action.Template)}");
                left--;
            }
        }

        if (due > TodayShown)
        {
            output.WriteLine("  " + Display.Format(Localization.ReportStrings.TodayMore, Display.Number(due - TodayShown)));
        }
    }

    /// <summary>
    /// The day "today" means in the summary, the report and the agenda: the as-of day in the shop's zone (the last sale
    /// in the data, or --as-of), named as a date so that a user reading an old export is not misled.
    /// </summary>
    internal static string AsOfDay(MainJobResult job) => Display.Date(job.AsOf.InZone(job.Settings.Zone).Date);

    // What the care engine did over the history and is doing at the as-of instant.
    private static void WriteEngine(TextWriter output, Engine.CareEngineRun engine, DateTimeZone zone, string day)
    {
        output.WriteLine(Display.Plural(engine.Events, Strings.RunJourneysOne, Strings.RunJourneys, engine.Events));
        // A journey nobody entered has no line of zeros (sixth trial): it is named on one line after the others.
        foreach (var j in engine.Statistics.Journeys.Where(j => j.Enrolled > 0))
        {
            output.WriteLine(Display.Format(Strings.RunJourney, DisplayNames.JourneyLabel(j.JourneyId, engine.Options.Journeys), j.Enrolled, j.Active, j.Completed, j.Exited, j.GoalReached));
        }

        var unused = engine.Statistics.Journeys.Where(j => j.Enrolled == 0).Select(j => DisplayNames.JourneyLabel(j.JourneyId, engine.Options.Journeys)).ToList();
        if (unused.Count > 0)
        {
            output.WriteLine(Display.Format(Strings.RunJourneysUnused, string.Join(", ", unused)));
        }

        output.WriteLine(Display.Format(Strings.RunMessages, engine.Sent, engine.Pending, Reasons(DisplayNames.Of(ContactVerdict.Deferred), engine.Deferred), Reasons(DisplayNames.Of(ContactVerdict.Skipped), engine.Skipped), Reasons(DisplayNames.Of(ContactVerdict.Dropped), engine.Dropped), Reasons(DisplayNames.Of(global::CrmKit.Engine.OutboxState.Cancelled), engine.Cancelled)));
        var queue = engine.Queue;
        var byChannel = queue.GroupBy(m => m.Message.Channel).OrderBy(g => g.Key).Select(g => $"{DisplayNames.Of(g.Key)} {Display.Number(g.Count())}");
        var next = queue.Take(3).Select(m => $"{m.Message.DueAt.InZone(zone).ToString("HH:mm", Inv)} {DisplayNames.Of(m.Message.Channel)} {DisplayNames.TemplateLabel(m.Message.Template)}");
        // Open tasks as 'crmkit customer' counts them: no due time, or due at or after the as-of instant; the rest were
        // due before it (the engine does not know whether staff did them).
        var open = engine.OpenTasks.Count;
        output.WriteLine(Display.Format(Strings.RunQueue, queue.Count, queue.Count == 0 ? Strings.RunNone : string.Join(", ", byChannel), open, queue.Count == 0 ? Strings.RunNone : string.Join(", ", next), engine.Tasks.Count - open, day));
    }

    // The reasons are keyed by the engine's invariant texts (as in the JSON) and shown in the invocation's language.
    private static string Reasons(string what, Engine.ReasonCounts counts)
        => counts.Count == 0 ? $"{what} 0" : $"{what} {Display.Number(counts.Count)} ({string.Join(", ", counts.ByReason.Take(3).Select(r => $"{ContactReason.Parse(r.Reason).Describe()} {Display.Number(r.Count)}"))}{(counts.ByReason.Length > 3 ? ", …" : string.Empty)})";

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

    private static void WriteClv(TextWriter output, ValueAnalysisResult clv, Currency? currency)
    {
        if (clv.Count is null)
        {
            if (clv.Comparison is { } failed)
            {
                output.WriteLine(failed.Best is { } best ? Display.Format(Strings.RunClvFailed, ValueAnalysis.Name(best), ClvText.Reason(failed)) : Display.Format(Strings.RunClvNotChosenReason, ClvText.Reason(failed)));
            }

            output.WriteLine(Strings.RunClvNotGiven);
            foreach (var problem in clv.Problems)
            {
                output.WriteLine($"             {ClvText.Problem(problem)}");
            }

            return;
        }

        if (clv.Comparison is { } choice)
        {
            output.WriteLine(Display.Format(Strings.RunClvChoice, choice.Best is null ? Strings.RunClvNotChosen : ValueAnalysis.Name(clv.Model), clv.CalibrationEnd is { } calibrationEnd ? Display.Date(calibrationEnd) : string.Empty, ClvText.Reason(choice)));
        }

        output.WriteLine(Display.Format(Strings.RunClv, ValueAnalysis.Name(clv.Model), Display.Parameters(clv.CountParameters)) + (clv.Spend is null ? string.Empty : Display.Format(Strings.RunClvSpend, Display.Parameters(clv.SpendParameters))));
        var shares = clv.LikelyAlive();
        output.WriteLine(Display.Format(Strings.RunClvAlive, ValueAnalysis.LikelyAliveThreshold, Percent(shares.Buyers), Percent(shares.OneTimeBuyers), clv.Model == CountModelKind.BetaGeo ? Strings.RunClvBetaGeoNote : string.Empty, Percent(shares.RepeatBuyers)));
        var line = Display.Format(Strings.RunClvPredictions, clv.Predictions.Length, clv.Options.Value.Horizon, clv.Predictions.Sum(p => p.ExpectedPurchases));
        line += clv.ValueMissingReason is null
            ? Display.Format(Strings.RunClvValue, Display.WholeAmount(clv.Predictions.Sum(p => p.Value ?? 0), currency))
            : Display.Format(Strings.RunClvValueMissing, ClvText.Problem(clv.ValueMissingReason));
        output.WriteLine(line);
        if (clv.Options.ExcludeZeroSpend)
        {
            output.WriteLine(Display.Format(Strings.RunClvZeroSpend, clv.ZeroSpendExcluded));
        }

        foreach (var problem in clv.Problems)
        {
            output.WriteLine($"             {ClvText.Problem(problem)}");
        }
    }

    /// <summary>How a file was read, in the invocation's language (<see cref="ImportFileText.Describe"/>).</summary>
    internal static string Describe(Customers.Import.ImportedFile file) => ImportFileText.Describe(file);

    /// <summary>The summary as one JSON object, for scripts.</summary>
    public static void WriteJson(TextWriter output, MainJobResult job, string? reportPath, TimeSpan elapsed, ImportVerdict verdict)
    {
        var r = job.Review;
        var data = job.DataSet;
        var totals = job.Totals;
        var after = totals.After!;
        output.WriteLine(JsonSerializer.Serialize(new
        {
            source = job.Settings.Source,
            asOf = job.AsOf.ToString(),
            zone = job.Settings.Zone.Id,
            imported = Imported(data, data.Customers.Sum(c => c.History.Orders.Count)),
            readAsAsked = verdict.ReadAsAsked,
            problems = verdict.InvariantMessages.Concat(job.Clv.Problems.Select(p => "CLV: " + p.Message)),
            // Up to the as-of instant; what was placed after it is in afterAsOf.
            orders = Enum.GetValues<OrderStatus>().ToDictionary(Name, s => totals.ByStatus[s]),
            revenue = totals.Revenue.ToDictionary(r => r.Revenue.Currency.Code, r => r.Revenue.Amount),
            guestSales = new
            {
                orders = totals.GuestSales.Count,
                byStatus = Enum.GetValues<OrderStatus>().ToDictionary(Name, s => totals.GuestByStatus[s]),
                revenue = totals.GuestRevenue.ToDictionary(m => m.Currency.Code, m => m.Amount),
            },
            afterAsOf = new
            {
                orders = after.Orders.Count,
                revenue = after.Revenue.ToDictionary(r => r.Revenue.Currency.Code, r => r.Revenue.Amount),
                guestSales = new
                {
                    orders = after.GuestSales.Count,
                    revenue = after.GuestRevenue.ToDictionary(m => m.Currency.Code, m => m.Amount),
                },
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
                predictedValueMissingReason = job.Clv.ValueMissingReason?.Message,
                countFit = job.Clv.CountDiagnosis is { } cd ? new { interior = cd.IsInterior, usable = cd.IsUsable } : null,
                spendFit = job.Clv.SpendDiagnosis is { } sd ? new { interior = sd.IsInterior, usable = sd.IsUsable } : null,
                zeroSpendLeftOut = job.Clv.Options.ExcludeZeroSpend,
                zeroSpendCustomers = job.Clv.ZeroSpendExcluded,
                likelyAlive = new { threshold = ValueAnalysis.LikelyAliveThreshold, buyers = job.Clv.LikelyAlive().Buyers, oneTimeBuyers = job.Clv.LikelyAlive().OneTimeBuyers, repeatBuyers = job.Clv.LikelyAlive().RepeatBuyers },
                problems = job.Clv.Problems.Select(p => p.Message),
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
            problems = verdict.InvariantMessages,
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
                numberFormats = f.NumberFormats.ToDictionary(p => p.Key, p => p.Value.Description),
                dateOrders = f.DateOrders.ToDictionary(p => p.Key, p => p.Value.Description),
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

    // The figures of the summary (and of the report, which calls these too) in the invocation's number culture:
    // unchanged in English (invariant), vi-VN's separators and ₫ in Vietnamese.
    internal static string Percent(double? rate) => Display.WholePercent(rate);

    internal static string Number(double? value, string format) => value is { } v ? v.ToString(format, Display.NumberCulture) : "–";

    internal static string Amount(Money? money) => Display.Money(money);

    /// <summary>
    /// A reply or resolution time, in the summary and the report alike: hours with one decimal from one hour on
    /// (<c>2.8 h</c> / <c>2,8 giờ</c>), whole minutes under it (<c>0 min</c>, <c>35 min</c> / <c>35 phút</c>) — the sample
    /// shop's median first reply is really 0 business minutes (most tickets are opened and answered outside business
    /// hours), which "0.0 h" hid.
    /// </summary>
    internal static string Hours(Duration? duration) => duration switch
    {
        null => "–",
        { } d when d < Duration.FromHours(1) => Display.Format(Strings.UnitMinutes, Math.Round(d.TotalMinutes, MidpointRounding.AwayFromZero)),
        { } d => Display.Format(Strings.UnitHours, d.TotalHours.ToString("F1", Display.NumberCulture)),
    };


    private static string Share(int part, int whole) => Percent(whole == 0 ? null : part / (double)whole);
}
