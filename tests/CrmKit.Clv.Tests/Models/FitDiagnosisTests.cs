using System.Collections.Immutable;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

/// <summary>Fits that must not be used (issue 16): boundary optima, unidentified parameters, too few repeat buyers, q ≤ 1.</summary>
public class FitDiagnosisTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    // The 7 repeat buyers of issue 16 (frequency, mean repeat spend), on which Gamma-Gamma fits q ≈ 0.644.
    private static RfmSummary SevenRepeatBuyers() => RfmSummary.Create(
        [1, 2, 2, 2, 2, 1, 3],
        [5, 8, 9, 7, 10, 4, 12],
        [20, 20, 20, 20, 20, 20, 20],
        [1.12, 1752.21, 54.54, 55.36, 177.6, 13.2, 3522.79]);

    [Fact]
    public void GammaGammaFit_SevenHeavyTailedBuyers_IsNotUsableAndSaysWhy()
    {
        var fit = GammaGammaModel.Fit(SevenRepeatBuyers());

        Assert.True(fit.Model.Q <= 1, $"q = {fit.Model.Q}");
        Assert.False(fit.Diagnosis.IsUsable);
        Assert.Contains("Gamma-Gamma was fitted on 7 repeat buyers; at least 20 are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again.", fit.Diagnosis.Problems.Select(p => p.Message));
        Assert.Contains(fit.Diagnosis.Problems, p => p.Message.StartsWith("Gamma-Gamma fitted q = ", StringComparison.Ordinal) && p.Message.Contains("≤ 1: the mean spend per purchase is infinite", StringComparison.Ordinal));

        // The same facts as kinds and numbers, for a host that writes them in its own language.
        var few = Assert.Single(fit.Diagnosis.Problems, p => p.Kind == ClvProblemKind.TooFewRepeatBuyers);
        Assert.Equal("Gamma-Gamma", few.Model);
        Assert.Equal(new double[] { 7, FitDiagnosis.MinimumRepeatBuyers }, few.Figures.AsEnumerable()); // as a sequence: ImmutableArray.Equals compares references
        var tail = Assert.Single(fit.Diagnosis.Problems, p => p.Kind == ClvProblemKind.InfiniteMeanSpend);
        Assert.Equal(fit.Model.Q, Assert.Single(tail.Figures));
    }

    [Fact]
    public void ConditionalExpectedSpend_QBelowOne_IsInfiniteNeverNegative()
    {
        // Issue 16: these parameters used to give −210.35 for a one-time buyer.
        var model = new GammaGammaModel(0.4314236, 0.6443418, 173.40932);
        Assert.Equal(double.PositiveInfinity, model.ConditionalExpectedSpend(0, 0));
        Assert.Equal(double.PositiveInfinity, model.MeanSpend);

        // p·x + q − 1 > 0 for x = 1: the posterior mean exists, p(v + m)/(p + q − 1) worked by hand.
        Assert.Equal(0.4314236 * (173.40932 + 100) / (0.4314236 + 0.6443418 - 1), model.ConditionalExpectedSpend(1, 100), 1e-9);

        var count = new BetaGeoModel(0.243, 4.414, 0.793, 2.426);
        var error = Assert.Throws<InvalidValueException>(() => CustomerValue.Discounted(count, model, new RfmRow("KH1", 0, 0, 10, 0)));
        Assert.Contains("infinite expected spend (p·x + q ≤ 1), so the customer's value does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BetaGeoFit_FiveHundredWeeklyBuyers_HasNoInteriorOptimumAndIsNotUsed()
    {
        // 500 customers who buy exactly every 7 days until the end of observation: no variation in rates and no
        // dropout, so the likelihood keeps rising as r, α → ∞ (a degenerate gamma) and a → 0.
        var x = Enumerable.Range(0, 500).Select(i => (double)(1 + (i % 40))).ToArray();
        var summary = RfmSummary.Create(x, x, x);

        // Pareto/NBD too: its likelihood (an integral whose series needs thousands of terms as α, β → ∞) made the
        // optimiser chase the boundary for minutes before the search was kept within 10⁸ of each scale.
        foreach (var fit in new[] { BetaGeoModel.Fit(summary).Diagnosis, ModifiedBetaGeoModel.Fit(summary).Diagnosis, ParetoNbdModel.Fit(summary).Diagnosis })
        {
            Assert.False(fit.IsUsable);
            Assert.NotEmpty(fit.Problems);
            Assert.All(fit.Problems, p => Assert.Contains("What to do:", p.Message, StringComparison.Ordinal));
            Assert.Contains(fit.Problems, p => p.Kind == ClvProblemKind.ParameterOnBoundary && p.Figures[1] == FitDiagnosis.BoundaryFactor && (p.Figures[0] / p.Figures[2] > FitDiagnosis.BoundaryFactor || p.Figures[0] / p.Figures[2] < 1 / FitDiagnosis.BoundaryFactor));
        }
    }

    [Fact]
    public void Fits_Cdnow_AreInteriorAndUsable()
    {
        var (summary, _, _) = ReferenceData.CdnowSummary();
        Assert.Equal(FitDiagnosis.Usable.Problems, BetaGeoModel.Fit(summary).Diagnosis.Problems);
        Assert.True(BetaGeoModel.Fit(summary).Diagnosis.IsInterior);
        Assert.True(ModifiedBetaGeoModel.Fit(summary).Diagnosis.IsUsable);
        Assert.True(ParetoNbdModel.Fit(summary).Diagnosis.IsUsable);
        Assert.True(GammaGammaModel.Fit(summary).Diagnosis.IsUsable);
    }

    [Fact]
    public void GammaGammaFit_CdnowMasterWithOneFreeRepeatPurchase_FitsWithoutTheZeroSpendBuyers()
    {
        // CDNOW master: customer 10244's only repeat purchase day was free ($0), so its mean repeat spend is 0.
        var summary = RfmSummaryBuilder.FromUnsorted(CdnowMaster.Transactions(), new RfmOptions { ObservationEnd = new LocalDate(1998, 6, 30) });
        var zero = summary.RepeatBuyers();
        var index = zero.CustomerIds.IndexOf("10244");
        Assert.Equal(0, zero.MonetaryValue[index]);

        Assert.Throws<FitFailedException>(() => GammaGammaModel.Fit(summary));
        var fit = GammaGammaModel.Fit(summary.RepeatBuyersWithSpend());
        Assert.True(fit.Diagnosis.IsUsable, string.Join(" ", fit.Diagnosis.Problems));
        Assert.True(fit.Model.ConditionalExpectedSpend(zero.Frequency[index], 0) > 0);
    }

    [Fact]
    public void Run_SevenCustomerShop_GivesNoPredictionsAndSaysWhy()
    {
        // A 7-customer shop shaped like the KiotViet export of issue 16: every customer repeats, at very different spends.
        var spends = new[] { 1.12, 1752.21, 54.54, 55.36, 177.6, 13.2, 3522.79 };
        var customers = Enumerable.Range(0, 7).Select(i => new Customer
        {
            Id = new CustomerId($"KH{i}"),
            DisplayName = $"Khách {i}",
            CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
            History = new CustomerHistory
            {
                Orders = OrderHistory.From([.. Enumerable.Range(0, 2 + (i % 3)).Select(k => new Order { Id = new OrderId($"HD{i}-{k}"), CustomerId = new CustomerId($"KH{i}"), PlacedAt = Instant.FromUtc(2025, 2, 1 + i, 3, 0) + Duration.FromDays(11 * k * (i + 1)), Total = Money.Vnd((decimal)(spends[i] * 1000)), Status = OrderStatus.Completed })]),
            },
        }).ToList();

        var result = ValueAnalysis.Run(customers, Instant.FromUtc(2025, 9, 1, 0, 0), Zone);

        Assert.Null(result.Count);
        Assert.Empty(result.Predictions);
        Assert.Contains("BG/NBD fit not used for predictions: BG/NBD was fitted on 7 repeat buyers; at least 20 are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again.", result.Problems.Select(p => p.Message));
        var notUsed = Assert.Single(result.Problems, p => p.Cause?.Kind == ClvProblemKind.TooFewRepeatBuyers);
        Assert.Equal((ClvProblemKind.CountFitNotUsed, "BG/NBD", 7.0), (notUsed.Kind, notUsed.Model, notUsed.Cause!.Figures[0]));
        Assert.Equal(ClvProblemKind.NoCountModel, result.ValueMissingReason?.Kind);
    }

    [Property(MaxTest = 20)]
    public Property Run_AnyCustomers_NeverGivesNegativeOrNonFiniteFigures() => Prop.ForAll(
        Generators.Customers(30).ToArbitrary(),
        customers =>
        {
            var result = ValueAnalysis.Run(customers, Instant.FromUtc(2030, 1, 1, 0, 0), Zone);
            Assert.All(result.Predictions, p =>
            {
                Assert.InRange(p.ProbabilityAlive, 0, 1);
                Assert.True(p.ExpectedPurchases >= 0 && double.IsFinite(p.ExpectedPurchases));
                Assert.True(p.Value is null || (p.Value >= 0 && double.IsFinite(p.Value.Value)));
            });
            Assert.True(result.Count is not null || !result.Problems.IsEmpty);
            Assert.True(result.Predictions.All(p => p.Value is not null) || result.ValueMissingReason is not null);
        });
}
