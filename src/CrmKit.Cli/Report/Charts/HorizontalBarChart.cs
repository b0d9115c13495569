using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// One bar per labelled value, the largest at the top (segment sizes, retention by segment), each with its value
/// written inside the bar's end when it fits, else just past it in room reserved on the axis (<see cref="BarLabelPlacement"/>).
/// </summary>
internal static class HorizontalBarChart
{
    /// <summary>Height in px of one bar's row: the bar takes 1 / (1 + <see cref="GapWidth"/>) of it.</summary>
    public const int RowHeight = 24;

    /// <summary>The gap between bars as a share of a bar's thickness: a 24 px row gives a 18 px bar, taller than an 11 px label.</summary>
    private const double GapWidth = 0.3;

    /// <summary>The value labels' font size in px.</summary>
    public const double LabelFontSize = 11;
    private const double RightMargin = 12;

    /// <summary>The chart's height in px for <paramref name="bars"/> bars (title, axis and a row per bar).</summary>
    public static int Height(int bars) => 90 + (RowHeight * bars);

    /// <summary>The chart, <paramref name="width"/> px wide.</summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="bars">The bars (values ≥ 0), in any order: drawn largest first, ties by label.</param>
    /// <param name="axisTitle">The value axis' title.</param>
    /// <param name="label">A value as its label reads (e.g. <c>Display.Number</c>, <c>Display.Percent</c>).</param>
    /// <param name="width">The width in px the chart is exported at.</param>
    public static PlotModel Build(string title, IReadOnlyList<(string Label, double Value)> bars, string axisTitle, Func<double, string> label, int width)
    {
        var sorted = bars.OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.Ordinal).ToList();
        var model = ChartStyle.Model(title);
        var left = ChartStyle.CategoryMargin(sorted.Select(b => b.Label));
        model.PlotMargins = new OxyThickness(left, double.NaN, RightMargin, double.NaN);
        var texts = sorted.Select(b => label(b.Value)).ToList();
        var plotWidth = width - model.Padding.Left - model.Padding.Right - left - RightMargin;
        var (maximum, inside) = BarLabelPlacement.Place(sorted.Select(b => b.Value).ToList(), texts.Select(t => ChartText.Width(t, LabelFontSize)).ToList(), plotWidth);

        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = sorted.Select(b => b.Label).ToList(), StartPosition = 1, EndPosition = 0, GapWidth = GapWidth });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = 0, Maximum = maximum, MinimumPadding = 0, MaximumPadding = 0, AbsoluteMinimum = 0, Title = axisTitle });
        var series = new BarSeries { FillColor = ChartStyle.Accent };
        for (var i = 0; i < sorted.Count; i++)
        {
            series.Items.Add(new BarItem(sorted[i].Value));
            model.Annotations.Add(new TextAnnotation
            {
                Text = texts[i],
                TextPosition = new DataPoint(sorted[i].Value, i),
                TextHorizontalAlignment = inside[i] ? HorizontalAlignment.Right : HorizontalAlignment.Left,
                TextVerticalAlignment = VerticalAlignment.Middle,
                Offset = new ScreenVector(inside[i] ? -BarLabelPlacement.Padding : BarLabelPlacement.Padding, 0),
                TextColor = inside[i] ? OxyColors.White : OxyColors.Black,
                FontSize = LabelFontSize,
                StrokeThickness = 0,
                Layer = AnnotationLayer.AboveSeries,
            });
        }

        model.Series.Add(series);
        return model;
    }
}
