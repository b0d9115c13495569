using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        => new("care", "Care processes: the agenda of due care actions after the contact policy, and process diagrams.") { Agenda(output, error), Diagram(output) };

    private static Command Agenda(TextWriter output, TextWriter error)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with customers.csv, orders.csv, order_lines.csv and consents.csv (as for 'crmkit run'). Default: the bundled sample shop (seeds/store)." };
        var asOf = new Option<string>("--as-of") { Description = "The agenda's date (YYYY-MM-DD, 1900-01-01 to 2999-12-31): actions due up to the end of that day. Default: the instant of the last order in the data." };
        var zone = new Option<string>("--zone") { Description = "The shop's time zone (TZDB id): times written without an offset are read in it, and it is used for customers without their own. Default Asia/Ho_Chi_Minh.", DefaultValueFactory = _ => "Asia/Ho_Chi_Minh" };
        var lookback = new Option<int>("--lookback-days") { Description = "Actions whose due instant falls in the last N days before the as-of instant (1 to 36,525). Default 1.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit") { Description = "How many due actions to list in the table (the JSON lists all). Default 20.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print JSON: asOf, customers, counts by status, by channel and by segment, and every item with its idempotency key." };
        var customer = new Option<string>("--customer") { Description = "Only this customer's actions. An id merged into another customer (a duplicate record) shows the survivor's." };
        var merge = MergeOutcome.PolicyOption();
        var model = MainJob.ClvModelOption();
        var command = new Command("agenda", "Compute the care actions due for every customer under the built-in care plans and Vietnam's contact policy (consent, caps, allowed hours).")
        {
            data, asOf, zone, lookback, limit, json, customer, merge, model,
        };
        var list = Profile.AgendaList.OutOption();
        command.Options.Add(list);
        command.SetAction(parsed =>
        {
            var days = OptionRanges.Days("--lookback-days", parsed.GetValue(lookback));
            _ = OptionRanges.AsOf(parsed.GetValue(asOf));
            if (parsed.GetValue(list) is { } listFile)
            {
                Profile.ContactListFile.Check(listFile, "--out");
            }

            var shopZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parsed.GetValue(zone)!)
                ?? throw new InvalidValueException("--zone", $"'{parsed.GetValue(zone)}' is not a TZDB time zone id.", "Example: Asia/Ho_Chi_Minh.");
            // The agenda of 'crmkit run', by the same job: the same merge, as-of instant, segments (CLV tiers included)
            // and plans, so both commands count the same day the same way.
            var folder = parsed.GetValue(data)?.FullName ?? SeedsFolder.Store();
            var job = MainJob.Run(
                new MainJobSettings
                {
                    Files = CustomerFiles.InFolder(folder),
                    Source = folder,
                    AsOf = parsed.GetValue(asOf),
                    Zone = shopZone,
                    Import = new CsvImportOptions { ShopTimeZone = shopZone },
                    AgendaDays = days,
                    Merge = MergeOutcome.ParsePolicy(parsed.GetValue(merge)),
                    ClvModel = parsed.GetValue(model)!,
                },
                error);
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

                items = [.. items.Where(i => i.CustomerId == found.Id.Value)];
            }
            if (parsed.GetValue(list) is { } file)
            {
                Profile.AgendaList.Write(file, customers, items, job.AsOf, shopZone, output, error);
                return CrmKitCommandLine.Success;
            }

            var plans = agenda.Plans.ToDictionary(p => p.Id);
            var bySegment = items.Where(i => i.Status is AgendaStatus.Due or AgendaStatus.Deferred)
                .SelectMany(i => plans[i.PlanId].Segments.Where(s => segmentation.Memberships[new CustomerId(i.CustomerId)].Contains(s)).Select(s => (Segment: s, Item: i)))
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
                return CrmKitCommandLine.Success;
            }

            output.WriteLine(string.Create(Inv, $"Care agenda for {customers.Count:N0} customers, actions due in the {days} day(s) up to {context.AsOf.InZone(shopZone):uuuu-MM-dd HH:mm} ({shopZone.Id})"));
            output.WriteLine(string.Join(", ", Enum.GetValues<AgendaStatus>().Select(s => string.Create(Inv, $"{Name(s)} {items.Count(i => i.Status == s):N0}"))));
            output.WriteLine();
            output.WriteLine("By segment and channel (due or deferred):");
            foreach (var (segment, channels) in bySegment)
            {
                output.WriteLine(string.Create(Inv, $"  {segment,-22} {string.Join(", ", channels.Select(c => $"{Name(c.Channel)} {c.Count}"))}"));
            }

            var due = items.Where(i => i.Status == AgendaStatus.Due).Take(parsed.GetValue(limit)).ToList();
            output.WriteLine();
            output.WriteLine($"First {due.Count} due actions:");
            foreach (var i in due)
            {
                output.WriteLine(string.Create(Inv, $"  {i.SendAt!.Value.InZone(shopZone):uuuu-MM-dd HH:mm}  {i.CustomerId,-10} {Name(i.Action.Channel),-9} {i.Action.Template,-24} {i.PlanId}"));
            }

            return CrmKitCommandLine.Success;
        });
        return command;
    }

    private static Command Diagram(TextWriter output)
    {
        var process = new Argument<string>("process") { Description = $"A built-in process ({string.Join(", ", BuiltInProcesses.All.Select(p => p.Id))}) or a process definition JSON file." };
        var format = new Option<string>("--format") { Description = "mermaid (a stateDiagram-v2) or dot (Graphviz). Default mermaid.", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("diagram", "Print a care process as a diagram, with guards and timers on the edges.") { process, format };
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
            throw new InvalidValueException("process", $"'{path}' is neither a built-in process nor a file.", $"Built-in: {string.Join(", ", BuiltInProcesses.All.Select(p => p.Id))}.");
        }

        try
        {
            return ProcessJson.ReadDefinition(File.ReadAllText(path));
        }
        catch (InvalidProcessException e)
        {
            throw new InvalidProcessException($"{Path.GetFileName(path)}", [.. e.Problems.Select(p => p with { Location = $"{Path.GetFileName(path)}: {p.Location}" })]);
        }
    }

    /// <summary>An agenda item in the JSON of <c>care agenda</c> and <c>customer</c>.</summary>
    internal static object ItemJson(AgendaItem i) => new
    {
        customer = i.CustomerId,
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
