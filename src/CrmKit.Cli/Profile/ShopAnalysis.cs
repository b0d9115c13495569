using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Profile;

/// <summary>
/// A shop classified as <c>crmkit run</c> classifies it, without the agenda, review and engine stages: duplicates
/// merged, the CLV model fitted on the whole shop (<see cref="MainJob.ClvOptions"/>) and every customer's segments at
/// the as-of instant. The base of <c>crmkit customer</c> and <c>crmkit segment --members</c>, so that both show the
/// memberships and values the report shows.
/// </summary>
/// <param name="Settings">What was asked (zone, catalogue, CLV model, merge policy).</param>
/// <param name="Customers">The merged customers.</param>
/// <param name="Clv">The CLV fit and every buyer's prediction.</param>
/// <param name="Records">Each customer's record as the segment rules read it (in <paramref name="Customers"/>' order).</param>
/// <param name="Segmentation">Every customer's segments, the RFM and value tier thresholds.</param>
internal sealed record ShopAnalysis(
    MainJobSettings Settings,
    IReadOnlyList<Customer> Customers,
    ValueAnalysisResult Clv,
    IReadOnlyList<CustomerRecord> Records,
    SegmentationResult Segmentation)
{
    private Dictionary<string, CustomerRecord>? _records;

    /// <summary>The instant and zone the rules were evaluated at.</summary>
    public EvaluationContext Context => Segmentation.Context;

    /// <summary>The as-of instant.</summary>
    public Instant AsOf => Context.AsOf;

    /// <summary>The record of <paramref name="id"/>.</summary>
    public CustomerRecord Record(CustomerId id)
        => (_records ??= Records.ToDictionary(r => r.Id, StringComparer.Ordinal))[id.Value];

    /// <summary>The segments of <paramref name="id"/>, in catalogue order.</summary>
    public IEnumerable<Segment> SegmentsOf(CustomerId id)
        => Settings.Catalog.Segments.Where(s => Segmentation.Memberships[id].Contains(s.Id));

    /// <summary>Merges, fits the CLV model and classifies <paramref name="dataSet"/> under <paramref name="settings"/>.</summary>
    /// <remarks>Reports its stages (<c>merge duplicates</c>, <c>fit CLV models</c>, <c>classify segments</c>) on <paramref name="progress"/>, as <c>crmkit run</c> does.</remarks>
    /// <param name="settings">What was asked.</param>
    /// <param name="dataSet">The shop read.</param>
    /// <param name="progress">Where the stages are shown, if anywhere.</param>
    /// <param name="warnings">Where a warning about the as-of day goes (<see cref="MainJob.AsOf"/>), if anywhere.</param>
    public static ShopAnalysis Run(MainJobSettings settings, CustomerDataSet dataSet, Progress? progress = null, TextWriter? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(dataSet);
        progress?.Stage("merge duplicates");
        var (customers, _) = CustomerLoading.Merge(dataSet, settings.Merge);
        var asOf = MainJob.AsOf(settings, dataSet, customers, warnings);
        progress?.Stage("fit CLV models");
        var clv = ValueAnalysis.Run(customers, asOf, settings.Zone, MainJob.ClvOptions(settings));
        progress?.Stage("classify segments");
        var context = new EvaluationContext(asOf, settings.Zone);
        var segmenter = new Segmenter(settings.Catalog);
        var (records, thresholds, tiers) = segmenter.Prepare(customers, context, clv.Estimates());
        var segmentation = segmenter.Classify(records, thresholds, context) with { ValueTiers = tiers };
        return new ShopAnalysis(settings, customers, clv, records, segmentation);
    }
}
