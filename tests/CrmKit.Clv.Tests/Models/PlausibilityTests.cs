using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>The plausibility check of <see cref="ValueAnalysis"/>: predictions against the customers' own history.</summary>
public class PlausibilityTests
{
    // 30 customers, each 1 repeat purchase of 100 in 52 weeks: at their historical rate, 30 repeat purchases and a
    // repeat spend of 3,000 in the next 52 weeks.
    private static ValueAnalysisResult Result(double expectedEach, double valueEach)
    {
        var n = 30;
        var summary = RfmSummary.Create(Enumerable.Repeat(1.0, n).ToArray(), Enumerable.Repeat(20.0, n).ToArray(), Enumerable.Repeat(52.0, n).ToArray(), Enumerable.Repeat(100.0, n).ToArray(), customerIds: [.. Enumerable.Range(0, n).Select(i => $"c{i:00}")]);
        var count = new BetaGeoModel(0.243, 4.414, 0.793, 2.426);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var predictions = summary.Rows().Select(r => new CustomerPrediction(new Customers.CustomerId(r.CustomerId), r, 0.5, expectedEach, valueEach)).ToArray();
        return new ValueAnalysisResult(new ValueAnalysisOptions(), summary, count, [], spend, [], null, [.. predictions], []) { Model = CountModelKind.BetaGeo };
    }

    [Fact]
    public void CheckPlausibility_WithinTenTimesTheHistory_KeepsEverything()
    {
        var result = Result(expectedEach: 9.9, valueEach: 999);
        Assert.Same(result, ValueAnalysis.CheckPlausibility(result, "BG/NBD"));
    }

    [Fact]
    public void CheckPlausibility_PurchasesBeyondTenTimesTheHistory_DropsTheModel()
    {
        var checkedResult = ValueAnalysis.CheckPlausibility(Result(expectedEach: 10.1, valueEach: 1), "BG/NBD");

        Assert.Null(checkedResult.Count);
        Assert.Empty(checkedResult.Predictions);
        var problem = Assert.Single(checkedResult.Problems);
        Assert.Equal("BG/NBD predicts 303 purchases in the next 52 weeks, more than 10 times the customers' own repeat purchases at their historical rate (30): the fit is implausible and is not used. What to do: use a longer history, or another model (--model).", problem.Message);
        Assert.Equal((ClvProblemKind.ImplausiblePurchases, "BG/NBD", TimeUnit.Week), (problem.Kind, problem.Model, problem.Unit));
        Assert.Equal([303, 52, ValueAnalysis.PlausibilityFactor, 30], problem.Figures.Select(f => Math.Round(f, 6)));
    }

    [Fact]
    public void CheckPlausibility_ValueBeyondTenTimesTheHistory_DropsTheValues()
    {
        var checkedResult = ValueAnalysis.CheckPlausibility(Result(expectedEach: 1, valueEach: 1001), "BG/NBD");

        Assert.NotNull(checkedResult.Count);
        Assert.All(checkedResult.Predictions, p => Assert.Null(p.Value));
        Assert.Null(checkedResult.Spend);
        Assert.Equal("the predicted value (3.003E+04 in 52 weeks) is more than 10 times the customers' own repeat spend at their historical rate (3000), so the spend model's values are implausible and are not given", checkedResult.ValueMissingReason?.Message);
        Assert.Equal(ClvProblemKind.ValuesImplausible, checkedResult.ValueMissingReason?.Kind);
        Assert.Equal([30030, 52, ValueAnalysis.PlausibilityFactor, 3000], checkedResult.ValueMissingReason!.Figures.Select(f => Math.Round(f, 6)));
        var problem = Assert.Single(checkedResult.Problems);
        Assert.Equal(ClvProblemKind.ImplausibleValues, problem.Kind);
        Assert.Equal("Gamma-Gamma: the predicted value (3.003E+04 in 52 weeks) is more than 10 times the customers' own repeat spend at their historical rate (3000), so the spend model's values are implausible and are not given. What to do: check the spend data for outliers, or value customers by their historical spend.", problem.Message);
        Assert.Equal(checkedResult.ValueMissingReason.Figures, problem.Figures);
    }
}
