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

/// <summary>Fits the configured CLV models over customers' completed orders and predicts per customer.</summary>
public sealed class CustomerValueService(IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<CustomerValueService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CustomerValueService>.Instance;

    /// <summary>Runs <see cref="ValueAnalysis"/> as of <paramref name="asOf"/> (the clock's now when <see langword="null"/>).</summary>
    public ValueAnalysisResult Analyse(IReadOnlyList<Customer> customers, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        var result = ValueAnalysis.Run(customers, asOf ?? clock.GetCurrentInstant(), settings.Zone, settings.Clv.ToAnalysisOptions());
        metrics.ClvFits.Add(1, new KeyValuePair<string, object?>("outcome", result.Count is null ? "failed" : "fitted"));
        if (result.Count is null)
        {
            Log.ClvFailed(_logger, [.. result.Problems.Select(p => p.Message)]);
        }
        else
        {
            var model = ValueAnalysis.Name(result.Model);
            var milliseconds = watch.Elapsed.TotalMilliseconds;
            Log.ClvFitted(_logger, model, result.Predictions.Length, milliseconds);
        }

        return result;
    }
}
