using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmKit.Cli.Localization;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Engine;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Engine;

/// <summary>
/// <c>crmkit replay --journey FILE --from DATE --to DATE</c>: what a new or edited journey would have sent, day by day,
/// over a period of the shop's own history.
/// </summary>
/// <remarks>
/// The journey is switched on at the start of <c>--from</c> (in the shop's zone): the events before it only set the
/// customers' state (profiles, consents, orders, segments — no journey runs), the events of the period run through the
/// engine with the journey alone, and the replay's dispatcher (<see cref="EngineReplay"/>) sends what is due. Other
/// journeys do not run, so their messages do not count against the caps; the contacts recorded in the data do.
/// </remarks>
internal static class ReplayCommand
{
    /// <summary>How many messages the text lists by default (<c>--first</c>).</summary>
    public const int DefaultFirst = 20;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build(TextWriter output, TextWriter error)
    {
        var journey = new Option<FileInfo>("--journey") { Description = Strings.HelpReplayJourney, Required = true };
        var from = new Option<string>("--from") { Description = Strings.HelpReplayFrom, Required = true };
        var to = new Option<string>("--to") { Description = Strings.HelpReplayTo, Required = true };
        var data = new ShopDataOptions(asOf: false, clvModel: false);
        var process = new Option<FileInfo[]>("--process") { Description = Strings.HelpReplayProcess, AllowMultipleArgumentsPerToken = true };
        var first = new Option<int>("--first") { Description = Strings.HelpReplayFirst, DefaultValueFactory = _ => DefaultFirst };
        var json = new Option<bool>("--json") { Description = Strings.HelpReplayJson };
        var command = new Command("replay", Strings.HelpReplayCommand)
        {
            journey, from, to, process, first, json,
        };
        data.AddTo(command);
        command.SetAction(parsed =>
        {
            var fromDate = OptionRanges.Date("--from", parsed.GetValue(from))!.Value;
            var toDate = OptionRanges.Date("--to", parsed.GetValue(to))!.Value;
            if (toDate < fromDate)
            {
                throw new InvalidValueException("--to", Display.Format(Strings.ErrorToBeforeFrom, Display.Date(toDate), Display.Date(fromDate)));
            }

            if (Period.DaysBetween(fromDate, toDate) + 1 > OptionRanges.MaxDays)
            {
                throw new InvalidValueException("--to", Display.Format(Strings.ErrorPeriodTooLong, OptionRanges.MaxDays));
            }

            var shown = parsed.GetValue(first);
            if (shown is < 0 or > 10_000)
            {
                throw new InvalidValueException("--first", Display.Format(Strings.ErrorFirstRange, shown, 10_000));
            }

            var settings = data.Settings(parsed);
            var shopZone = settings.Zone;
            var processes = Processes(parsed.GetValue(process) ?? []);
            var journeyFile = parsed.GetValue(journey)!;
            var definition = ReadJourney(journeyFile, processes, BuiltInSegments.Catalog);

            var folder = settings.Source;
            var (read, result) = Progress.Show(error, parsed.GetValue(json), (progress, warnings) =>
            {
                var read = data.Read(parsed, settings, warnings, progress);
                if (!read.Verdict.Usable)
                {
                    return (read, (ReplayReport?)null);
                }

                progress.Stage("merge duplicates");
                var customers = CustomerLoading.Merge(read.DataSet, settings.Merge).Customers;
                return (read, Run(customers, definition, processes, fromDate, toDate, shopZone, progress));
            });
            if (result is null)
            {
                read.Verdict.Write(error);
                return CrmKitCommandLine.BadInput;
            }

            if (parsed.GetValue(json))
            {
                WriteJson(output, result, folder, journeyFile.FullName, shown);
            }
            else
            {
                Write(output, result, processes, folder, journeyFile.FullName, shown);
            }

            read.Verdict.Write(error);
            return read.Verdict.ExitCode;
        });
        return command;
    }

    /// <summary>Reads a journey file and checks it against the processes and the catalogue; every problem is reported with the file and its JSON path.</summary>
    /// <exception cref="InvalidJourneyException">The file is not a valid journey, or refers to a process or segment that is not there.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    internal static Journey ReadJourney(FileInfo file, IReadOnlyList<ProcessDefinition> processes, SegmentCatalog catalog)
    {
        InputFiles.Existing(file, "--journey", Display.Format(Strings.ErrorJourneyFileMissing, file.FullName));

        var journey = JourneyJson.Read(File.ReadAllText(file.FullName), file.FullName);
        var problems = JourneyValidator.Validate([journey], processes, catalog);
        return problems.IsEmpty ? journey : throw new InvalidJourneyException(file.FullName, problems);
    }

    /// <summary>The built-in processes, with those read from <paramref name="files"/> added (a file with a built-in id replaces it).</summary>
    /// <exception cref="InvalidProcessException">A file is not a valid process definition, or two files define one id (<see cref="ProcessJson.ReadFiles"/>: each problem at file:line:column).</exception>
    internal static IReadOnlyList<ProcessDefinition> Processes(IEnumerable<FileInfo> files)
    {
        var processes = BuiltInJourneys.Processes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var list = files.ToList();
        foreach (var file in list)
        {
            InputFiles.Existing(file, "--process", Display.Format(Strings.ErrorProcessFileMissing, file.FullName));
        }

        // The one reader of definition files: every problem of every file at file:line:column, and two files with one id refused.
        foreach (var read in ProcessJson.ReadFiles(list.Select(f => f.FullName)))
        {
            processes[read.Definition.Id] = read.Definition;
        }

        return [.. processes.Values];
    }

    /// <summary>Replays <paramref name="journey"/> alone over <paramref name="from"/> to <paramref name="to"/> (whole days in <paramref name="zone"/>).</summary>
    internal static ReplayReport Run(IReadOnlyList<Customer> customers, Journey journey, IReadOnlyList<ProcessDefinition> processes, LocalDate from, LocalDate to, DateTimeZone zone, Progress? progress = null)
        => RunAsync(customers, journey, processes, from, to, zone, progress ?? Progress.Hidden).GetAwaiter().GetResult();

    private static async Task<ReplayReport> RunAsync(IReadOnlyList<Customer> customers, Journey journey, IReadOnlyList<ProcessDefinition> processes, LocalDate from, LocalDate to, DateTimeZone zone, Progress progress)
    {
        progress.Stage("replay history");
        var start = from.AtStartOfDayInZone(zone).ToInstant();
        var end = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;
        var events = HistoryEvents.Of(customers, end);
        var before = events.TakeWhile(e => e.At < start).Count();

        // The RFM thresholds a full run at the switch-on instant would have fitted, frozen for the period.
        var context = new EvaluationContext(start - Duration.Epsilon, zone);
        var thresholds = new Segmenter(BuiltInSegments.Catalog).Prepare(customers, context).Thresholds;
        var options = new CareEngineOptions { Journeys = [], Processes = [.. processes], Zone = zone, RfmThresholds = thresholds };
        var store = new InMemoryEngineStore();
        var quiet = new CareEngine(options, store);
        for (var i = 0; i < before; i++)
        {
            await quiet.HandleAsync(events[i]).ConfigureAwait(false);
        }

        var engine = new CareEngine(options with { Journeys = [journey] }, store);
        var report = new ReplayReport(journey, from, to, zone, before, events.Count - before);
        await new EngineReplay(engine, EngineReplay.DefaultPoll).RunAsync(events.GetRange(before, events.Count - before), end, report, progress.Count("replay journey", events.Count - before)).ConfigureAwait(false);
        report.Finish(await store.ListAsync(OutboxState.Pending).ConfigureAwait(false));
        return report;
    }

    private static void Write(TextWriter output, ReplayReport r, IReadOnlyList<ProcessDefinition> processes, string folder, string file, int shown)
    {
        output.WriteLine(Display.Format(Strings.ReplayTitle, DisplayNames.JourneyLabel(r.Journey.VersionedId, [r.Journey]), DisplayNames.ProcessLabel(r.Journey.Process, processes), Display.Date(r.From), Display.Date(r.To), r.Zone.Id, folder));
        output.WriteLine(Display.Format(Strings.ReplayJourneyFile, file));
        output.WriteLine(Display.Format(Strings.ReplaySwitchedOn, Display.Date(r.From), r.EventsBefore, r.EventsIn));
        output.WriteLine(Strings.ReplayAlone);
        var t = r.Total;
        output.WriteLine(Display.Format(Strings.ReplayTotal, t.Enrolled, t.Completed, t.Exited, t.GoalReached, t.Sent, Channels(t.SentByChannel), t.Deferred, t.Skipped, t.Dropped, t.Cancelled, r.StillQueued));
        if (t.ByReason.Count > 0)
        {
            output.WriteLine(Display.Format(Strings.ReplayReasons, Reasons(t.ByReason)));
        }

        output.WriteLine();
        output.WriteLine(Strings.ReplayDayHeader);
        var quietDays = 0;
        foreach (var day in r.Days)
        {
            if (day.IsEmpty)
            {
                quietDays++;
                continue;
            }

            var detail = Channels(day.SentByChannel);
            if (day.ByReason.Count > 0)
            {
                detail += (detail.Length > 0 ? " / " : string.Empty) + Reasons(day.ByReason);
            }

            output.WriteLine(Display.Format("  {0}  {1,8:N0} {2,6:N0} {3,5:N0} {4,6:N0} {5,9:N0} {6,8:N0} {7,8:N0} {8,10:N0}  {9}", Display.Date(day.Date), day.Enrolled, day.Completed + day.Exited, day.GoalReached, day.Sent, day.Deferred, day.Skipped, day.Dropped, day.Cancelled, detail).TrimEnd());
        }

        output.WriteLine(Display.Format(Strings.ReplayQuietDays, quietDays, r.Days.Count));
        if (shown > 0)
        {
            output.WriteLine();
            output.WriteLine(Display.Format(Strings.ReplayFirstMessages, Math.Min(shown, r.Messages.Count), r.Messages.Count));
            foreach (var m in r.Messages.Take(shown))
            {
                output.WriteLine(string.Create(Inv, $"  {Display.DateTime(m.DecidedAt, r.Zone)}  {PersonalData.Redact(m.Message.CustomerId.Value),-12} {DisplayNames.Of(m.Message.Channel),-9} {DisplayNames.Of(m.Message.Purpose),-13} {DisplayNames.TemplateLabel(m.Message.Template),-28} {m.Describe(r.Zone)}"));
            }
        }
    }

    private static void WriteJson(TextWriter output, ReplayReport r, string folder, string file, int shown)
    {
        static object Day(ReplayDay d) => new
        {
            date = d.Date.ToString("uuuu-MM-dd", Inv),
            enrolled = d.Enrolled,
            completed = d.Completed,
            exited = d.Exited,
            goalReached = d.GoalReached,
            sent = d.Sent,
            deferred = d.Deferred,
            skipped = d.Skipped,
            dropped = d.Dropped,
            cancelled = d.Cancelled,
            sentByChannel = d.SentByChannel.ToDictionary(p => p.Key, p => p.Value),
            byReason = d.ByReason.ToDictionary(p => p.Key, p => p.Value),
        };

        output.WriteLine(JsonSerializer.Serialize(new
        {
            journey = r.Journey.VersionedId,
            process = r.Journey.Process,
            file,
            data = folder,
            from = r.From.ToString("uuuu-MM-dd", Inv),
            to = r.To.ToString("uuuu-MM-dd", Inv),
            zone = r.Zone.Id,
            eventsBefore = r.EventsBefore,
            eventsInPeriod = r.EventsIn,
            total = Day(r.Total),
            stillQueued = r.StillQueued,
            days = r.Days.Select(Day),
            messages = r.Messages.Count,
            first = r.Messages.Take(shown).Select(m => new
            {
                decidedAt = m.DecidedAt.ToString(),
                dueAt = m.Message.DueAt.ToString(),
                customer = PersonalData.Redact(m.Message.CustomerId.Value),
                channel = RunSummary.Name(m.Message.Channel),
                purpose = RunSummary.Name(m.Message.Purpose),
                template = m.Message.Template,
                outcome = m.Outcome,
                reason = m.Reason,
                at = m.OutcomeAt?.ToString(),
                key = m.Message.IdempotencyKey,
            }),
        }));
    }

    // "zalo 220": the channels (keyed by their JSON names) in the invocation's language.
    private static string Channels(IEnumerable<KeyValuePair<string, int>> counts)
        => string.Join(", ", counts.Select(p => $"{DisplayNames.Of(Enum.GetValues<ContactChannel>().Single(c => RunSummary.Name(c) == p.Key))} {Display.Number(p.Value)}"));

    // "deferred: outside Zalo hours 07:00–22:00 15": each key is "verdict: reason" as ReplayReport counts them (the JSON
    // keeps them); the verdict as DisplayNames writes it, the reason through ContactReason (English: the text itself).
    private static string Reasons(IEnumerable<KeyValuePair<string, int>> counts)
        => string.Join(", ", counts.Select(p => $"{ReplayMessage.Verdict(p.Key[..p.Key.IndexOf(':', StringComparison.Ordinal)])}: {ContactReason.Parse(p.Key[(p.Key.IndexOf(':', StringComparison.Ordinal) + 2)..]).Describe()} {Display.Number(p.Value)}"));
}
