using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// Runs a catalogue over a population: builds each customer's record, scores RFM (quintiles of this population,
/// or the catalogue's fixed thresholds), attaches CLV figures from an <see cref="ICustomerValueSource"/> if
/// given, ranks value tiers relative to the shop (<see cref="ValueTierThresholds"/>), and classifies everyone with
/// the compiled rules.
/// </summary>
/// <param name="catalog">The segments.</param>
/// <param name="compiler">The compiler cache to use (a new one when null).</param>
public sealed class Segmenter(SegmentCatalog catalog, RuleCompiler? compiler = null)
{
    private readonly SegmentClassifier _classifier = new(catalog, compiler);

    /// <summary>The compiled catalogue.</summary>
    public SegmentClassifier Classifier => _classifier;

    /// <summary>The records of a population, with RFM scores, CLV figures and value tiers attached.</summary>
    public (IReadOnlyList<CustomerRecord> Records, RfmThresholds Thresholds, ImmutableArray<ValueTierThresholds> ValueTiers) Prepare(IEnumerable<Customer> customers, EvaluationContext context, ICustomerValueSource? values = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(context);
        var list = customers.ToList();

        // The host's value source is asked in order on this thread (it need not be thread-safe); the records are
        // built on every core.
        var scores = values is null ? null : list.Select(c => values.Estimate(c.Id) is { } v ? new CustomerScores(null, v) : null).ToArray();
        var records = PerCustomer.Map(list.Count, i => CustomerRecord.From(list[i], context.Zone, scores?[i]));
        var thresholds = _classifier.Catalog.Rfm.Fit(records, context);
        thresholds.Apply(records, context);
        var tiers = ValueTierThresholds.Apply(list.Zip(records), context);
        return (records, thresholds, tiers);
    }

    /// <summary>Classifies a population.</summary>
    public SegmentationResult Run(IEnumerable<Customer> customers, EvaluationContext context, ICustomerValueSource? values = null)
    {
        var (records, thresholds, tiers) = Prepare(customers, context, values);
        return Classify(records, thresholds, context) with { ValueTiers = tiers };
    }

    /// <summary>Classifies prepared records.</summary>
    public SegmentationResult Classify(IReadOnlyList<CustomerRecord> records, RfmThresholds thresholds, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(records);

        // Each customer is classified on its own (the compiled rules read only the record and the context), so
        // ranges of customers run on every core; the sizes are sums of integers and the memberships are kept by
        // index, so the result is the same as one loop in order.
        var sizes = new int[_classifier.Count];
        var classified = new SegmentMembership[records.Count];
        var sizesLock = new Lock();
        PerCustomer.For(records.Count, (start, end) =>
        {
            var flags = new bool[_classifier.Count];
            var counted = new int[_classifier.Count];
            for (var r = start; r < end; r++)
            {
                _classifier.Classify(records[r], context, flags);
                for (var i = 0; i < flags.Length; i++)
                {
                    counted[i] += flags[i] ? 1 : 0;
                }

                classified[r] = _classifier.Catalog.Membership(flags);
            }

            lock (sizesLock)
            {
                for (var i = 0; i < sizes.Length; i++)
                {
                    sizes[i] += counted[i];
                }
            }
        });
        var memberships = ImmutableDictionary.CreateBuilder<CustomerId, SegmentMembership>();
        for (var r = 0; r < records.Count; r++)
        {
            memberships[new CustomerId(records[r].Id)] = classified[r];
        }

        return new SegmentationResult(context, thresholds, memberships.ToImmutable(),
            [.. _classifier.Catalog.Segments.Select((s, i) => (s, sizes[i]))]);
    }
}
