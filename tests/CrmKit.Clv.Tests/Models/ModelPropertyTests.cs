using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>Laws every count model must obey, over generated parameters and customers, extreme ones included.</summary>
public class ModelPropertyTests
{
    // Parameters from 1e-3 to 1e3, log-uniform: the edges of what an optimiser may visit.
    private static readonly Gen<double> Parameter = Gen.Choose(-3000, 3000).Select(v => Math.Pow(10, v / 1000.0));

    private static readonly Gen<ICountModel> Model = Gen.OneOf(
        Gen.Zip(Gen.Zip(Parameter, Parameter), Gen.Zip(Parameter, Parameter)).Select(p => (ICountModel)new BetaGeoModel(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item2)),
        Gen.Zip(Gen.Zip(Parameter, Parameter), Gen.Zip(Parameter, Parameter)).Select(p => (ICountModel)new ModifiedBetaGeoModel(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item2)),
        Gen.Zip(Gen.Zip(Parameter, Parameter), Gen.Zip(Parameter, Parameter)).Select(p => (ICountModel)new ParetoNbdModel(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item2)));

    // Customers from none to thousands of purchases, ages from minutes to decades (in weeks).
    private static readonly Gen<(double X, double Tx, double T)> Customer =
        from x in Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(0, 5000)))
        from ageExponent in Gen.Choose(-4000, 3500)
        from share in Gen.Choose(0, 1000)
        let t = Math.Pow(10, ageExponent / 1000.0)
        select ((double)x, x == 0 ? 0 : Math.Min(t, t * share / 1000.0), t); // t·1000/1000 can exceed t by an ulp, which no recency may

    [Property(MaxTest = 500)]
    public Property ProbabilityAlive_IsAProbabilityEvenAtTheEdges()
        => Prop.ForAll(Model.ToArbitrary(), Customer.ToArbitrary(), (model, c) =>
        {
            var p = model.ProbabilityAlive(c.X, c.Tx, c.T);
            return (p >= 0 && p <= 1 && !double.IsNaN(p)).Label($"{model.Name} P(alive)={p} at {c}");
        });

    [Property(MaxTest = 500)]
    public Property ConditionalExpectation_IsFiniteNonNegativeAndGrowsWithTheHorizon()
        => Prop.ForAll(Model.ToArbitrary(), Customer.ToArbitrary(), Gen.Choose(1, 1000).ToArbitrary(), (model, c, horizon) =>
        {
            if (model is BetaGeoModel { A: < 1.001 and > 0.999 } or ModifiedBetaGeoModel { A: < 1.001 and > 0.999 })
            {
                return true.Label("a = 1 is a removable singularity of the closed form");
            }

            var shorter = model.ConditionalExpectedPurchases(horizon / 10.0, c.X, c.Tx, c.T);
            var longer = model.ConditionalExpectedPurchases(horizon, c.X, c.Tx, c.T);
            return (double.IsFinite(shorter) && shorter >= -1e-9 && longer >= shorter - (1e-9 * Math.Max(1, Math.Abs(shorter)))).Label($"{model.Name}: E(t/10)={shorter}, E(t)={longer} at {c}");
        });

    [Property(MaxTest = 200)]
    public Property Clv_GrowsWithMarginAndFallsWithTheDiscountRate()
        => Prop.ForAll(Customer.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), Gen.Choose(0, 50).ToArbitrary(), (c, marginPercent, ratePerMille) =>
        {
            var count = new BetaGeoModel(0.24, 4.4, 0.79, 2.4);
            var spend = new GammaGammaModel(6.25, 3.74, 15.4);
            var row = new RfmRow("c", Math.Min(c.X, 200), Math.Min(c.Tx, 100), Math.Min(Math.Max(c.T, 1e-3), 100), 20 + (c.X % 50));
            var baseOptions = new ClvOptions { Margin = marginPercent / 100.0, DiscountRate = ratePerMille / 1000.0 };
            var value = CustomerValue.Discounted(count, spend, row, baseOptions);
            var moreMargin = CustomerValue.Discounted(count, spend, row, baseOptions with { Margin = baseOptions.Margin + 0.1 });
            var moreDiscount = CustomerValue.Discounted(count, spend, row, baseOptions with { DiscountRate = baseOptions.DiscountRate + 0.01 });
            return (value >= 0 && moreMargin >= value && moreDiscount <= value).Label($"clv {value}, more margin {moreMargin}, more discount {moreDiscount}");
        });

    [Fact]
    public void Fits_AreInvariantToCustomerOrder()
    {
        var data = Simulation.BetaGeo(new BetaGeoModel(0.3, 5, 0.9, 2.5), 5000, 40, new Random(5));
        var shuffled = Enumerable.Range(0, data.Count).OrderBy(i => (i * 7919) % data.Count).Select(i => data[i]).ToArray();
        var reordered = RfmSummary.Create(shuffled.Select(r => r.Frequency).ToArray(), shuffled.Select(r => r.Recency).ToArray(), shuffled.Select(r => r.Age).ToArray());
        foreach (var (first, second) in new[]
        {
            (BetaGeoModel.Fit(data).Parameters, BetaGeoModel.Fit(reordered).Parameters),
            (ParetoNbdModel.Fit(data).Parameters, ParetoNbdModel.Fit(reordered).Parameters),
        })
        {
            for (var i = 0; i < first.Length; i++)
            {
                Assert.Equal(first[i].Value, second[i].Value); // rows are put in a canonical order before fitting: bit for bit
            }
        }
    }

    [Fact]
    public void Fit_WithoutRepeatPurchases_SaysWhy()
    {
        var data = RfmSummary.Create([0, 0, 0], [0, 0, 0], [5, 6, 7]);
        var ex = Assert.Throws<FitFailedException>(() => BetaGeoModel.Fit(data));
        Assert.Equal("The BG/NBD fit failed: no customer made a repeat purchase, so the purchase and dropout processes cannot be told apart. Use a longer calibration period.", ex.Message);
    }

    [Fact]
    public void Create_InconsistentRow_NamesTheRow()
    {
        var ex = Assert.Throws<Customers.InvalidValueException>(() => RfmSummary.Create([1, 2], [3, 9], [5, 8]));
        Assert.Equal("Invalid recency: row 1: 9 is not within 0..age (8).", ex.Message);
    }
}
