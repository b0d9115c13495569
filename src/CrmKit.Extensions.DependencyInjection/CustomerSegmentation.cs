using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>Classifies customers into the configured catalogue's segments, as of the clock's now or a given instant.</summary>
public sealed class CustomerSegmentation(Segmenter segmenter, IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<CustomerSegmentation>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CustomerSegmentation>.Instance;

    /// <summary>The catalogue in use.</summary>
    public SegmentCatalog Catalog => segmenter.Classifier.Catalog;

    /// <summary>Scores RFM over <paramref name="customers"/> and classifies each of them.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="asOf">The evaluation instant; the clock's now when <see langword="null"/>.</param>
    /// <param name="values">CLV figures for the value-tier segments (see <see cref="ValueAnalysisResult.Estimates"/>), if any.</param>
    public SegmentationResult Classify(IReadOnlyList<Customer> customers, Instant? asOf = null, ICustomerValueSource? values = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var watch = Stopwatch.StartNew();
        var result = segmenter.Run(customers, new EvaluationContext(asOf ?? clock.GetCurrentInstant(), options.Value.Zone), values);
        metrics.CustomersClassified.Add(customers.Count);
        metrics.SegmentEvaluations.Add((long)customers.Count * Catalog.Segments.Length);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Log.Classified(_logger, customers.Count, Catalog.Segments.Length, elapsed);
        return result;
    }
}
