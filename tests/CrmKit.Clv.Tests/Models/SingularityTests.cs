using CrmKit.Clv.Models;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

/// <summary>
/// The removable singularities of the closed forms (BG/NBD and MBG/NBD at a = 1, BG/BB at γ = 1, Pareto/NBD at s = 1)
/// and very long horizons. Every reference value comes from the test project's References/singularities.py (mpmath at 60 digits, the papers'
/// closed forms evaluated as written; at the singular point at a = 1 + 1e-40); tolerance 1e-9 relative.
/// </summary>
public class SingularityTests
{
    private const double Tolerance = 1e-9;

    private static void Close(double expected, double actual, string what)
        => Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}).");

    // (a, BG/NBD conditional, BG/NBD unconditional, MBG/NBD conditional, MBG/NBD unconditional); parameters
    // (r, α, b) = (0.243, 4.414, 2.426), customer (x, t_x, T) = (2, 30.43, 38.86), t = 39.
    public static TheoryData<double, double, double, double, double> NearA1 => new()
    {
        { 1, 1.10213678603996, 1.08427901059152, 1.22443462227431, 0.851992426486168 },
        { 1 + 1e-9, 1.10213678549373, 1.08427901011629, 1.22443462175547, 0.851992425896325 },
        { 1 - 1e-9, 1.10213678658619, 1.08427901106675, 1.22443462279315, 0.85199242707601 },
        { 1 + 1e-6, 1.10213623980968, 1.08427853536541, 1.22443410343484, 0.851991836644025 },
        { 1 - 1e-6, 1.1021373322707, 1.08427948581821, 1.22443514111416, 0.851993016329018 },
        { 1 + 1e-3, 1.10159078778998, 1.08380407599441, 1.22391597094057, 0.851402937865949 },
        { 1 - 5e-4, 1.10240995939572, 1.0845166968047, 1.22469408920847, 0.85228743627422 },
    };

    [Theory]
    [MemberData(nameof(NearA1))]
    public void BetaGeo_NearAEqualsOne_MatchesMpmath(double a, double conditional, double unconditional, double modifiedConditional, double modifiedUnconditional)
    {
        var model = new BetaGeoModel(0.243, 4.414, a, 2.426);
        Close(conditional, model.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), "BG/NBD conditional");
        Close(unconditional, model.ExpectedPurchases(39), "BG/NBD unconditional");
        var modified = new ModifiedBetaGeoModel(0.243, 4.414, a, 2.426);
        Close(modifiedConditional, modified.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), "MBG/NBD conditional");
        Close(modifiedUnconditional, modified.ExpectedPurchases(39), "MBG/NBD unconditional");
    }

    [Theory]
    [InlineData(1, 13.9661277072627)]
    [InlineData(1 + 1e-6, 13.9660926839576)]
    public void BetaGeo_NearAEqualsOneLongHorizon_MatchesMpmath(double a, double expected)
        => Close(expected, new BetaGeoModel(0.243, 4.414, a, 2.426).ConditionalExpectedPurchases(10_000, 2, 30.43, 38.86), "BG/NBD conditional, t = 1e4");

    [Fact]
    public void BetaGeo_HorizonOf1e18_IsFiniteAndRight()
        => Close(31114.7883544821, new BetaGeoModel(0.243, 4.414, 0.793, 2.426).ConditionalExpectedPurchases(1e18, 2, 30.43, 38.86), "BG/NBD conditional, t = 1e18");

    // (γ, conditional expectation of 5 more periods for the pattern (x, t_x, n) = (3, 4, 6), E[X(5)]); (α, β, δ) =
    // (1.204, 0.750, 2.783).
    public static TheoryData<double, double, double> NearGamma1 => new()
    {
        { 1, 0.725238975450662, 1.58147597713936 },
        { 1 + 1e-9, 0.725238974757827, 1.58147597625429 },
        { 1 - 1e-9, 0.725238976143497, 1.58147597802444 },
        { 1 + 1e-6, 0.725238282616124, 1.58147509206557 },
        { 1 - 1e-6, 0.725239668286155, 1.58147686221394 },
        { 1 + 2e-4, 0.725100427544629, 1.58129897788772 },
    };

    [Theory]
    [MemberData(nameof(NearGamma1))]
    public void BetaGeoBetaBinomial_NearGammaEqualsOne_MatchesMpmath(double gamma, double conditional, double unconditional)
    {
        var model = new BetaGeoBetaBinomialModel(1.204, 0.750, gamma, 2.783);
        Close(conditional, model.ConditionalExpectedPurchases(5, 3, 4, 6), "BG/BB conditional");
        Close(unconditional, model.ExpectedPurchases(5), "BG/BB unconditional");
    }

    [Fact]
    public void BetaGeoBetaBinomial_HorizonOf1e18_IsFiniteAndRight()
        => Close(5049815.39418979, new BetaGeoBetaBinomialModel(1.204, 0.750, 0.657, 2.783).ExpectedPurchases(1e18), "BG/BB, n = 1e18");

    [Theory]
    [InlineData(1.0)]
    [InlineData(1 + 1e-9)]
    [InlineData(1 - 1e-12)]
    public void ParetoNbd_NearSEqualsOne_EqualsTheLogarithmicLimit(double s)
    {
        // At s = 1: E[X(t)] = rβ/α·ln((β+t)/β) (Schmittlein, Morrison & Colombo 1987, the limit of their eq. 17); the
        // derivative in s is bounded, so within |s − 1| ≤ 1e-9 the value differs from the limit by < 1e-8 relative.
        var model = new ParetoNbdModel(0.55, 10.58, s, 11.67);
        var limit = 0.55 * 11.67 / 10.58 * Math.Log((11.67 + 39) / 11.67);
        Assert.Equal(limit, model.ExpectedPurchases(39), limit * 1e-8);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Models_HorizonNotFinite_ThrowClearError(double horizon)
    {
        var error = Assert.Throws<InvalidValueException>(() => new BetaGeoModel(0.243, 4.414, 0.793, 2.426).ConditionalExpectedPurchases(horizon, 2, 30.43, 38.86));
        Assert.Contains("horizon", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidValueException>(() => new BetaGeoBetaBinomialModel(1.204, 0.750, 0.657, 2.783).ExpectedPurchases(horizon));
    }
}
