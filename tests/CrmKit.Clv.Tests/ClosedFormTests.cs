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
}
