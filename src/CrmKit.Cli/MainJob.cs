using System.Collections.Immutable;
using System.Diagnostics;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Review;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>What <c>crmkit run</c> is asked to do.</summary>
internal sealed record MainJobSettings
{
    /// <summary>The input files.</summary>
    public required CustomerFiles Files { get; init; }

    /// <summary>What the summary calls the input (a folder or the customers file).</summary>
    public required string Source { get; init; }

    /// <summary>The as-of date (YYYY-MM-DD), or <see langword="null"/> for the instant of the last order.</summary>
    public string? AsOf { get; init; }

    /// <summary>The shop's zone.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>The length of the review period that ends at the as-of instant.</summary>
    public int ReviewDays { get; init; } = 90;

    /// <summary>The CLV horizon in weeks.</summary>
    public double HorizonWeeks { get; init; } = 52;

    /// <summary>The segment catalogue.</summary>
    public SegmentCatalog Catalog { get; init; } = BuiltInSegments.Catalog;
}

/// <summary>One customer's CLV figures.</summary>
internal sealed record ValuePrediction(string CustomerId, int Frequency, double Recency, double Age, double MonetaryValue, double ProbabilityAlive, double ExpectedPurchases, double? Value);

/// <summary>The fitted CLV models and the predictions, or why there are none.</summary>
internal sealed record ClvOutcome(
    string CountModel,
    ICountModel? Count,
    ImmutableArray<ParameterEstimate> CountParameters,
    ImmutableArray<ParameterEstimate> SpendParameters,
    double? FrequencyValueCorrelation,
    RfmSummary? Summary,
    ImmutableArray<ValuePrediction> Predictions,
    ImmutableArray<string> Problems) : ICustomerValueSource
{
    private readonly Dictionary<string, ValuePrediction> _byId = Predictions.IsDefault ? [] : Predictions.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);

    public CustomerValueEstimate? Estimate(CustomerId customer)
        => _byId.TryGetValue(customer.Value, out var p) ? new CustomerValueEstimate(p.ProbabilityAlive, p.ExpectedPurchases, p.Value) : null;
}

/// <summary>Everything <c>crmkit run</c> computed.</summary>
internal sealed record MainJobResult(
    MainJobSettings Settings,
    CustomerDataSet DataSet,
    IReadOnlyList<Customer> Customers,
    int Merged,
    Instant AsOf,
    SegmentationResult Segmentation,
    ClvOutcome Clv,
    IReadOnlyList<AgendaItem> Agenda,
    ReviewFigures Review,
    ImmutableArray<(string Stage, TimeSpan Elapsed)> Stages);

/// <summary>
/// The main job: import, merge duplicates, fit the CLV models and predict, classify segments (CLV tiers included),
/// compute today's care agenda and the review figures of the period that ends at the as-of instant.
/// </summary>
internal static class MainJob
{
    public static MainJobResult Run(MainJobSettings settings, TextWriter error, Action<string>? stage = null)
    {
        var stages = ImmutableArray.CreateBuilder<(string, TimeSpan)>();
        var watch = Stopwatch.StartNew();
        T Step<T>(string name, Func<T> work)
        {
            stage?.Invoke(name);
            var started = watch.Elapsed;
            var result = work();
            stages.Add((name, watch.Elapsed - started));
            return result;
        }

        var dataSet = Step("import", () =>
        {
            var read = CustomerDataSet.Read(settings.Files);
            foreach (var issue in read.Issues)
            {
                error.WriteLine($"rejected: {issue}");
            }

            return read;
        });
        var (customers, merged) = Step("merge duplicates", () => CrmKitCommandLine.Merge(dataSet));
        var zone = settings.Zone;
        var asOf = SegmentCommand.AsOf(settings.AsOf, customers.ToList(), zone);
        var clv = Step("fit CLV models", () => FitClv(customers, asOf, settings));
        var context = new EvaluationContext(asOf, zone);
        var segmentation = Step("classify segments", () => new Segmenter(settings.Catalog).Run(customers, context, clv));
        var subjects = customers.Select(c => CareCommand.Subject(c, segmentation.Memberships[c.Id.Value], zone)).ToList();
        var agenda = new CareAgenda(BuiltInCarePlans.All);
        var today = Step("care agenda", () => agenda.ForPopulation(subjects, asOf, Duration.FromDays(1)));
        var period = new Interval(asOf - Duration.FromDays(settings.ReviewDays) + Duration.Epsilon, asOf + Duration.Epsilon);
        var review = Step("review figures", () =>
        {
            var due = agenda.ForPopulation(subjects, asOf, Duration.FromDays(settings.ReviewDays));
            return ReviewCalculator.Compute(customers, period, new ReviewOptions
            {
                Zone = zone,
                Memberships = segmentation.Memberships,
                DueActions = [.. due],
            });
        });
        return new MainJobResult(settings, dataSet, customers, merged, asOf, segmentation, clv, today, review, stages.ToImmutable());
    }

    /// <summary>BG/NBD and Gamma-Gamma on weekly RFM summaries up to the as-of date; a model that cannot be fitted is reported, not fatal.</summary>
    internal static ClvOutcome FitClv(IReadOnlyList<Customer> customers, Instant asOf, MainJobSettings settings)
    {
        var end = asOf.InZone(settings.Zone).Date;
        var transactions = customers.SelectMany(c => c.History.Orders
            .Where(o => o.IsRevenue && o.PlacedAt <= asOf)
            .Select(o => (c.Id.Value, o.PlacedAt.InZone(c.TimeZone ?? settings.Zone).Date, (double)o.Total.Amount)))
            .ToList();
        const string name = "bg-nbd";
        if (transactions.Count == 0)
        {
            return new ClvOutcome(name, null, [], [], null, null, [], ["no completed orders, so no CLV model can be fitted"]);
        }

        var summary = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = end, Unit = TimeUnit.Week });
        FitResult<BetaGeoModel> count;
        try
        {
            count = BetaGeoModel.Fit(summary);
        }
        catch (FitFailedException ex)
        {
            return new ClvOutcome(name, null, [], [], null, summary, [], [$"BG/NBD: {ex.Message}"]);
        }

        var problems = ImmutableArray.CreateBuilder<string>();
        GammaGammaModel? spend = null;
        var spendParameters = ImmutableArray<ParameterEstimate>.Empty;
        double? correlation = null;
        try
        {
            var fitted = GammaGammaModel.Fit(summary);
            (spend, spendParameters) = (fitted.Model, fitted.Parameters);
            correlation = GammaGammaModel.FrequencyValueCorrelation(summary);
        }
        catch (FitFailedException ex)
        {
            problems.Add($"Gamma-Gamma: {ex.Message}");
        }

        var options = new ClvOptions { Horizon = settings.HorizonWeeks, Margin = 1, DiscountRate = 0.01 };
        var predictions = ImmutableArray.CreateBuilder<ValuePrediction>(summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            var row = summary[i];
            predictions.Add(new ValuePrediction(
                row.CustomerId,
                (int)row.Frequency,
                row.Recency,
                row.Age,
                row.MonetaryValue,
                count.Model.ProbabilityAlive(row.Frequency, row.Recency, row.Age),
                count.Model.ConditionalExpectedPurchases(options.Horizon, row.Frequency, row.Recency, row.Age),
                spend is null ? null : CustomerValue.Discounted(count.Model, spend, row, options)));
        }

        return new ClvOutcome(name, count.Model, count.Parameters, spendParameters, correlation, summary, predictions.MoveToImmutable(), problems.ToImmutable());
    }
}
