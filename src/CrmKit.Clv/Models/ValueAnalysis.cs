using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

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
            return Failed(options, null, new ClvProblem(ClvProblemKind.NoOrders, "no completed orders, so no CLV model can be fitted"));
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
    private static (ModelComparison? Comparison, LocalDate? CalibrationEnd, ClvProblem? Problem) Choose(List<(string Id, LocalDate Date, double Amount)> transactions, LocalDate observationEnd, ValueAnalysisOptions options)
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
            return (null, null, new ClvProblem(ClvProblemKind.HistoryTooShort, string.Create(Inv, $"Model choice: the history ({first:uuuu-MM-dd} to {observationEnd:uuuu-MM-dd}) is too short to hold out the last 25 % and a purchase cycle of {cycle:G} days, so {Name(options.Model)} is used without validation."))
            {
                Model = Name(options.Model), History = new DateInterval(first, observationEnd), Figures = [cycle],
            });
        }

        var calibration = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = observationEnd, CalibrationEnd = calibrationEnd, Unit = options.Unit });
        var comparison = HoldoutValidation.Compare(calibration, CountModels.All.Select(m => m.Kind), options.Fit);
        return (comparison, calibrationEnd, comparison.Best is null ? new ClvProblem(ClvProblemKind.NoModelForChoice, $"Model choice: {comparison.Reason}, so {Name(options.Model)} is tried on all the data.") { Model = Name(options.Model) } : null);
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
            return Failed(options, summary, [.. enough.Problems.Select(p => NotUsed(name, p))]) with { CountDiagnosis = enough };
        }

        try
        {
            var fit = CountModels.Get(options.Model).Fit(summary, options.Fit);
            (count, countParameters, countDiagnosis) = (fit.Model, fit.Parameters, fit.Diagnosis);
        }
        catch (FitFailedException ex)
        {
            return Failed(options, summary, new ClvProblem(ClvProblemKind.CountFitFailed, $"{name}: {ex.Message}") { Model = name, Cause = ex.Problem });
        }

        if (!countDiagnosis.IsUsable)
        {
            return Failed(options, summary, [.. countDiagnosis.Problems.Select(p => NotUsed(name, p))]) with { CountDiagnosis = countDiagnosis };
        }

        var problems = ImmutableArray.CreateBuilder<ClvProblem>();
        GammaGammaModel? spend = null;
        var spendParameters = ImmutableArray<ParameterEstimate>.Empty;
        FitDiagnosis? spendDiagnosis = null;
        double? correlation = null;
        ClvProblem? valueMissing = null;
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
                problems.AddRange(fitted.Diagnosis.Problems.Select(p => new ClvProblem(ClvProblemKind.SpendFitNotUsed, $"Gamma-Gamma fit not used for values: {p}") { Model = GammaGamma, Cause = p }));
                valueMissing = new ClvProblem(ClvProblemKind.SpendNotUsable, "the spend model (Gamma-Gamma) is not usable on these data: " + fitted.Diagnosis.Problems[0]) { Model = GammaGamma, Cause = fitted.Diagnosis.Problems[0] };
            }
        }
        catch (FitFailedException ex)
        {
            problems.Add(new ClvProblem(ClvProblemKind.SpendFitFailed, $"Gamma-Gamma: {ex.Message}") { Model = GammaGamma, Cause = ex.Problem });
            valueMissing = new ClvProblem(ClvProblemKind.SpendNotFitted, "the spend model (Gamma-Gamma) could not be fitted: " + ex.Message) { Model = GammaGamma, Cause = ex.Problem };
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

                    predicted[i] = new CustomerPrediction(new CustomerId(row.CustomerId), row, alive, expected, spend is null ? null : CustomerValue.Discounted(count, spend, row, value));
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
            var failed = new ClvProblem(ClvProblemKind.PredictionFailed, string.Create(Inv, $"{name}: the prediction for row {failedRow} (x = {row.Frequency}, t_x = {row.Recency}, T = {row.Age}) failed: {error.Message} What to do: report it with these values; no predictions are given."))
            {
                Model = name, Figures = [failedRow, row.Frequency, row.Recency, row.Age], Detail = error.Message,
            };
            return Failed(options, summary, failed) with { CountDiagnosis = countDiagnosis, SpendDiagnosis = spendDiagnosis };
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
            var implausible = new ClvProblem(ClvProblemKind.ImplausiblePurchases, string.Create(Inv, $"{name} predicts {predictedPurchases:G4} purchases in the next {horizon:G} {Unit(result.Options.Unit)}, more than {PlausibilityFactor:G} times the customers' own repeat purchases at their historical rate ({historicalPurchases:G4}): the fit is implausible and is not used. What to do: use a longer history, or another model (--model)."))
            {
                Model = name, Unit = result.Options.Unit, Figures = [predictedPurchases, horizon, PlausibilityFactor, historicalPurchases],
            };
            return Failed(result.Options, result.Summary, implausible) with { CountDiagnosis = result.CountDiagnosis, SpendDiagnosis = result.SpendDiagnosis };
        }

        if (result.Spend is not null && predictedValue > PlausibilityFactor * historicalSpend)
        {
            var reason = string.Create(Inv, $"the predicted value ({predictedValue:G4} in {horizon:G} {Unit(result.Options.Unit)}) is more than {PlausibilityFactor:G} times the customers' own repeat spend at their historical rate ({historicalSpend:G4}), so the spend model's values are implausible and are not given");
            var implausible = new ClvProblem(ClvProblemKind.ImplausibleValues, $"Gamma-Gamma: {reason}. What to do: check the spend data for outliers, or value customers by their historical spend.")
            {
                Model = GammaGamma, Unit = result.Options.Unit, Figures = [predictedValue, horizon, PlausibilityFactor, historicalSpend],
            };
            return result with
            {
                Spend = null,
                Predictions = [.. result.Predictions.Select(p => p with { Value = null })],
                Problems = result.Problems.Add(implausible),
                ValueMissingReason = implausible with { Kind = ClvProblemKind.ValuesImplausible, Message = reason },
            };
        }

        return result;
    }

    private static string Unit(TimeUnit unit) => unit.ToString().ToLowerInvariant() + "s";

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>The literature's name of a count model (its <see cref="CountModelDescriptor.DisplayName"/>): BG/NBD, MBG/NBD or Pareto/NBD.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not a defined <see cref="CountModelKind"/>.</exception>
    public static string Name(CountModelKind model) => CountModels.Get(model).DisplayName;

    private static ValueAnalysisResult Failed(ValueAnalysisOptions options, RfmSummary? summary, params ImmutableArray<ClvProblem> problems)
        => new(options, summary, null, [], null, [], null, [], problems) { ValueMissingReason = NoCountModel, Model = options.Model };

    private static readonly ClvProblem NoCountModel = new(ClvProblemKind.NoCountModel, "no count model could be used");

    private const string GammaGamma = "Gamma-Gamma";

    // "BG/NBD fit not used for predictions: …" around one problem of the count model's diagnosis.
    private static ClvProblem NotUsed(string model, ClvProblem problem)
        => new(ClvProblemKind.CountFitNotUsed, $"{model} fit not used for predictions: {problem}") { Model = model, Cause = problem };
}
