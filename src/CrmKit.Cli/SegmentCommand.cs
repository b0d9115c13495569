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
        var data = new ShopDataOptions();
        var segments = new Option<FileInfo>("--segments") { Description = Strings.HelpSegmentCatalogue };
        var json = new Option<bool>("--json") { Description = Strings.HelpSegmentJson };
        var explain = new Option<string>("--explain") { Description = Strings.HelpSegmentExplain };
        var command = new Command("segment", Strings.HelpSegmentCommand)
        {
            segments, json, explain,
        };
        data.AddTo(command);
        var members = new Profile.SegmentMembers();
        members.AddTo(command);
        command.SetAction(parsed =>
        {
            var settings = data.Settings(parsed);
            var catalog = parsed.GetValue(segments) is { } file ? ReadCatalog(file) : BuiltInSegments.Catalog;
            settings = settings with { Catalog = catalog };
            var listing = members.Requested(parsed, catalog);
            // Classified as 'crmkit run' classifies: the same import, merge, as-of instant and CLV fit (the CLV-based
            // segments and value tiers read the predictions), so the sizes here are the report's.
            var (read, shop) = Progress.Show(error, parsed.GetValue(json), (progress, warnings) =>
            {
                var read = data.Read(parsed, settings, warnings, progress);
                if (!read.Verdict.Usable)
                {
                    return (read, (Profile.ShopAnalysis?)null);
                }

                return (read, Profile.ShopAnalysis.Run(settings, read.DataSet, progress, warnings));
            });
            if (shop is null)
            {
                read.Verdict.Write(error);
                return CrmKitCommandLine.BadInput;
            }

            if (listing)
            {
                members.Write(parsed, shop, output, error);
                read.Verdict.Write(error);
                return read.Verdict.ExitCode;
            }

            var (customers, context, result) = (shop.Customers, shop.Context, shop.Segmentation);
            var tiers = result.ValueTiers;
            if (parsed.GetValue(explain) is { } id)
            {
                var customer = CustomerLoading.Find(customers, id);
                if (CustomerLoading.MergedNote(customer, id) is { } note)
                {
                    error.WriteLine($"crmkit: {note}");
                }

                Explain(output, catalog, shop.Record(customer.Id), context, parsed.GetValue(json), tiers);
                read.Verdict.Write(error);
                return read.Verdict.ExitCode;
            }

            var thresholds = result.Thresholds;
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    asOf = context.AsOf.ToString(),
                    zone = context.Zone.Id,
                    customers = customers.Count,
                    rfm = RfmJson(thresholds),
                    valueTiers = tiers.Select(Json),
                    segments = result.Sizes.Select(s => new { id = s.Segment.Id, name = s.Segment.Name.Invariant(), group = s.Segment.ExclusiveGroup, customers = s.Customers }),
                }, Indented));
            }
            else
            {
                WriteTable(output, result, customers.Count);
                foreach (var tier in tiers)
                {
                    output.WriteLine(Display.Format(Strings.SegmentValueTiers, SegmentationText.TiersLine(tier)));
                }
            }

            read.Verdict.Write(error);
            return read.Verdict.ExitCode;
        });
        return command;
    }

    private static SegmentCatalog ReadCatalog(FileInfo file)
    {
        InputFiles.Existing(file, "--segments", Display.Format(Strings.SegmentCatalogueMissing, file.FullName));

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
        output.WriteLine(Display.Format(Strings.SegmentRfmThresholds, SegmentationText.RfmLine(result.Thresholds, SegmentationText.ShopCurrency(result.ValueTiers))));
        foreach (var note in result.Thresholds.Notes)
        {
            output.WriteLine(Display.Format(Strings.SegmentRfmNote, SegmentationText.RfmNote(note)));
        }
        output.WriteLine();
        // Columns aligned by what a terminal shows (Display.Pad); the group in the language's words (DisplayNames.GroupName).
        var idWidth = Display.Widest(result.Sizes.Select(s => s.Segment.Id).Append(Strings.SegmentColumnSegment), 22);
        var groupWidth = Display.Widest(result.Sizes.Select(s => DisplayNames.GroupName(s.Segment.ExclusiveGroup)).Append(Strings.SegmentColumnGroup), 14);
        output.WriteLine(Display.Format("  {0} {1} {2,10} {3,7}  {4}", Display.Pad(Strings.SegmentColumnSegment, idWidth), Display.Pad(Strings.SegmentColumnGroup, groupWidth), Strings.SegmentColumnCustomers, Strings.SegmentColumnShare, Strings.SegmentColumnName));
        foreach (var (segment, count) in result.Sizes)
        {
            var share = customers == 0 ? 0 : 100.0 * count / customers;
            output.WriteLine(Display.Format("  {0} {1} {2,10:N0} {3,6:F1}{5}  {4}", Display.Pad(segment.Id, idWidth), Display.Pad(DisplayNames.GroupName(segment.ExclusiveGroup), groupWidth), count, share, segment.DisplayName(), Display.PercentSign));
        }
    }

    /// <summary>The JSON of RFM thresholds: a bound nobody reaches is null; notes on degenerate dimensions.</summary>
    internal static object RfmJson(RfmThresholds thresholds) => new
    {
        recencyDays = thresholds.Recency.Select(r => r == RfmThresholds.Unreachable ? (long?)null : r),
        frequency = thresholds.Frequency.Select(f => f == RfmThresholds.UnreachableAmount ? (decimal?)null : f),
        monetary = thresholds.Monetary.Select(m => m == RfmThresholds.UnreachableAmount ? (decimal?)null : m),
        notes = thresholds.Notes.Select(n => n.Message),
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
        output.WriteLine(Display.Format(Strings.ExplainValueTier, TierName(record.ValueTier), record.ValueTier?.ToString(Inv) ?? "–", Display.Clauses(tiers.Select(SegmentationText.TiersLine).DefaultIfEmpty(Strings.ExplainNoBuyersRanked))));
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
