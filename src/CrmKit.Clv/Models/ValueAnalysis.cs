using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>The count models <see cref="ValueAnalysis"/> can fit.</summary>
public enum CountModelKind
{
    /// <summary>BG/NBD (Fader, Hardie and Lee 2005).</summary>
    BetaGeo,

    /// <summary>MBG/NBD (Batislam, Denizel and Filiztekin 2007).</summary>
    ModifiedBetaGeo,

    /// <summary>Pareto/NBD (Schmittlein, Morrison and Colombo 1987).</summary>
    ParetoNbd,
}

/// <summary>How <see cref="ValueAnalysis.Run"/> summarises, fits and predicts.</summary>
public sealed record ValueAnalysisOptions
{
    /// <summary>The count model. Default BG/NBD.</summary>
    public CountModelKind Model { get; init; } = CountModelKind.BetaGeo;

    /// <summary>The time unit of recency, age and the horizon. Default week.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Week;

    /// <summary>Horizon, discounting and margin of the predicted value (horizon in <see cref="Unit"/>).</summary>
    public ClvOptions Value { get; init; } = new();

    /// <summary>Fit options (the L2 penalizer) for both models.</summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;
}

/// <summary>One customer's predictions.</summary>
/// <param name="Summary">The customer's RFM summary.</param>
/// <param name="ProbabilityAlive">The probability that the customer is still active.</param>
/// <param name="ExpectedPurchases">Expected purchases over the horizon.</param>
/// <param name="Value">The discounted value over the horizon, or <see langword="null"/> when Gamma-Gamma could not be fitted.</param>
public sealed record CustomerPrediction(RfmRow Summary, double ProbabilityAlive, double ExpectedPurchases, double? Value)
{
    /// <summary>The customer.</summary>
    public string CustomerId => Summary.CustomerId;
}

/// <summary>The outcome of <see cref="ValueAnalysis.Run"/>: fitted models and per-customer predictions, or why there are none.</summary>
/// <param name="Options">The options used.</param>
/// <param name="Summary">The RFM summary the models were fitted on (<see langword="null"/> without completed orders).</param>
/// <param name="Count">The fitted count model, or <see langword="null"/> when it could not be fitted.</param>
/// <param name="CountParameters">Its parameters with standard errors.</param>
/// <param name="Spend">The fitted Gamma-Gamma model, or <see langword="null"/>.</param>
/// <param name="SpendParameters">Its parameters with standard errors.</param>
/// <param name="FrequencyValueCorrelation">The correlation Gamma-Gamma assumes to be absent (report it; above about 0.3 in size, do not trust the values).</param>
/// <param name="Predictions">One prediction per customer of the summary (empty without a count model).</param>
/// <param name="Problems">Why a model could not be fitted, in words.</param>
public sealed record ValueAnalysisResult(
    ValueAnalysisOptions Options,
    RfmSummary? Summary,
    ICountModel? Count,
    ImmutableArray<ParameterEstimate> CountParameters,
    GammaGammaModel? Spend,
    ImmutableArray<ParameterEstimate> SpendParameters,
    double? FrequencyValueCorrelation,
    ImmutableArray<CustomerPrediction> Predictions,
    ImmutableArray<string> Problems);

/// <summary>
/// The usual CLV pipeline in one call: completed orders up to an instant → RFM summary → count model and
/// Gamma-Gamma fits → probability alive, expected purchases and discounted value per customer. A model that cannot
/// be fitted (nobody repeated, too few customers) is reported in <see cref="ValueAnalysisResult.Problems"/>, not thrown.
/// </summary>
public static class ValueAnalysis
{
    /// <summary>Runs the pipeline over the customers' completed orders placed at or before <paramref name="asOf"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="asOf">The end of observation.</param>
    /// <param name="zone">The zone of customers without their own, for purchase days.</param>
    /// <param name="options">Model, unit, horizon and fit options; defaults when <see langword="null"/>.</param>
    public static ValueAnalysisResult Run(IReadOnlyList<Customer> customers, Instant asOf, DateTimeZone zone, ValueAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(zone);
        options ??= new ValueAnalysisOptions();
        var transactions = customers.SelectMany(c => c.History.Orders
            .Where(o => o.IsRevenue && o.PlacedAt <= asOf)
            .Select(o => (c.Id.Value, o.PlacedAt.InZone(c.TimeZone ?? zone).Date, (double)o.Total.Amount)))
            .ToList();
        if (transactions.Count == 0)
        {
            return Failed(options, null, "no completed orders, so no CLV model can be fitted");
        }

        var summary = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = asOf.InZone(zone).Date, Unit = options.Unit });
        ICountModel count;
        ImmutableArray<ParameterEstimate> countParameters;
        try
        {
            (count, countParameters) = options.Model switch
            {
                CountModelKind.ModifiedBetaGeo => Fitted(ModifiedBetaGeoModel.Fit(summary, options.Fit)),
                CountModelKind.ParetoNbd => Fitted(ParetoNbdModel.Fit(summary, options.Fit)),
                _ => Fitted(BetaGeoModel.Fit(summary, options.Fit)),
            };
        }
        catch (FitFailedException ex)
        {
            return Failed(options, summary, $"{Name(options.Model)}: {ex.Message}");
        }

        var problems = ImmutableArray.CreateBuilder<string>();
        GammaGammaModel? spend = null;
        var spendParameters = ImmutableArray<ParameterEstimate>.Empty;
        double? correlation = null;
        try
        {
            var fitted = GammaGammaModel.Fit(summary, options.Fit);
            (spend, spendParameters) = (fitted.Model, fitted.Parameters);
            correlation = GammaGammaModel.FrequencyValueCorrelation(summary);
        }
        catch (FitFailedException ex)
        {
            problems.Add($"Gamma-Gamma: {ex.Message}");
        }

        var value = options.Value;
        var predictions = ImmutableArray.CreateBuilder<CustomerPrediction>(summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            var row = summary[i];
            try
            {
                predictions.Add(new CustomerPrediction(
                    row,
                    count.ProbabilityAlive(row.Frequency, row.Recency, row.Age),
                    count.ConditionalExpectedPurchases(value.Horizon, row.Frequency, row.Recency, row.Age),
                    spend is null ? null : CustomerValue.Discounted(count, spend, row, value)));
            }
            catch (ArithmeticException ex)
            {
                // A fit at the edge of the parameter space can make a prediction's special function fail; say so
                // rather than return some predictions silently.
                return Failed(options, summary, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name(options.Model)}: the prediction for row {i} (x = {row.Frequency}, t_x = {row.Recency}, T = {row.Age}) failed: {ex.Message}"));
            }
        }

        return new ValueAnalysisResult(options, summary, count, countParameters, spend, spendParameters, correlation, predictions.MoveToImmutable(), problems.ToImmutable());
    }

    /// <summary>The literature's name of a count model: BG/NBD, MBG/NBD or Pareto/NBD.</summary>
    public static string Name(CountModelKind model) => model switch
    {
        CountModelKind.ModifiedBetaGeo => "MBG/NBD",
        CountModelKind.ParetoNbd => "Pareto/NBD",
        _ => "BG/NBD",
    };

    private static (ICountModel, ImmutableArray<ParameterEstimate>) Fitted<T>(FitResult<T> fit)
        where T : ICountModel => (fit.Model, fit.Parameters);

    private static ValueAnalysisResult Failed(ValueAnalysisOptions options, RfmSummary? summary, string problem)
        => new(options, summary, null, [], null, [], null, [], [problem]);
}
