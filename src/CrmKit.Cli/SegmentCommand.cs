using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CrmKit.Cli.Localization;
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
        var data = new Option<DirectoryInfo>("--data") { Description = Strings.HelpSegmentData };
        var sample = SeedsFolder.SampleOption();
        var segments = new Option<FileInfo>("--segments") { Description = Strings.HelpSegmentCatalogue };
        var asOf = new Option<string>("--as-of") { Description = Strings.HelpSegmentAsOf };
        var zone = new Option<string>("--zone") { Description = Strings.HelpSegmentZone, DefaultValueFactory = _ => "Asia/Ho_Chi_Minh" };
        var json = new Option<bool>("--json") { Description = Strings.HelpSegmentJson };
        var explain = new Option<string>("--explain") { Description = Strings.HelpSegmentExplain };
        var command = new Command("segment", Strings.HelpSegmentCommand)
        {
            data, sample, segments, asOf, zone, json, explain,
        };
        var members = new Profile.SegmentMembers();
        members.AddTo(command);
        command.SetAction(parsed =>
        {
            _ = OptionRanges.AsOf(parsed.GetValue(asOf));
            var catalog = parsed.GetValue(segments) is { } file ? ReadCatalog(file) : BuiltInSegments.Catalog;
            var folder = SeedsFolder.DataFolder(parsed, data, sample);
            var shopZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(parsed.GetValue(zone)!)
                ?? throw new InvalidValueException("--zone", $"'{parsed.GetValue(zone)}' is not a TZDB time zone id.", "Example: Asia/Ho_Chi_Minh.");
            if (members.Requested(parsed))
            {
                return members.Write(parsed, catalog, folder, shopZone, parsed.GetValue(asOf), output, error);
            }

            var segmenter = new Segmenter(catalog);
            var (customers, context, (records, thresholds, tiers)) = Progress.Show(error, parsed.GetValue(json), (progress, warnings) =>
            {
                progress.Stage("import");
                var dataSet = CustomerLoading.Read(folder, shopZone, warnings);
                progress.Stage("merge duplicates");
                var customers = CustomerLoading.Merge(dataSet).Customers;
                progress.Stage("classify segments");
                var context = new EvaluationContext(AsOfInstant.Of(parsed.GetValue(asOf), customers, shopZone), shopZone);
                return (customers, context, segmenter.Prepare(customers, context));
            });
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
                    segments = result.Sizes.Select(s => new { id = s.Segment.Id, name = s.Segment.Name.Invariant(), group = s.Segment.ExclusiveGroup, customers = s.Customers }),
                }, Indented));
            }
            else
            {
                WriteTable(output, result, records.Count);
                foreach (var tier in tiers)
                {
                    output.WriteLine(Display.Format(Strings.SegmentValueTiers, tier));
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
            throw new FileNotFoundException(Display.Format(Strings.SegmentCatalogueMissing, file.FullName));
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
        output.WriteLine(Display.Format(Strings.SegmentTableTitle, customers, Display.DateTime(result.Context.AsOf, result.Context.Zone), result.Context.Zone.Id));
        output.WriteLine(Display.Format(Strings.SegmentRfmThresholds, result.Thresholds));
        foreach (var note in result.Thresholds.Notes)
        {
            output.WriteLine(Display.Format(Strings.SegmentRfmNote, note));
        }
        output.WriteLine();
        output.WriteLine(Display.Format("  {0,-22} {1,-14} {2,10} {3,7}  {4}", Strings.SegmentColumnSegment, Strings.SegmentColumnGroup, Strings.SegmentColumnCustomers, Strings.SegmentColumnShare, Strings.SegmentColumnName));
        foreach (var (segment, count) in result.Sizes)
        {
            var share = customers == 0 ? 0 : 100.0 * count / customers;
            output.WriteLine(Display.Format("  {0,-22} {1,-14} {2,10:N0} {3,6:F1}%  {4}", segment.Id, segment.ExclusiveGroup ?? string.Empty, count, share, segment.DisplayName()));
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

        output.WriteLine(Display.Format(Strings.ExplainHeader, record.Id, Display.DateTime(context.AsOf, context.Zone), context.Zone.Id));
        output.WriteLine(Display.Format(Strings.ExplainRfm, record.RecencyScore is null ? Strings.ExplainNotScored : $"R{record.RecencyScore} F{record.FrequencyScore} M{record.MonetaryScore}"));
        output.WriteLine(Display.Format(Strings.ExplainValueTier, TierName(record.ValueTier), record.ValueTier?.ToString(Inv) ?? "–", string.Join("; ", tiers.Select(t => t.ToString()).DefaultIfEmpty(Strings.ExplainNoBuyersRanked))));
        output.WriteLine(Display.Format(Strings.ExplainMemberOf, string.Join(", ", explanations.Where(x => x.e.Holds).Select(x => x.s.Id))));
        foreach (var (segment, explanation) in explanations)
        {
            output.WriteLine();
            output.WriteLine($"{segment.Id} — {segment.DisplayName()}: {(explanation.Holds ? Strings.ExplainMember : Strings.ExplainNotMember)}");
            foreach (var line in explanation.Describe().Split(Environment.NewLine))
            {
                output.WriteLine("  " + line);
            }
        }
    }

    private static object Node(Explanation e) => new { holds = e.Holds, reason = e.Reason, children = e.Children.Select(Node) };
}
