using CrmKit.Cli.Report.Charts;

namespace CrmKit.Cli.Tests.Report;

// Expected values worked by hand from the rule (inside when value·s ≥ width + 2·4 px; an outside label needs
// value·s + 4 + width ≤ plot width), s in px per unit.
public class BarLabelPlacementTests
{
    [Fact]
    public void Place_ShortBar_LabelOutsideWithoutRescaling()
    {
        // s = 500 / 100 = 5: bars of 500 and 250 px hold a 30 px label; the 5 px bar does not, and 5 + 4 + 30 ≤ 500.
        var (maximum, inside) = BarLabelPlacement.Place([100, 50, 1], [30, 30, 30], 500);

        Assert.Equal(100, maximum);
        Assert.Equal([true, true, false], inside);
    }

    [Fact]
    public void Place_LongestBarLabelOutside_AxisLengthenedToFitIt()
    {
        // s = 10: 100 px < 93 + 8, so outside; 10·s + 4 + 93 ≤ 100 gives s = 0.3, axis maximum 100 / 0.3.
        var (maximum, inside) = BarLabelPlacement.Place([10], [93], 100);

        Assert.Equal(100 / 0.3, maximum, 9);
        Assert.Equal([false], inside);
    }

    [Fact]
    public void Place_ShrinkingPushesAnotherLabelOutside_BothFit()
    {
        // s = 2: bar 1 (120 px) cannot hold 130 + 8, bound (200 − 4 − 130) / 60 = 1.1; at s = 1.1 bar 0 is 110 px
        // < 105 + 8, bound (200 − 4 − 105) / 100 = 0.91. At s = 0.91: bar 0 ends at 91 + 4 + 105 = 200 px.
        var (maximum, inside) = BarLabelPlacement.Place([100, 60], [105, 130], 200);

        Assert.Equal(200 / 0.91, maximum, 9);
        Assert.Equal([false, false], inside);
    }

    [Fact]
    public void Place_AllZero_AxisToOneLabelsOutside()
    {
        var (maximum, inside) = BarLabelPlacement.Place([0, 0], [20, 30], 300);

        Assert.Equal(1, maximum);
        Assert.Equal([false, false], inside);
    }

    [Fact]
    public void Place_RandomBars_EveryLabelFitsWhereItIsPut()
    {
        var random = new Random(21);
        for (var run = 0; run < 2000; run++)
        {
            var count = random.Next(1, 40);
            var plot = 100 + (random.NextDouble() * 800);
            var values = Enumerable.Range(0, count).Select(_ => random.Next(4) == 0 ? 0 : Math.Pow(10, random.NextDouble() * 6)).ToArray();
            var widths = Enumerable.Range(0, count).Select(_ => 5 + (random.NextDouble() * (plot - 10 - BarLabelPlacement.Padding))).ToArray();

            var (maximum, inside) = BarLabelPlacement.Place(values, widths, plot);

            Assert.True(maximum >= values.Max() && double.IsFinite(maximum), $"run {run}: axis maximum {maximum} below the largest value {values.Max()}");
            var scale = plot / maximum;
            for (var i = 0; i < count; i++)
            {
                var end = values[i] * scale;
                Assert.True(
                    inside[i] ? end >= widths[i] + (2 * BarLabelPlacement.Padding) : end + BarLabelPlacement.Padding + widths[i] <= plot + 1e-6,
                    $"run {run}, bar {i}: value {values[i]} ({end:F1} px), label {widths[i]:F1} px {(inside[i] ? "inside" : "outside")} a {plot:F1} px plot");
            }
        }
    }

    [Fact]
    public void Place_NegativeValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BarLabelPlacement.Place([3, -1], [10, 10], 200));

        Assert.Equal("Bar 1: value -1; bars start at 0 and need a finite value ≥ 0. (Parameter 'values')", error.Message);
    }

    [Fact]
    public void Place_LabelWiderThanThePlot_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BarLabelPlacement.Place([3], [197], 200));

        Assert.Equal("Bar 0: its label (197 px) cannot fit in a plot 200 px wide. (Parameter 'plotWidth')", error.Message);
    }

    [Fact]
    public void Place_CountsDiffer_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => BarLabelPlacement.Place([3, 4], [10], 200));

        Assert.Equal("2 values but 1 label widths. (Parameter 'labelWidths')", error.Message);
    }
}
