using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using CrmKit.Clv.Summaries;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>
/// Model choice by holdout, as the BTYD literature validates its models (Schmittlein &amp; Peterson 1994; Fader, Hardie
/// &amp; Lee 2005, §4): fit each count model on a calibration period, predict each customer's purchases in the holdout
/// period that follows, and compare with what they did. Each model is scored by the per-customer mean absolute error
/// (MAE) and the error of the aggregate holdout purchases, as in the literature, and by the root mean squared error
/// (RMSE), which decides: the models predict each customer's conditional expected purchases, and the conditional
/// expectation is the predictor that minimises squared error, so under the model that generated the data it has the
/// lowest expected RMSE; MAE is minimised by the conditional median instead (0 for most customers), so it rewards a model
/// that under-predicts — on data simulated from BG/NBD it often prefers Pareto/NBD.
/// </summary>
public static class HoldoutValidation
{
    /// <summary>The share of the observed period held out by default: the last 25 %.</summary>
    public const double DefaultHoldoutShare = 0.25;

    /// <summary>
    /// The default calibration end: the last <see cref="DefaultHoldoutShare"/> of the period from the first purchase to
    /// <paramref name="observationEnd"/> is held out, but at least one purchase cycle (the median gap between a
    /// customer's purchase days) so that the holdout can contain repeat purchases at all. <see langword="null"/> when the
    /// calibration period would be shorter than the holdout (too short a history to validate on).
    /// </summary>
    /// <param name="firstPurchase">The first purchase day in the data.</param>
    /// <param name="observationEnd">The last day observed.</param>
    /// <param name="purchaseCycleDays">The median days between a customer's consecutive purchase days (0 or less: unknown).</param>
    public static LocalDate? DefaultCalibrationEnd(LocalDate firstPurchase, LocalDate observationEnd, double purchaseCycleDays)
    {
        var days = Period.Between(firstPurchase, observationEnd, PeriodUnits.Days).Days;
        var holdout = (int)Math.Ceiling(Math.Max(days * DefaultHoldoutShare, Math.Max(purchaseCycleDays, 1)));
        return days - holdout >= holdout ? observationEnd.PlusDays(-holdout) : null;
    }

    /// <summary>
    /// Fits each model on the calibration columns of <paramref name="summary"/> (built with
    /// <see cref="RfmOptions.CalibrationEnd"/>, so that it has holdout columns) and scores it on the holdout.
    /// </summary>
    /// <param name="summary">A summary with a holdout period (<see cref="RfmSummary.HoldoutDuration"/> &gt; 0).</param>
    /// <param name="models">The models to compare.</param>
    /// <param name="options">Fit options; defaults when <see langword="null"/>.</param>
    /// <returns>One score per model, in the given order, and the best usable model (lowest root mean squared error, RMSE).</returns>
    /// <exception cref="Customers.InvalidValueException">The summary has no holdout period.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A model is not a defined <see cref="CountModelKind"/>.</exception>
    public static ModelComparison Compare(RfmSummary summary, IEnumerable<CountModelKind> models, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(models);
        if (!(summary.HoldoutDuration > 0))
        {
            throw new Customers.InvalidValueException("summary", "has no holdout period; build it with RfmOptions.CalibrationEnd before the observation end.");
        }

        // The models are fitted on the same summary independently of each other: one per core.
        var kinds = models.ToArray();
        foreach (var kind in kinds)
        {
            CountModels.Get(kind); // an undefined kind fails here, before any fit, not inside a parallel loop
        }

        var fitted = new ModelScore[kinds.Length];
        var failures = new ExceptionDispatchInfo?[kinds.Length];
        Parallel.For(0, kinds.Length, k =>
        {
            try
            {
                fitted[k] = Score(summary, kinds[k], options);
            }
#pragma warning disable CA1031 // rethrown below, unchanged, in the order a loop over the models would have met it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures[k] = ExceptionDispatchInfo.Capture(ex);
            }
        });
        foreach (var failure in failures)
        {
            failure?.Throw();
        }

        var scores = new List<ModelScore>(fitted);

        var usable = scores.Where(s => s.RootMeanSquaredError is not null).OrderBy(s => s.RootMeanSquaredError).ThenBy(s => s.AggregateError).ToList();
        if (usable.Count == 0)
        {
            return new ModelComparison([.. scores], null, "no model could be fitted and used on the calibration period") { HoldoutDuration = summary.HoldoutDuration, Unit = summary.Unit };
        }

        var best = usable[0];
        for (var k = 0; k < scores.Count; k++)
        {
            if (scores[k].SquaredErrors is { } errors)
            {
                scores[k] = scores[k] with { DifferenceStandardError = PairedStandardError(errors, best.SquaredErrors!, best.Weights!) };
            }
        }

        usable = [.. scores.Where(s => s.RootMeanSquaredError is not null).OrderBy(s => s.RootMeanSquaredError).ThenBy(s => s.AggregateError)];
        best = usable[0];
        var inv = CultureInfo.InvariantCulture;
        var comparison = new ModelComparison([.. scores], best.Model, string.Empty) { HoldoutDuration = summary.HoldoutDuration, Unit = summary.Unit };
        string Describe(ModelScore s) => $"{ValueAnalysis.Name(s.Model)} {s.RootMeanSquaredError!.Value.ToString("F4", inv)}{(comparison.IsWithinNoise(s) ? ", within noise" : string.Empty)}";

        var others = usable.Count > 1 ? ", against " + string.Join(", ", usable.Skip(1).Select(Describe)) : string.Empty;
        var reason = $"{ValueAnalysis.Name(best.Model)} predicts the holdout best: lowest root mean squared error of holdout purchases per customer ({best.RootMeanSquaredError!.Value.ToString("F4", inv)}{others}; MAE {best.MeanAbsoluteError!.Value.ToString("F4", inv)}, aggregate error {best.AggregateError?.ToString("P1", inv) ?? "n/a"}) over a holdout of {summary.HoldoutDuration.ToString("G4", inv)} {summary.Unit.ToString().ToLowerInvariant()}s";
        return comparison with { Reason = reason };
    }

    /// <summary>Fits one model on the calibration period and scores it on the holdout.</summary>
    public static ModelScore Score(RfmSummary summary, CountModelKind model, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ICountModel count;
        FitDiagnosis diagnosis;

        // Too few repeat buyers: the fit's diagnosis would reject whatever the optimiser returns, so it is not run (on a
        // small shop's degenerate data the Pareto/NBD optimiser wanders where each likelihood is a numeric integral, and
        // took 45 s for 23 customers). With no repeat buyer at all the fit itself says so, at once.
        var enough = ModelGuard.CheckRepeatBuyers(FitDiagnosis.Usable, summary, ValueAnalysis.Name(model));
        if (!enough.IsUsable && summary.RepeatBuyers().Count > 0)
        {
            return new ModelScore(model, null, null, null, null, string.Join(" ", enough.Problems)) { Problems = enough.Problems };
        }

        try
        {
            var fit = CountModels.Get(model).Fit(summary, options);
            (count, diagnosis) = (fit.Model, fit.Diagnosis);
        }
        catch (FitFailedException ex)
        {
            return new ModelScore(model, null, null, null, null, ex.Message) { Problems = [ex.Problem] };
        }

        if (!diagnosis.IsUsable)
        {
            return new ModelScore(model, null, null, null, null, string.Join(" ", diagnosis.Problems)) { Problems = diagnosis.Problems };
        }

        double absolute = 0, squared = 0, predicted = 0, actual = 0, weight = 0;
        var errors = new double[summary.Count];
        for (var i = 0; i < summary.Count; i++)
        {
            var w = summary.Weight[i];
            var expected = count.ConditionalExpectedPurchases(summary.HoldoutDuration, summary.Frequency[i], summary.Recency[i], summary.Age[i]);
            if (!double.IsFinite(expected) || expected < 0)
            {
                var problem = string.Create(CultureInfo.InvariantCulture, $"the prediction for row {i} is {expected}");
                return new ModelScore(model, null, null, null, null, problem) { Problems = [new ClvProblem(ClvProblemKind.HoldoutPredictionInvalid, problem) { Model = ValueAnalysis.Name(model), Figures = [i, expected] }] };
            }

            absolute += w * Math.Abs(expected - summary.FrequencyHoldout[i]);
            errors[i] = (expected - summary.FrequencyHoldout[i]) * (expected - summary.FrequencyHoldout[i]);
            squared += w * errors[i];
            predicted += w * expected;
            actual += w * summary.FrequencyHoldout[i];
            weight += w;
        }

        var aggregate = actual > 0 ? Math.Abs(predicted - actual) / actual : (double?)null;
        return new ModelScore(model, absolute / weight, aggregate, predicted, actual, null) { FittedModel = count, RootMeanSquaredError = Math.Sqrt(squared / weight), SquaredErrors = errors, Weights = summary.Weight.ToArray() };
    }

    /// <summary>
    /// The validation data of <paramref name="model"/> (fitted on the calibration period) for the cohort of customers
    /// whose first purchase is on or before <paramref name="calibrationEnd"/>: repeat purchase days per period, actual
    /// and expected, up to <paramref name="observationEnd"/>, and holdout purchases by calibration frequency (0 … 6 and
    /// 7 or more). Expected repeat purchases are Σ E[X(t − first purchase)], evaluated once per distinct first-purchase day.
    /// </summary>
    /// <param name="transactions">(customer, day, amount) — amounts are not used; several on one day count as one purchase.</param>
    /// <param name="calibrationEnd">The last day of calibration.</param>
    /// <param name="observationEnd">The last day observed.</param>
    /// <param name="model">The model fitted on the calibration period.</param>
    /// <param name="unit">The unit of the model's times and of the periods.</param>
    public static HoldoutTracking Track(IEnumerable<(string CustomerId, LocalDate Date, double Amount)> transactions, LocalDate calibrationEnd, LocalDate observationEnd, ICountModel model, TimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(model);
        var list = transactions.ToList();
        var days = list.Where(t => t.Date <= observationEnd).GroupBy(t => t.CustomerId).Select(g => g.Select(t => t.Date).Distinct().Order().ToList())
            .Where(d => d[0] <= calibrationEnd).ToList();
        if (days.Count == 0)
        {
            throw new Customers.InvalidValueException("transactions", $"no customer made a first purchase on or before the calibration end {calibrationEnd:uuuu-MM-dd}.");
        }

        var perUnit = TimeUnits.Days(unit);
        var start = days.Min(d => d[0]);
        double Offset(LocalDate day) => Period.Between(start, day, PeriodUnits.Days).Days / perUnit;
        var periods = (int)Math.Floor(Offset(observationEnd)) + 1;
        var actual = new double[periods];
        foreach (var d in days)
        {
            foreach (var day in d.Skip(1))
            {
                actual[(int)Math.Floor(Offset(day))]++;
            }
        }

        // Cumulative expectation at the end of each period (day offsets + 1 day, clipped to the observation end).
        var expectedCumulative = new double[periods];
        foreach (var cohort in days.GroupBy(d => d[0]))
        {
            var first = Offset(cohort.Key);
            var n = cohort.Count();
            for (var k = 0; k < periods; k++)
            {
                var end = Math.Min(k + 1, Offset(observationEnd) + (1 / perUnit));
                if (end > first)
                {
                    expectedCumulative[k] += n * model.ExpectedPurchases(end - first);
                }
            }
        }

        var expected = new double[periods];
        for (var k = 0; k < periods; k++)
        {
            expected[k] = expectedCumulative[k] - (k > 0 ? expectedCumulative[k - 1] : 0);
        }

        var summary = RfmSummaryBuilder.FromUnsorted(list, new RfmOptions { ObservationEnd = observationEnd, CalibrationEnd = calibrationEnd, Unit = unit });
        const int open = 7;
        var groups = ImmutableArray.CreateBuilder<FrequencyGroup>();
        for (var x = 0; x <= open; x++)
        {
            double w = 0, a = 0, e = 0;
            for (var i = 0; i < summary.Count; i++)
            {
                var f = summary.Frequency[i];
                if (x < open ? f == x : f >= open)
                {
                    w += summary.Weight[i];
                    a += summary.Weight[i] * summary.FrequencyHoldout[i];
                    e += summary.Weight[i] * model.ConditionalExpectedPurchases(summary.HoldoutDuration, f, summary.Recency[i], summary.Age[i]);
                }
            }

            if (w > 0)
            {
                groups.Add(new FrequencyGroup(x, x == open, w, a / w, e / w));
            }
        }

        return new HoldoutTracking(model, start, Offset(calibrationEnd) + (1 / perUnit), [.. actual], [.. expected], groups.ToImmutable());
    }

    // Standard error of the weighted mean of the paired differences a_i − b_i.
    private static double PairedStandardError(double[] a, double[] b, double[] weights)
    {
        double n = 0, mean = 0;
        for (var i = 0; i < a.Length; i++)
        {
            n += weights[i];
            mean += weights[i] * (a[i] - b[i]);
        }

        mean /= n;
        var variance = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i] - mean;
            variance += weights[i] * d * d;
        }

        return n > 1 ? Math.Sqrt(variance / (n - 1) / n) : double.NaN;
    }
}
