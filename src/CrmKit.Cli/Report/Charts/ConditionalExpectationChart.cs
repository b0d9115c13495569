using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Holdout purchases by calibration frequency, actual vs the model's conditional expectation (Fader, Hardie &amp; Lee 2005, fig. 4).</summary>
internal static class ConditionalExpectationChart
{
    public static PlotModel Build(HoldoutTracking tracking)
    {
        var model = ChartStyle.Model(ChartStrings.ConditionalTitle);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = ChartStrings.ConditionalFrequency, Minimum = -0.2, MajorStep = 1 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = ChartStrings.ConditionalHoldout, MinimumPadding = 0, AbsoluteMinimum = 0 });
        var actual = new LineSeries { Title = ChartStrings.SeriesActual, Color = ChartStyle.Accent, StrokeThickness = 2, MarkerType = MarkerType.Circle };
        var expected = new LineSeries { Title = ChartStrings.SeriesConditionalExpectation, Color = OxyColors.Black, LineStyle = LineStyle.Dash, MarkerType = MarkerType.Square };
        foreach (var g in tracking.ByCalibrationFrequency)
        {
            actual.Points.Add(new DataPoint(g.Frequency, g.ActualHoldout));
            expected.Points.Add(new DataPoint(g.Frequency, g.ExpectedHoldout));
        }

        model.Series.Add(actual);
        model.Series.Add(expected);
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPosition = OxyPlot.Legends.LegendPosition.TopLeft });
        return model;
    }
}
