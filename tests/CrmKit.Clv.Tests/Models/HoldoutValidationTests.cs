using System.Globalization;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class HoldoutValidationTests
{
    private static RfmSummary CdnowSampleWithHoldout()
    {
        // CDNOW_sample.txt: id_master id_sample date cds value (no header); calibration to 1997-09-30 as in FHL 2005.
        var transactions = File.ReadAllLines(SharedData.File("CDNOW_sample.txt")).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[1], LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)), double.Parse(f[4], CultureInfo.InvariantCulture)));
        return RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = new LocalDate(1998, 6, 30), CalibrationEnd = new LocalDate(1997, 9, 30) });
    }

    [Fact]
    public void Compare_CdnowSample_ScoresEveryModelAndPicksTheLowestError()
    {
        var summary = CdnowSampleWithHoldout();

        var comparison = HoldoutValidation.Compare(summary, [CountModelKind.BetaGeo, CountModelKind.ModifiedBetaGeo, CountModelKind.ParetoNbd]);

        Assert.Equal(3, comparison.Scores.Length);
        Assert.All(comparison.Scores, s => Assert.Null(s.Problem));

        // The holdout total, counted here straight from the file: purchase days after 1997-09-30 (same-day purchases
        // merged) of the 2,357 customers, all of whom first bought in the calibration period.
        var days = File.ReadAllLines(SharedData.File("CDNOW_sample.txt")).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => string.CompareOrdinal(f[2], "19970930") > 0)
            .Select(f => (f[1], f[2])).Distinct().Count();
        Assert.All(comparison.Scores, s => Assert.Equal(days, s.ActualPurchases));
        Assert.All(comparison.Scores, s => Assert.Equal(Math.Abs(s.PredictedPurchases!.Value - days) / days, s.AggregateError!.Value, 12));
        var best = comparison.Scores.MinBy(s => s.RootMeanSquaredError)!;
        Assert.Equal(0, best.DifferenceStandardError);
        Assert.Equal(best.Model, comparison.Best);
        Assert.StartsWith($"{ValueAnalysis.Name(best.Model)} predicts the holdout best: lowest root mean squared error of holdout purchases per customer", comparison.Reason, StringComparison.Ordinal);

        // The holdout a host renders the reason from: 1997-10-01 .. 1998-06-30 is 273 days = 39 weeks (the default unit).
        Assert.Equal(39, comparison.HoldoutDuration, 12);
        Assert.Equal(TimeUnit.Week, comparison.Unit);
        Assert.EndsWith(" over a holdout of 39 weeks", comparison.Reason, StringComparison.Ordinal);

    }

    [Fact]
    public void Compare_SmallShopWithThirteenRepeatBuyers_ScoresNoModelAndSaysWhy()
    {
        // 23 customers, the first 13 of them buying again within the calibration period, everyone buying once more in
        // the holdout: too few repeat buyers for any model (at least FitDiagnosis.MinimumRepeatBuyers), so no score is
        // usable, and each says why with the repeat-buyer count. (The Pareto/NBD fit, which would be rejected for the
        // same reason, ran 45 s on such a shop before the check came first.)
        var start = new LocalDate(2026, 1, 5);
        var transactions = new List<(string, LocalDate, double)>();
        for (var i = 0; i < 23; i++)
        {
            var id = $"KH{i:D3}";
            transactions.Add((id, start.PlusDays(i), 1_250_000));
            if (i < 13)
            {
                transactions.Add((id, start.PlusDays(40 + (3 * i)), 890_000));
            }

            transactions.Add((id, new LocalDate(2026, 9, 1).PlusDays(i), 450_000));
        }

        var summary = RfmSummaryBuilder.FromUnsorted(transactions, new RfmOptions { ObservationEnd = new LocalDate(2026, 11, 30), CalibrationEnd = new LocalDate(2026, 7, 31) });

        var comparison = HoldoutValidation.Compare(summary, [CountModelKind.BetaGeo, CountModelKind.ModifiedBetaGeo, CountModelKind.ParetoNbd]);

        Assert.Null(comparison.Best);
        Assert.Equal(3, comparison.Scores.Length);
        Assert.All(comparison.Scores, s =>
        {
            Assert.Null(s.RootMeanSquaredError);
            Assert.Null(s.FittedModel);
            var few = Assert.Single(s.Problems, p => p.Kind == ClvProblemKind.TooFewRepeatBuyers);
            Assert.Equal(ValueAnalysis.Name(s.Model), few.Model);
            Assert.Equal(new double[] { 13, FitDiagnosis.MinimumRepeatBuyers }, few.Figures.AsEnumerable());
        });
    }

    [Fact]
    public void Track_CdnowSample_AddsUpToTheSummaryAndTheModelsExpectations()
    {
        var transactions = File.ReadAllLines(SharedData.File("CDNOW_sample.txt")).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[1], LocalDate.FromDateTime(DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)), 0.0)).ToList();
        var summary = CdnowSampleWithHoldout();
        var model = new BetaGeoModel(0.242593, 4.413532, 0.792886, 2.425754);

        var tracking = HoldoutValidation.Track(transactions, new LocalDate(1997, 9, 30), new LocalDate(1998, 6, 30), model, TimeUnit.Week);

        // Every repeat purchase day is in one period: calibration repeats plus holdout purchases of the summary.
        var repeats = 0.0;
        for (var i = 0; i < summary.Count; i++)
        {
            repeats += summary.Frequency[i] + summary.FrequencyHoldout[i];
        }

        Assert.Equal(repeats, tracking.ActualRepeatPurchases.Sum());
        Assert.Equal(new LocalDate(1997, 1, 1), tracking.Start);

        // The expected total is Σ over customers of E[X(t)] from each first purchase to the end of 1998-06-30.
        var firsts = transactions.GroupBy(t => t.Item1).Select(g => g.Min(t => t.Item2)).ToList();
        var end = new LocalDate(1998, 7, 1);
        var expected = firsts.Sum(f => model.ExpectedPurchases(Period.Between(f, end, PeriodUnits.Days).Days / 7.0));
        Assert.Equal(expected, tracking.ExpectedRepeatPurchases.Sum(), expected * 1e-9);

        // Frequency groups: the customers without calibration repeats, and their mean holdout purchases.
        var zero = tracking.ByCalibrationFrequency[0];
        var zeros = Enumerable.Range(0, summary.Count).Where(i => summary.Frequency[i] == 0).ToList();
        Assert.Equal(zeros.Count, zero.Customers);
        Assert.Equal(zeros.Average(i => summary.FrequencyHoldout[i]), zero.ActualHoldout, 12);
        Assert.True(tracking.ByCalibrationFrequency[^1].AndAbove);
    }

    [Fact]
    public void Compare_NoHoldout_ThrowsClearError()
    {
        var (summary, _, _) = ReferenceData.CdnowSummary();
        var error = Assert.Throws<InvalidValueException>(() => HoldoutValidation.Compare(summary, [CountModelKind.BetaGeo]));
        Assert.Contains("has no holdout period; build it with RfmOptions.CalibrationEnd before the observation end.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, 7, 300)] // 25 % of 400 days = 100 > a week
    [InlineData(400, 150, 250)] // one purchase cycle (150 days) > 25 %
    public void DefaultCalibrationEnd_HoldsOutTheLargerOfAQuarterAndACycle(int days, double cycle, int calibrationDays)
    {
        var first = new LocalDate(2025, 1, 1);
        Assert.Equal(first.PlusDays(calibrationDays), HoldoutValidation.DefaultCalibrationEnd(first, first.PlusDays(days), cycle));
    }

    [Fact]
    public void DefaultCalibrationEnd_HistoryShorterThanTwoCycles_IsNull()
        => Assert.Null(HoldoutValidation.DefaultCalibrationEnd(new LocalDate(2025, 1, 1), new LocalDate(2025, 3, 1), 40));
}

/// <summary>
/// Issue 16's property: when the data come from model M with enough customers, the holdout comparison picks M, or a
/// model whose holdout error is within noise of M's (BG/NBD and MBG/NBD coincide for many parameters).
/// </summary>
public class HoldoutModelChoicePropertyTests
{
    private static readonly ICountModel[] Truths =
    [
        new BetaGeoModel(0.243, 4.414, 0.793, 2.426),        // CDNOW BG/NBD (FHL 2005)
        new ModifiedBetaGeoModel(0.6, 5.0, 0.6, 0.9),        // many customers gone right after the first purchase
        new ParetoNbdModel(0.55, 10.58, 0.61, 11.67),        // CDNOW Pareto/NBD (Fader, Hardie & Lee 2005b)
    ];

    // Twelve simulated data sets, four from each model, with fixed seeds (1 to 12) so that CI sees the same cases
    // every run; a random seed per run made the one-sided 3σ bound fail spuriously about once in a hundred runs.
    public static TheoryData<int, int> SimulatedCases
    {
        get
        {
            var cases = new TheoryData<int, int>();
            for (var seed = 1; seed <= 12; seed++)
            {
                cases.Add(seed % 3, seed);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(SimulatedCases))]
    public void Compare_DataFromModelM_PicksMOrAModelWithinNoise(int which, int seed)
    {
        {
            var truth = Truths[which];
            var random = new Random(seed);
            var ages = Enumerable.Range(0, 4000).Select(_ => 26 + (26 * random.NextDouble())).ToArray();
            var summary = Simulation.WithHoldout(truth, ages, 26, random);
            var kind = truth switch
            {
                BetaGeoModel => CountModelKind.BetaGeo,
                ModifiedBetaGeoModel => CountModelKind.ModifiedBetaGeo,
                _ => CountModelKind.ParetoNbd,
            };

            var comparison = HoldoutValidation.Compare(summary, [CountModelKind.BetaGeo, CountModelKind.ModifiedBetaGeo, CountModelKind.ParetoNbd]);

            var truthScore = comparison.Scores.Single(s => s.Model == kind);
            var best = comparison.Scores.Single(s => s.Model == comparison.Best);

            // Within noise: the truth's mean squared error exceeds the chosen model's by at most 3 standard errors of
            // the paired per-customer differences (a one-sided 3σ bound: ~0.1 % chance of a false failure per case).
            var excess = (truthScore.RootMeanSquaredError!.Value * truthScore.RootMeanSquaredError.Value) - (best.RootMeanSquaredError!.Value * best.RootMeanSquaredError.Value);
            Assert.True(comparison.Best == kind || excess <= 3 * truthScore.DifferenceStandardError!.Value, $"truth {kind}, chosen {comparison.Best}, excess MSE {excess} (SE {truthScore.DifferenceStandardError}): {comparison.Reason}");
        }
    }
}
