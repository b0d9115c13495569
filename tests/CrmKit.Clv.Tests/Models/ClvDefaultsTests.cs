using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class ClvDefaultsTests
{
    [Fact]
    public void Options_Defaults_AreTheNamedConstants()
    {
        var clv = new ClvOptions();
        Assert.Equal(ClvDefaults.Horizon, clv.Horizon);
        Assert.Equal(ClvDefaults.Steps, clv.Steps);
        Assert.Equal(ClvDefaults.DiscountRate, clv.DiscountRate);
        Assert.Equal(ClvDefaults.Margin, clv.Margin);
        Assert.Equal(ClvDefaults.Penalizer, FitOptions.Default.Penalizer);
        Assert.Equal(ClvDefaults.MaxIterations, FitOptions.Default.MaxIterations);
        var analysis = new ValueAnalysisOptions();
        Assert.Equal(ClvDefaults.Model, analysis.Model);
        Assert.Equal(ClvDefaults.Unit, analysis.Unit);

        // The values the docs and the report state (docs/clv.md, docs/dependency-injection.md).
        Assert.Equal((52.0, 12, 0.01, 1.0, 0.0), (ClvDefaults.Horizon, ClvDefaults.Steps, ClvDefaults.DiscountRate, ClvDefaults.Margin, ClvDefaults.Penalizer));
    }

    [Fact]
    public void ClvOptions_ValuesAtTheBounds_AreCheckedAgainstTheNamedBounds()
    {
        Assert.Equal(-0.5, new ClvOptions { DiscountRate = -0.5 }.DiscountRate);
        Assert.Throws<InvalidValueException>(() => new ClvOptions { DiscountRate = ClvDefaults.DiscountRateExclusiveLowerBound });
        Assert.Equal(ClvDefaults.MinSteps, new ClvOptions { Steps = ClvDefaults.MinSteps }.Steps);
        Assert.Throws<InvalidValueException>(() => new ClvOptions { Steps = ClvDefaults.MinSteps - 1 });
        Assert.Equal(0, new ClvOptions { Margin = 0 }.Margin);
        Assert.Throws<InvalidValueException>(() => new ClvOptions { Margin = -0.01 });
    }

    [Fact]
    public void TimeUnits_Ids_RoundTripEveryUnit()
    {
        Assert.Equal(["day", "week", "month", "year"], TimeUnits.Ids.ToArray());
        foreach (var unit in Enum.GetValues<TimeUnit>())
        {
            Assert.Equal(unit, TimeUnits.Find(TimeUnits.Id(unit)));
        }

        Assert.Null(TimeUnits.Find("Week"));
        Assert.Null(TimeUnits.Find("fortnight"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeUnits.Id((TimeUnit)9));
    }
}
