using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>
/// Data simulated from known parameters (continuous purchase times, 50,000+ customers, first purchases spread over
/// 52 weeks) are fitted, and every parameter must come back within four of its own standard errors — a band a
/// correct estimator misses with probability below 1e-4 per parameter.
/// </summary>
public class ParameterRecoveryTests
{
    private const int Customers = 50_000;
    private static readonly double[] Ages = [.. Enumerable.Range(0, Customers).Select(i => (1 + (i % 364)) / 7.0)];

    private static void AssertRecovered<T>(FitResult<T> fit, params (string Name, double Truth)[] truth)
    {
        foreach (var (name, value) in truth)
        {
            var estimate = fit[name];
            Assert.True(double.IsFinite(estimate.StandardError) && estimate.StandardError > 0, $"{name}: standard error {estimate.StandardError}");
            Assert.True(Math.Abs(estimate.Value - value) <= 4 * estimate.StandardError, $"{name}: true {value}, estimate {estimate.Value} ± {estimate.StandardError}");
        }
    }

    [Fact]
    public void BetaGeo_RecoversItsParameters()
    {
        var truth = new BetaGeoModel(0.25, 4.4, 0.8, 2.4);
        var data = Simulation.BetaGeo(truth, Ages, new Random(101));
        AssertRecovered(BetaGeoModel.Fit(data), ("r", 0.25), ("alpha", 4.4), ("a", 0.8), ("b", 2.4));
    }

    [Fact]
    public void ModifiedBetaGeo_RecoversItsParameters()
    {
        var truth = new ModifiedBetaGeoModel(0.5, 6.2, 0.9, 1.6);
        var data = Simulation.ModifiedBetaGeo(truth, Customers, 52, new Random(102));
        AssertRecovered(ModifiedBetaGeoModel.Fit(data), ("r", 0.5), ("alpha", 6.2), ("a", 0.9), ("b", 1.6));
    }

    [Fact]
    public void ParetoNbd_RecoversItsParameters()
    {
        var truth = new ParetoNbdModel(0.55, 10.6, 0.6, 11.7);
        var data = Simulation.ParetoNbd(truth, Customers, 52, new Random(103));
        AssertRecovered(ParetoNbdModel.Fit(data), ("r", 0.55), ("alpha", 10.6), ("s", 0.6), ("beta", 11.7));
    }

    [Fact]
    public void GammaGamma_RecoversItsParameters()
    {
        var counts = Simulation.BetaGeo(new BetaGeoModel(2.0, 4.0, 0.5, 3.0), Customers, 52, new Random(104));
        var data = Simulation.WithSpend(counts, new GammaGammaModel(6.25, 3.74, 15.4), new Random(105));
        AssertRecovered(GammaGammaModel.Fit(data), ("p", 6.25), ("q", 3.74), ("v", 15.4));
    }

    [Fact]
    public void BetaGeoBetaBinomial_RecoversItsParameters()
    {
        var truth = new BetaGeoBetaBinomialModel(1.2, 0.75, 0.66, 2.8);
        var data = Simulation.BetaGeoBetaBinomial(truth, Customers, 6, new Random(106));
        Assert.Equal(Customers, data.CustomerCount);
        AssertRecovered(BetaGeoBetaBinomialModel.Fit(data), ("alpha", 1.2), ("beta", 0.75), ("gamma", 0.66), ("delta", 2.8));
    }

    [Fact]
    public void ShiftedBetaGeometric_RecoversItsParameters()
    {
        var active = Simulation.ShiftedBetaGeometric(new ShiftedBetaGeometricModel(0.7, 1.2), Customers, 8, new Random(107));
        AssertRecovered(ShiftedBetaGeometricModel.Fit(active), ("gamma", 0.7), ("delta", 1.2));
    }
}
