using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>One bar per labelled value, top to bottom in list order (segment sizes, retention by segment).</summary>
internal static class HorizontalBarChart
{
    public static PlotModel Build(string title, IReadOnlyList<(string Label, double Value)> bars, string unit)
    {
        var model = new PlotModel { Title = title, PlotMargins = ChartStyle.LeftMargin(bars.Select(b => b.Label)) };
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = bars.Select(b => b.Label).ToList(), StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, MinimumPadding = 0, MaximumPadding = 0.08, AbsoluteMinimum = 0, Title = unit });
        var series = new BarSeries { FillColor = ChartStyle.Accent, LabelPlacement = LabelPlacement.Outside, LabelFormatString = "{0:N0}" };
        foreach (var (_, value) in bars)
        {
            series.Items.Add(new BarItem(value));
        }

        model.Series.Add(series);
        return model;
    }
}
