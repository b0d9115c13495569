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

    /// <summary>
    /// Leave repeat buyers whose repeat purchases were all free (mean repeat spend 0) out of the Gamma-Gamma fit, which
    /// cannot describe a spend of 0; they are still valued, with the model's conditional spend for their history.
    /// Default <see langword="true"/>: otherwise one free repeat purchase makes the spend fit, and so every
    /// customer's value, fail.
    /// </summary>
    public bool ExcludeZeroSpend { get; init; } = true;

    /// <summary>
    /// Choose the count model by holdout (<see cref="HoldoutValidation"/>): BG/NBD, MBG/NBD and Pareto/NBD are fitted on
    /// the history up to <see cref="HoldoutValidation.DefaultCalibrationEnd"/>, scored on the rest, and the best is
    /// refitted on all of it. <see cref="Model"/> is then used only when no model can be validated. Default
    /// <see langword="false"/>: <see cref="Model"/> is used.
    /// </summary>
    public bool SelectModel { get; init; }
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
    ImmutableArray<string> Problems)
{
    /// <summary>The count model's fit diagnosis (<see langword="null"/> when no fit was attempted).</summary>
    public FitDiagnosis? CountDiagnosis { get; init; }

    /// <summary>The spend model's fit diagnosis (<see langword="null"/> when no fit was attempted).</summary>
    public FitDiagnosis? SpendDiagnosis { get; init; }

    /// <summary>Repeat buyers left out of the spend fit because all their repeat purchases were free (see <see cref="ValueAnalysisOptions.ExcludeZeroSpend"/>).</summary>
    public double ZeroSpendExcluded { get; init; }

    /// <summary>
    /// Why <see cref="CustomerPrediction.Value"/> is <see langword="null"/> for every customer (the spend model failed,
    /// was not usable, or its values were implausible); <see langword="null"/> when values are given.
    /// </summary>
    public string? ValueMissingReason { get; init; }

    /// <summary>The count model used (the chosen one with <see cref="ValueAnalysisOptions.SelectModel"/>).</summary>
    public CountModelKind Model { get; init; }

    /// <summary>The holdout comparison behind the choice, or <see langword="null"/> without <see cref="ValueAnalysisOptions.SelectModel"/>.</summary>
    public ModelComparison? Comparison { get; init; }

    /// <summary>The calibration end of the holdout comparison, or <see langword="null"/>.</summary>
    public LocalDate? CalibrationEnd { get; init; }

    /// <summary>The validation data of the chosen model as fitted on the calibration period (for the standard charts), or <see langword="null"/>.</summary>
    public HoldoutTracking? Tracking { get; init; }

    /// <summary>
    /// The shares of buyers likely still buying — probability alive at least <see cref="ValueAnalysis.LikelyAliveThreshold"/>
    /// — among all buyers, one-time buyers (no repeat purchase day) and repeat buyers (weights counted); null where the
    /// group is empty or no count model was used.
    /// </summary>
    public AliveShares LikelyAlive()
    {
        double all = 0, allAlive = 0, once = 0, onceAlive = 0;
        foreach (var p in Predictions)
        {
            var w = p.Summary.Weight;
            var alive = p.ProbabilityAlive >= ValueAnalysis.LikelyAliveThreshold ? w : 0;
            all += w;
            allAlive += alive;
            if (p.Summary.Frequency == 0)
            {
                once += w;
                onceAlive += alive;
            }
        }

        static double? Share(double part, double whole) => whole > 0 ? part / whole : null;
        return new AliveShares(Share(allAlive, all), Share(onceAlive, once), Share(allAlive - onceAlive, all - once));
    }
}

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
            .Select(o => (Id: c.Id.Value, Date: o.PlacedAt.InZone(c.TimeZone ?? zone).Date, Amount: (double)o.Total.Amount)))
            .ToList();
        if (transactions.Count == 0)
        {
            return Failed(options, null, "no completed orders, so no CLV model can be fitted");
        }

        var observationEnd = asOf.InZone(zone).Date;
        if (options.SelectModel)
        {
            var (comparison, calibrationEnd, why) = Choose(transactions, observationEnd, options);
            var chosen = RunModel(transactions, observationEnd, options with { SelectModel = false, Model = comparison?.Best ?? options.Model });
            var fitted = comparison?.Scores.FirstOrDefault(s => s.Model == comparison.Best)?.FittedModel;
            return chosen with
            {
                Comparison = comparison,
                CalibrationEnd = calibrationEnd,
                Tracking = fitted is null || calibrationEnd is null ? null : HoldoutValidation.Track(transactions, calibrationEnd.Value, observationEnd, fitted, options.Unit),
                Problems = why is null ? chosen.Problems : chosen.Problems.Insert(0, why),
            };
        }

        return RunModel(transactions, observationEnd, options);
    }

    // The holdout comparison of the three count models, or why there is none.
    private static (ModelComparison? Comparison, LocalDate? CalibrationEnd, string? Problem) Choose(List<(string Id, LocalDate Date, double Amount)> transactions, LocalDate observationEnd, ValueAnalysisOptions options)
    {
        var gaps = transactions.GroupBy(t => t.Id).SelectMany(g =>
        {
            var days = g.Select(t => t.Date).Distinct().Order().ToList();
            return days.Zip(days.Skip(1), (a, b) => (double)Period.Between(a, b, PeriodUnits.Days).Days);
        }).Order().ToList();
        var cycle = gaps.Count > 0 ? gaps[gaps.Count / 2] : 0;
        var first = transactions.Min(t => t.Date);
        if (HoldoutValidation.DefaultCalibrationEnd(first, observationEnd, cycle) is not { } calibrationEnd)
        {
            return (null, null, string.Create(Inv, $"Model choice: the history ({first:uuuu-MM-dd} to {observationEnd:uuuu-MM-dd}) is too short to hold out the last 25 % and a purchase cycle of {cycle:G} days, so {Name(options.Model)} is used without validation."));
        }

        var calibration = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = observationEnd, CalibrationEnd = calibrationEnd, Unit = options.Unit });
        var comparison = HoldoutValidation.Compare(calibration, [CountModelKind.BetaGeo, CountModelKind.ModifiedBetaGeo, CountModelKind.ParetoNbd], options.Fit);
        return (comparison, calibrationEnd, comparison.Best is null ? $"Model choice: {comparison.Reason}, so {Name(options.Model)} is tried on all the data." : null);
    }

    private static ValueAnalysisResult RunModel(List<(string Id, LocalDate Date, double Amount)> transactions, LocalDate observationEnd, ValueAnalysisOptions options)
    {
        var summary = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = observationEnd, Unit = options.Unit });
        var name = Name(options.Model);
        ICountModel count;
        ImmutableArray<ParameterEstimate> countParameters;
        FitDiagnosis countDiagnosis;
        var enough = ModelGuard.CheckRepeatBuyers(FitDiagnosis.Usable, summary, name);
        if (!enough.IsUsable && summary.RepeatBuyers().Count > 0)
        {
            // Too few repeat buyers: whatever the optimiser returns would not be used, so it is not run.
            return Failed(options, summary, [.. enough.Problems.Select(p => $"{name} fit not used for predictions: {p}")]) with { CountDiagnosis = enough };
        }

        try
        {
            (count, countParameters, countDiagnosis) = options.Model switch
            {
                CountModelKind.ModifiedBetaGeo => Fitted(ModifiedBetaGeoModel.Fit(summary, options.Fit)),
                CountModelKind.ParetoNbd => Fitted(ParetoNbdModel.Fit(summary, options.Fit)),
                _ => Fitted(BetaGeoModel.Fit(summary, options.Fit)),
            };
        }
        catch (FitFailedException ex)
        {
            return Failed(options, summary, $"{name}: {ex.Message}");
        }

        if (!countDiagnosis.IsUsable)
        {
            return Failed(options, summary, [.. countDiagnosis.Problems.Select(p => $"{name} fit not used for predictions: {p}")]) with { CountDiagnosis = countDiagnosis };
        }

        var problems = ImmutableArray.CreateBuilder<string>();
        GammaGammaModel? spend = null;
        var spendParameters = ImmutableArray<ParameterEstimate>.Empty;
        FitDiagnosis? spendDiagnosis = null;
        double? correlation = null;
        string? valueMissing = null;
        var spendData = options.ExcludeZeroSpend ? summary.RepeatBuyersWithSpend() : summary;
        var excluded = options.ExcludeZeroSpend ? summary.RepeatBuyers().CustomerCount - spendData.CustomerCount : 0;
        try
        {
            var fitted = GammaGammaModel.Fit(spendData, options.Fit);
            spendDiagnosis = fitted.Diagnosis;
            spendParameters = fitted.Parameters;
            correlation = GammaGammaModel.FrequencyValueCorrelation(summary);
            if (fitted.Diagnosis.IsUsable)
            {
                spend = fitted.Model;
            }
            else
            {
                problems.AddRange(fitted.Diagnosis.Problems.Select(p => $"Gamma-Gamma fit not used for values: {p}"));
                valueMissing = "the spend model (Gamma-Gamma) is not usable on these data: " + fitted.Diagnosis.Problems[0];
            }
        }
        catch (FitFailedException ex)
        {
            problems.Add($"Gamma-Gamma: {ex.Message}");
            valueMissing = "the spend model (Gamma-Gamma) could not be fitted: " + ex.Message;
        }

        var value = options.Value;

        // Each row's prediction depends only on the row and the fitted models, so ranges of rows run on every core;
        // the first failing row (in row order, as a loop would meet it) is the one reported.
        var predicted = new CustomerPrediction[summary.Count];
        var (failedRow, error, failureLock) = (int.MaxValue, (Exception?)null, new Lock());
        PerCustomer.For(summary.Count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var row = summary[i];
                try
                {
                    var alive = count.ProbabilityAlive(row.Frequency, row.Recency, row.Age);
                    var expected = count.ConditionalExpectedPurchases(value.Horizon, row.Frequency, row.Recency, row.Age);
                    if (!(alive is >= 0 and <= 1) || !(expected >= 0) || !double.IsFinite(expected))
                    {
                        throw new ArithmeticException(string.Create(Inv, $"probability alive {alive}, expected purchases {expected}"));
                    }

                    predicted[i] = new CustomerPrediction(row, alive, expected, spend is null ? null : CustomerValue.Discounted(count, spend, row, value));
                }
                catch (Exception ex) when (ex is ArithmeticException or InvalidValueException)
                {
                    lock (failureLock)
                    {
                        (failedRow, error) = i < failedRow ? (i, ex) : (failedRow, error);
                    }

                    return;
                }
            }
        });
        if (error is not null)
        {
            // A fit at the edge of the parameter space can make a prediction's special function fail; say so
            // rather than return some predictions silently.
            var row = summary[failedRow];
            return Failed(options, summary, string.Create(Inv, $"{name}: the prediction for row {failedRow} (x = {row.Frequency}, t_x = {row.Recency}, T = {row.Age}) failed: {error.Message} What to do: report it with these values; no predictions are given.")) with { CountDiagnosis = countDiagnosis, SpendDiagnosis = spendDiagnosis };
        }

        var predictions = ImmutableArray.Create(predicted);

        var result = new ValueAnalysisResult(options, summary, count, countParameters, spend, spendParameters, correlation, predictions, problems.ToImmutable())
        {
            CountDiagnosis = countDiagnosis,
            SpendDiagnosis = spendDiagnosis,
            ZeroSpendExcluded = excluded,
            ValueMissingReason = valueMissing,
            Model = options.Model,
        };
        return CheckPlausibility(result, name);
    }

    /// <summary>
    /// How many times the customers' own history a prediction may exceed before it is called implausible: 10. BTYD
    /// models assume each customer buys at a constant rate until dropping out, so the expected future purchases (and
    /// spend) of a customer base cannot exceed its historical repeat-purchase rate (and repeat spend rate) over the same
    /// horizon by much; a fit predicting ten times as much has latched onto something other than the data.
    /// </summary>
    public const double PlausibilityFactor = 10;

    /// <summary>
    /// The probability alive from which a customer counts as "likely still buying" in headlines: 0.5, i.e. the model
    /// thinks it more likely than not that the customer has not dropped out.
    /// </summary>
    public const double LikelyAliveThreshold = 0.5;

    // Compares the predictions with the history: Σ expected purchases against Σ x_i/T_i × horizon, and Σ value against
    // Σ x_i·m_i/T_i × horizon (repeat purchases and repeat spend per unit of time, the data the models were fitted on).
    internal static ValueAnalysisResult CheckPlausibility(ValueAnalysisResult result, string name)
    {
        var horizon = result.Options.Value.Horizon;
        double historicalPurchases = 0, historicalSpend = 0, predictedPurchases = 0, predictedValue = 0;
        foreach (var p in result.Predictions)
        {
            var row = p.Summary;
            if (row.Age > 0)
            {
                historicalPurchases += row.Weight * row.Frequency / row.Age * horizon;
                historicalSpend += row.Weight * row.Frequency * row.MonetaryValue / row.Age * horizon;
            }

            predictedPurchases += row.Weight * p.ExpectedPurchases;
            predictedValue += row.Weight * (p.Value ?? 0);
        }

        if (predictedPurchases > PlausibilityFactor * historicalPurchases)
        {
            return Failed(result.Options, result.Summary, string.Create(Inv, $"{name} predicts {predictedPurchases:G4} purchases in the next {horizon:G} {Unit(result.Options.Unit)}, more than {PlausibilityFactor:G} times the customers' own repeat purchases at their historical rate ({historicalPurchases:G4}): the fit is implausible and is not used. What to do: use a longer history, or another model (--model).")) with { CountDiagnosis = result.CountDiagnosis, SpendDiagnosis = result.SpendDiagnosis };
        }

        if (result.Spend is not null && predictedValue > PlausibilityFactor * historicalSpend)
        {
            var reason = string.Create(Inv, $"the predicted value ({predictedValue:G4} in {horizon:G} {Unit(result.Options.Unit)}) is more than {PlausibilityFactor:G} times the customers' own repeat spend at their historical rate ({historicalSpend:G4}), so the spend model's values are implausible and are not given");
            return result with
            {
                Spend = null,
                Predictions = [.. result.Predictions.Select(p => p with { Value = null })],
                Problems = result.Problems.Add($"Gamma-Gamma: {reason}. What to do: check the spend data for outliers, or value customers by their historical spend."),
                ValueMissingReason = reason,
            };
        }

        return result;
    }

    private static string Unit(TimeUnit unit) => unit.ToString().ToLowerInvariant() + "s";

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>The literature's name of a count model: BG/NBD, MBG/NBD or Pareto/NBD.</summary>
    public static string Name(CountModelKind model) => model switch
    {
        CountModelKind.ModifiedBetaGeo => "MBG/NBD",
        CountModelKind.ParetoNbd => "Pareto/NBD",
        _ => "BG/NBD",
    };

    private static (ICountModel, ImmutableArray<ParameterEstimate>, FitDiagnosis) Fitted<T>(FitResult<T> fit)
        where T : ICountModel => (fit.Model, fit.Parameters, fit.Diagnosis);

    private static ValueAnalysisResult Failed(ValueAnalysisOptions options, RfmSummary? summary, params ImmutableArray<string> problems)
        => new(options, summary, null, [], null, [], null, [], problems) { ValueMissingReason = "no count model could be used", Model = options.Model };
}
