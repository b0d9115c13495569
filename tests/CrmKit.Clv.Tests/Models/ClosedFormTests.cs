using CrmKit.Clv.Models;

namespace CrmKit.Clv.Tests;

/// <summary>Closed-form expressions at fixed parameters against values published or computed outside CrmKit.</summary>
public class ClosedFormTests
{
    private static readonly BetaGeoModel CdnowBetaGeo = new(0.242593, 4.413532, 0.792886, 2.425754);

    [Fact]
    public void BetaGeo_ConditionalExpectation_MatchesFaderHardieLee()
    {
        // FHL (2005): customer with x = 2, t_x = 30.43, T = 38.86 weeks; 39 weeks ahead.
        Assert.Equal(1.2259107, CdnowBetaGeo.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 6);
        Assert.Equal(0.7266092, CdnowBetaGeo.ProbabilityAlive(2, 30.43, 38.86), 6);
    }

    [Fact]
    public void BetaGeo_ProbabilitiesOfPurchases_SumToOne()
    {
        var total = Enumerable.Range(0, 400).Sum(n => CdnowBetaGeo.ProbabilityOfPurchases(n, 52));
        Assert.Equal(1.0, total, 9);
        var mean = Enumerable.Range(0, 400).Sum(n => n * CdnowBetaGeo.ProbabilityOfPurchases(n, 52));
        Assert.Equal(CdnowBetaGeo.ExpectedPurchases(52), mean, 6);
    }

    [Fact]
    public void BetaGeo_BatchPredictions_EqualRowByRow()
    {
        var ages = Enumerable.Range(0, 20_000).Select(i => (1 + (i % 91)) / 7.0).ToArray();
        var data = CdnowBetaGeo.Simulate(ages, new Random(9));
        var expected = new double[data.Count];
        var alive = new double[data.Count];
        CdnowBetaGeo.ConditionalExpectedPurchases(26, data, expected);
        CdnowBetaGeo.ProbabilityAlive(data, alive);
        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal(CdnowBetaGeo.ConditionalExpectedPurchases(26, data.Frequency[i], data.Recency[i], data.Age[i]), expected[i], 12);
            Assert.Equal(CdnowBetaGeo.ProbabilityAlive(data.Frequency[i], data.Recency[i], data.Age[i]), alive[i], 14);
        }
    }

    [Theory]
    [InlineData(0.553276, 10.577612, 0.606214, 11.667912, 39)]
    [InlineData(2.0, 1.0, 0.3, 50.0, 10)]
    [InlineData(0.1, 30.0, 3.0, 2.0, 100)]
    public void ParetoNbd_ProbabilitiesOfPurchases_SumToOneWithTheModelsMean(double r, double alpha, double s, double beta, double t)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        var p = Enumerable.Range(0, 3000).Select(n => model.ProbabilityOfPurchases(n, t)).ToArray();
        Assert.Equal(1.0, p.Sum(), 7);
        Assert.Equal(model.ExpectedPurchases(t), p.Select((q, n) => q * n).Sum(), 5);
    }

    [Fact]
    public void BetaGeoBetaBinomial_ProbabilitiesOfPurchases_SumToOneWithTheModelsMean()
    {
        // Fader, Hardie & Shang (2010) estimates for the donations data; six opportunities.
        var model = new BetaGeoBetaBinomialModel(1.203523, 0.749716, 0.656718, 2.783442);
        var p = Enumerable.Range(0, 7).Select(x => model.ProbabilityOfPurchases(x, 6)).ToArray();
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.Equal(model.ExpectedPurchases(6), p.Select((q, x) => q * x).Sum(), 10);
        Assert.Equal(0.0, model.ProbabilityOfPurchases(7, 6));
    }
}
