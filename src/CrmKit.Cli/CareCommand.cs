using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmKit.Cli.Localization;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli;

/// <summary><c>crmkit care</c>: today's care agenda and process diagrams.</summary>
internal static class CareCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(TextWriter output, TextWriter error)
        => new("care", Strings.HelpCareCommand) { Agenda(output, error), Diagram(output) };

    private static Command Agenda(TextWriter output, TextWriter error)
    {
        var data = new ShopDataOptions();
        var lookback = new Option<int>("--lookback-days") { Description = Strings.HelpCareLookback, DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = Strings.HelpCareLimit, DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = Strings.HelpCareJson };
        var customer = new Option<string>("--customer") { Description = Strings.HelpCareCustomer };
        var command = new Command("agenda", Strings.HelpCareAgendaCommand)
        {
            lookback, limit, json, customer,
        };
        data.AddTo(command);
        var list = Profile.AgendaList.OutOption();
        command.Options.Add(list);
        var codes = Profile.ContactListFile.CodesOption();
        command.Options.Add(codes);
        command.SetAction(parsed =>
        {
            var days = OptionRanges.Days("--lookback-days", parsed.GetValue(lookback));
            if (parsed.GetValue(list) is { } listFile)
            {
                Profile.ContactListFile.Check(listFile, "--out");
            }

            // The agenda of 'crmkit run', by the same job: the same reading of the data, merge, as-of instant, segments
            // (CLV tiers included) and plans, so both commands count the same day the same way.
            var settings = data.Settings(parsed) with { AgendaDays = days };
            var shopZone = settings.Zone;
            var (read, ran) = Progress.Show(error, parsed.GetValue(json), (progress, warnings) =>
            {
                var read = data.Read(parsed, settings, warnings, progress);
                return (read, read.Verdict.Usable ? MainJob.Run(settings, read.Imported, warnings, progress) : null);
            });
            if (ran is not { } job)
            {
                read.Verdict.Write(error);
                return CrmKitCommandLine.BadInput;
            }

            var customers = job.Customers;
            var context = new EvaluationContext(job.AsOf, shopZone);
            var segmentation = job.Segmentation;
            var agenda = new CareAgenda(BuiltInCarePlans.All);
            var items = job.Agenda;
            if (parsed.GetValue(customer) is { } typed)
            {
                var found = CustomerLoading.Find(customers, typed);
                if (CustomerLoading.MergedNote(found, typed) is { } note)
                {
                    error.WriteLine($"crmkit: {note}");
                }

                items = [.. items.Where(i => i.CustomerId == found.Id)];
            }
            if (NoConsentNote(job, items) is { } noConsent)
            {
                error.WriteLine($"crmkit: {noConsent}");
            }

            if (parsed.GetValue(list) is { } file)
            {
                Profile.AgendaList.Write(file, customers, items, job.AsOf, shopZone, output, error, parsed.GetValue(codes));
                read.Verdict.Write(error);
                return read.Verdict.ExitCode;
            }

            var plans = agenda.Plans.ToDictionary(p => p.Id);
            var bySegment = items.Where(i => i.Status is AgendaStatus.Due or AgendaStatus.Deferred)
                .SelectMany(i => plans[i.PlanId].Segments.Where(s => segmentation.Memberships[i.CustomerId].Contains(s)).Select(s => (Segment: s, Item: i)))
                .GroupBy(x => x.Segment).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Segment: g.Key, Channels: g.GroupBy(x => x.Item.Action.Channel).OrderBy(c => c.Key).Select(c => (Channel: c.Key, Count: c.Count())).ToList()))
                .ToList();
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    asOf = context.AsOf.ToString(),
                    zone = shopZone.Id,
                    customers = customers.Count,
                    byStatus = Enum.GetValues<AgendaStatus>().ToDictionary(s => Name(s), s => items.Count(i => i.Status == s)),
                    byChannel = items.Where(i => i.SendAt is not null).GroupBy(i => i.Action.Channel).OrderBy(g => g.Key).ToDictionary(g => Name(g.Key), g => g.Count()),
                    bySegment = bySegment.ToDictionary(s => s.Segment, s => s.Channels.ToDictionary(c => Name(c.Channel), c => c.Count)),
                    items = items.Select(ItemJson),
                }, Indented));
                read.Verdict.Write(error);
                return read.Verdict.ExitCode;
            }

            output.WriteLine(Display.Plural(customers.Count, Strings.CareAgendaTitleOne, Strings.CareAgendaTitle, customers.Count, Display.Count(days, Strings.DayCountOne, Strings.DayCountMany), Display.DateTime(context.AsOf, shopZone), shopZone.Id));
            output.WriteLine(string.Join(", ", Enum.GetValues<AgendaStatus>().Select(s => $"{DisplayNames.Of(s)} {Display.Number(items.Count(i => i.Status == s))}")));
            output.WriteLine();
            output.WriteLine(Strings.CareAgendaBySegment);
            // Segments by name in the invocation's language (the run summary's rule); the JSON keeps the ids.
            var segmentNames = job.Settings.Catalog.Segments.ToDictionary(s => s.Id, s => s.DisplayName(), StringComparer.Ordinal);
            // Columns aligned by what a terminal shows (Display.Pad): "gọi điện", "phone call" and names with diacritics.
            var segmentWidth = Display.Widest(bySegment.Select(s => segmentNames.GetValueOrDefault(s.Segment, s.Segment)), 22);
            foreach (var (segment, channels) in bySegment)
            {
                output.WriteLine($"  {Display.Pad(segmentNames.GetValueOrDefault(segment, segment), segmentWidth)} {string.Join(", ", channels.Select(c => $"{DisplayNames.Of(c.Channel)} {Display.Number(c.Count)}"))}");
            }

            var due = items.Where(i => i.Status == AgendaStatus.Due).Take(parsed.GetValue(limit)).ToList();
            output.WriteLine();
            output.WriteLine(Display.Plural(due.Count, Strings.CareAgendaFirstDueOne, Strings.CareAgendaFirstDue, due.Count));
            // Each action with the customer's name beside the id (masked where the name is a contact, as in the report).
            var byId = customers.ToDictionary(c => c.Id.Value, StringComparer.Ordinal);
            string NameOf(AgendaItem i) => byId.TryGetValue(i.CustomerId.Value, out var c) ? PersonalData.Redact(c.DisplayName) : "–";
            var idWidth = Display.Widest(due.Select(i => PersonalData.Redact(i.CustomerId.Value)), 10);
            var nameWidth = Display.Widest(due.Select(NameOf), 22);
            var channelWidth = Display.Widest(due.Select(i => DisplayNames.Of(i.Action.Channel)), 9);
            var templateWidth = Display.Widest(due.Select(i => DisplayNames.TemplateDisplayName(i.Action.Template)), 34);
            foreach (var i in due)
            {
                output.WriteLine($"  {Display.DateTime(i.SendAt!.Value, shopZone)}  {Display.Pad(PersonalData.Redact(i.CustomerId.Value), idWidth)} {Display.Pad(NameOf(i), nameWidth)} {Display.Pad(DisplayNames.Of(i.Action.Channel), channelWidth)} {Display.Pad(DisplayNames.TemplateDisplayName(i.Action.Template), templateWidth)} {DisplayNames.PlanName(i.PlanId, agenda.Plans)}");
            }

            read.Verdict.Write(error);
            return read.Verdict.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// Why an agenda with nothing due is empty when the reason is the data's (fourth trial, issue 21): no customer has a
    /// consent decision, because the files carry no consent column — with the columns that give consent under the
    /// preset used (docs/importing.md lists them), or how to add one. <see langword="null"/> when something is due or
    /// some customer has a consent.
    /// </summary>
    internal static string? NoConsentNote(MainJobResult job, IReadOnlyList<AgendaItem> items)
    {
        if (items.Any(i => i.Status == AgendaStatus.Due) || job.Customers.Any(c => !c.Consents.IsEmpty))
        {
            return null;
        }

        var mapping = job.Settings.Import.Mapping;
        var columns = mapping.For(ImportFileKind.Customers).Columns
            .Where(c => c.Key.StartsWith("consent.", StringComparison.Ordinal))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"'{c.Value.FirstOrDefault()}' ({c.Key})")
            .ToList();
        var hint = columns.Count > 0 && mapping.Name is { } preset && ImportMapping.PresetNames.Contains(preset)
            ? Display.Format(Strings.CareAgendaConsentColumns, preset, string.Join(", ", columns))
            : Strings.CareAgendaConsentHowTo;

        // A column that looks like consent but was read as nothing (seventh trial: "Đồng ý nhận tin" without a mapping):
        // named, with the mapping line that reads it, before the general advice.
        if (job.DataSet.Files.FirstOrDefault(f => f.Kind == ImportFileKind.Customers && f.UnusedColumns.Any(LooksLikeConsent)) is { } file)
        {
            var unread = file.UnusedColumns.Where(LooksLikeConsent).ToList();
            var example = $"{{ \"customers\": {{ \"columns\": {{ \"consent.{ChannelOf(unread[0])}.marketing\": \"{unread[0]}\" }} }} }}";
            hint = Display.Format(Strings.CareAgendaConsentColumnUnread, string.Join(", ", unread.Select(c => $"'{c}'")), file.File, example);
        }

        return Display.Format(Strings.CareAgendaNoConsent, Display.Number(job.Customers.Count), hint);
    }

    // Words of a header that asks about consent to messages, folded (no diacritics, lower case): Vietnamese "Đồng ý nhận
    // tin", "Đăng ký nhận tin", English "Accepts marketing", "Opt-in", "Newsletter".
    private static readonly string[] ConsentWords = ["consent", "accept", "marketing", "opt in", "opt-in", "optin", "opt_in", "subscri", "newsletter", "dong y", "nhan tin", "dang ky nhan"];

    /// <summary>Whether a header not read looks like a consent column (<see cref="ConsentWords"/>).</summary>
    internal static bool LooksLikeConsent(string header)
    {
        var folded = TextFold.ForMatching(header).Replace('_', ' ');
        return ConsentWords.Any(w => folded.Contains(w.Replace('_', ' '), StringComparison.Ordinal));
    }

    // The channel a consent header names (Zalo when it names none: the channel Vietnamese shops message on most), as the
    // mapping spells it.
    private static string ChannelOf(string header)
    {
        var folded = TextFold.ForMatching(header);
        return folded.Contains("sms", StringComparison.Ordinal) ? "sms"
            : folded.Contains("mail", StringComparison.Ordinal) ? "email"
            : folded.Contains("goi", StringComparison.Ordinal) || folded.Contains("call", StringComparison.Ordinal) || folded.Contains("dien thoai", StringComparison.Ordinal) ? "phone_call"
            : "zalo";
    }

    private static Command Diagram(TextWriter output)
    {
        var process = new Argument<string>(CrmKitCommandLine.ArgumentName("process")) { Description = Display.Format(Strings.HelpCareDiagramProcess, string.Join(", ", BuiltInProcesses.All.Select(p => p.Id))) };
        var format = new Option<string>("--format") { Description = Strings.HelpCareDiagramFormat, DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("diagram", Strings.HelpCareDiagramCommand) { process, format };
        command.SetAction(parsed =>
        {
            var id = parsed.GetValue(process)!;
            var definition = BuiltInProcesses.All.FirstOrDefault(p => p.Id == id) ?? ReadDefinition(id);
            output.Write(ProcessDiagram.Render(definition, parsed.GetValue(format) == "dot" ? DiagramFormat.Dot : DiagramFormat.Mermaid));
            return CrmKitCommandLine.Success;
        });
        return command;
    }

    private static ProcessDefinition ReadDefinition(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidValueException("process", Display.Format(Strings.CareDiagramUnknown, path), Display.Format(Strings.CareDiagramBuiltIns, string.Join(", ", BuiltInProcesses.All.Select(p => p.Id))));
        }

        return ProcessJson.ReadFiles([path])[0].Definition;   // problems at file:line:column
    }

    /// <summary>An agenda item in the JSON of <c>care agenda</c> and <c>customer</c>.</summary>
    internal static object ItemJson(AgendaItem i) => new
    {
        customer = i.CustomerId.Value,
        plan = i.PlanId,
        cadence = i.CadenceId,
        channel = Name(i.Action.Channel),
        purpose = Name(i.Action.Purpose),
        template = i.Action.Template,
        dueAt = i.DueAt.ToString(),
        sendAt = i.SendAt?.ToString(),
        status = Name(i.Status),
        reason = i.Reason,
        idempotencyKey = i.IdempotencyKey,
    };

    internal static CareSubject Subject(Customer c, SegmentMembership segments, DateTimeZone shopZone) => CareSubject.From(c, segments, shopZone);

    private static string Name<T>(T value) where T : struct, Enum => RunSummary.Name(value);
}
