using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>
/// <see cref="ModelComparison.IsWithinNoise"/>: a model's mean squared error above the best one's by at most two paired
/// standard errors. Worked by hand: best RMSE 1.0, other RMSE 1.1, so the MSE gap is 1.21 − 1.00 = 0.21; with a
/// standard error of 0.2 the bound is 0.4 (within noise), with 0.1 it is 0.2 (not).
/// </summary>
public class ModelComparisonTests
{
    private static ModelScore Score(CountModelKind model, double? rmse, double? se)
        => new(model, 0.5, 0.1, 10, 11, null) { RootMeanSquaredError = rmse, DifferenceStandardError = se };

    [Theory]
    [InlineData(0.2, true)]
    [InlineData(0.1, false)]
    [InlineData(0.11, true)] // 2 × 0.11 = 0.22, just above the gap
    public void IsWithinNoise_ComparesTheMseGapWithTwoStandardErrors(double se, bool expected)
    {
        var other = Score(CountModelKind.ParetoNbd, 1.1, se);
        var comparison = new ModelComparison([Score(CountModelKind.BetaGeo, 1.0, 0), other], CountModelKind.BetaGeo, "test") { HoldoutDuration = 26, Unit = TimeUnit.Week };

        Assert.Equal(expected, comparison.IsWithinNoise(other));
    }

    [Fact]
    public void IsWithinNoise_IsFalseWithoutABestModelOrAScore()
    {
        var unscored = Score(CountModelKind.ParetoNbd, null, null);
        Assert.False(new ModelComparison([unscored], null, "none").IsWithinNoise(unscored));
        Assert.False(new ModelComparison([Score(CountModelKind.BetaGeo, 1.0, 0), unscored], CountModelKind.BetaGeo, "test").IsWithinNoise(unscored));
    }
}
