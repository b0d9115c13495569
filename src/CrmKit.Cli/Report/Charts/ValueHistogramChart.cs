using CrmKit.Cli.Localization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>The distribution of predicted customer value in 30 bins, the top 1 % in the last.</summary>
internal static class ValueHistogramChart
{
    public static PlotModel Build(IReadOnlyList<double> sorted)
    {
        var cap = sorted[(int)Math.Floor(0.99 * (sorted.Count - 1))];
        var max = Math.Max(cap, sorted[0] + 1);
        const int bins = 30;
        var width = max / bins;
        var counts = new int[bins];
        foreach (var v in sorted)
        {
            counts[Math.Min(bins - 1, (int)(v / width))]++;
        }

        var model = ChartStyle.Model(ChartStrings.ValueTitle);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = ChartStrings.ValueAxis, StringFormat = "N0" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = ChartStrings.AxisCustomers, MinimumPadding = 0, AbsoluteMinimum = 0 });
        var series = new HistogramSeries { FillColor = ChartStyle.Accent, StrokeColor = OxyColors.White, StrokeThickness = 1 };
        for (var i = 0; i < bins; i++)
        {
            series.Items.Add(new HistogramItem(i * width, (i + 1) * width, counts[i] * width, counts[i]));
        }

        model.Series.Add(series);
        return model;
    }
}
