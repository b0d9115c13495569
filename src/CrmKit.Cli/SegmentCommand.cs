using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Cli;

/// <summary><c>crmkit segment</c>: segment sizes, one customer's explanation, and the catalogue.</summary>
internal static class SegmentCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(TextWriter output, TextWriter error)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder with customers.csv, orders.csv, order_lines.csv and consents.csv (as for 'crmkit run'). Default: the bundled sample shop (seeds/store)." };
        var segments = new Option<FileInfo>("--segments") { Description = "Segment catalogue (JSON, see docs/segmentation.md). Default: the built-in catalogue (the same as seeds/segments.json)." };
        var asOf = new Option<string>("--as-of") { Description = "Evaluation date (YYYY-MM-DD, 1900-01-01 to 2999-12-31): rules see the data up to the end of that day in the zone. Default: the instant of the last order in the data." };
        var zone = new Option<string>("--zone") { Description = "The shop's time zone (TZDB id): times written without an offset are read in it; dates, ages and birthdays are in it. Default Asia/Ho_Chi_Minh.", DefaultValueFactory = _ => "Asia/Ho_Chi_Minh" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table: asOf, zone, customers, rfm thresholds, segments with sizes (or, with --explain, the explanation tree)." };
        var explain = new Option<string>("--explain") { Description = "Explain one customer: each segment, whether the customer is in it, and the values each condition saw." };
        var command = new Command("segment", "Classify the customers of a data set into segments (built-in or from a catalogue file) and print each segment's size.")
        {
            data, segments, asOf, zone, json, explain,
        };
        var members = new Profile.SegmentMembers();
        members.AddTo(command);
        command.SetAction(parsed =>
        {
            _ = OptionRanges.AsOf(parsed.GetValue(asOf));
            var catalog = parsed.GetValue(segments) is { } file ? ReadCatalog(file) : BuiltInSegments.Catalog;
            var folder = parsed.GetValue(data)?.FullName ?? SeedsFolder.Store();
            var shopZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parsed.GetValue(zone)!)
                ?? throw new InvalidValueException("--zone", $"'{parsed.GetValue(zone)}' is not a TZDB time zone id.", "Example: Asia/Ho_Chi_Minh.");
            if (members.Requested(parsed))
            {
                return members.Write(parsed, catalog, folder, shopZone, parsed.GetValue(asOf), output, error);
            }

            var customers = CustomerLoading.LoadMerged(folder, shopZone, error);
            var context = new EvaluationContext(AsOfInstant.Of(parsed.GetValue(asOf), customers, shopZone), shopZone);
            var segmenter = new Segmenter(catalog);
            var (records, thresholds, tiers) = segmenter.Prepare(customers, context);
            if (parsed.GetValue(explain) is { } id)
            {
                var customer = CustomerLoading.Find(customers, id);
                if (CustomerLoading.MergedNote(customer, id) is { } note)
                {
                    error.WriteLine($"crmkit: {note}");
                }

                var record = records.First(r => r.Id == customer.Id.Value);
                Explain(output, catalog, record, context, parsed.GetValue(json), tiers);
                return CrmKitCommandLine.Success;
            }

            var result = segmenter.Classify(records, thresholds, context);
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    asOf = context.AsOf.ToString(),
                    zone = shopZone.Id,
                    customers = records.Count,
                    rfm = RfmJson(thresholds),
                    valueTiers = tiers.Select(Json),
                    segments = result.Sizes.Select(s => new { id = s.Segment.Id, name = s.Segment.Name, group = s.Segment.ExclusiveGroup, customers = s.Customers }),
                }, Indented));
            }
            else
            {
                WriteTable(output, result, records.Count);
                foreach (var tier in tiers)
                {
                    output.WriteLine($"Value tiers: {tier}");
                }
            }

            return CrmKitCommandLine.Success;
        });
        return command;
    }

    private static SegmentCatalog ReadCatalog(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Segment catalogue '{file.FullName}' not found.");
        }

        try
        {
            return SegmentCatalog.Parse(File.ReadAllText(file.FullName));
        }
        catch (InvalidRuleException e)
        {
            throw new InvalidRuleException([.. e.Problems.Select(x => x with { Location = $"{file.Name}: {x.Location}" })]);
        }
    }

    private static void WriteTable(TextWriter output, SegmentationResult result, int customers)
    {
        output.WriteLine(string.Create(Inv, $"Segments of {customers:N0} customers as of {result.Context.AsOf.InZone(result.Context.Zone):uuuu-MM-dd HH:mm} ({result.Context.Zone.Id})"));
        output.WriteLine($"RFM thresholds: {result.Thresholds}");
        foreach (var note in result.Thresholds.Notes)
        {
            output.WriteLine($"RFM note: {note}");
        }
        output.WriteLine();
        output.WriteLine($"  {"segment",-22} {"group",-14} {"customers",10} {"share",7}");
        foreach (var (segment, count) in result.Sizes)
        {
            var share = customers == 0 ? 0 : 100.0 * count / customers;
            output.WriteLine(string.Create(Inv, $"  {segment.Id,-22} {segment.ExclusiveGroup ?? "",-14} {count,10:N0} {share,6:F1}%"));
        }
    }

    /// <summary>The JSON of RFM thresholds: a bound nobody reaches is null; notes on degenerate dimensions.</summary>
    internal static object RfmJson(RfmThresholds thresholds) => new
    {
        recencyDays = thresholds.Recency.Select(r => r == RfmThresholds.Unreachable ? (long?)null : r),
        frequency = thresholds.Frequency.Select(f => f == RfmThresholds.UnreachableAmount ? (decimal?)null : f),
        monetary = thresholds.Monetary.Select(m => m == RfmThresholds.UnreachableAmount ? (decimal?)null : m),
        notes = thresholds.Notes,
    };

    /// <summary>The JSON of one currency's value tier thresholds (a bound is null when its tier is empty).</summary>
    internal static object Json(ValueTierThresholds tiers) => new
    {
        currency = tiers.Currency.Code,
        basis = tiers.Basis == ValueBasis.Predicted ? "predicted" : "historical",
        buyers = tiers.Buyers,
        vip = tiers.Vip,
        high = tiers.High,
        average = tiers.Average,
    };

    private static string TierName(int? tier) => tier switch { 4 => "VIP", 3 => "high", 2 => "average", 1 => "low", _ => "not ranked" };

    private static void Explain(TextWriter output, SegmentCatalog catalog, CustomerRecord record, EvaluationContext context, bool json, IReadOnlyList<ValueTierThresholds> tiers)
    {
        var explanations = catalog.Segments.Zip(catalog.Explain(record, context), (s, e) => (s, e)).ToList();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                customer = record.Id,
                asOf = context.AsOf.ToString(),
                rfm = record.RecencyScore is null ? null : $"{record.RecencyScore}{record.FrequencyScore}{record.MonetaryScore}",
                valueTier = record.ValueTier,
                valueTiers = tiers.Select(Json),
                segments = explanations.Select(x => new { id = x.s.Id, member = x.e.Holds, explanation = Node(x.e) }),
            }, Indented));
            return;
        }

        output.WriteLine($"Customer {record.Id} as of {context.AsOf.InZone(context.Zone).ToString("uuuu-MM-dd HH:mm", Inv)} ({context.Zone.Id})");
        output.WriteLine($"RFM score: {(record.RecencyScore is null ? "not scored (no completed order)" : $"R{record.RecencyScore} F{record.FrequencyScore} M{record.MonetaryScore}")}");
        output.WriteLine($"Value tier: {TierName(record.ValueTier)} ({record.ValueTier?.ToString(Inv) ?? "–"}); {string.Join("; ", tiers.Select(t => t.ToString()).DefaultIfEmpty("no buyers ranked"))}");
        output.WriteLine($"Member of: {string.Join(", ", explanations.Where(x => x.e.Holds).Select(x => x.s.Id))}");
        foreach (var (segment, explanation) in explanations)
        {
            output.WriteLine();
            output.WriteLine($"{segment.Id} — {segment.Name}: {(explanation.Holds ? "member" : "not a member")}");
            foreach (var line in explanation.ToString().Split(Environment.NewLine))
            {
                output.WriteLine("  " + line);
            }
        }
    }

    private static object Node(Explanation e) => new { holds = e.Holds, reason = e.Reason, children = e.Children.Select(Node) };
}
