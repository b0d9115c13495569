using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Repeat purchases of the calibration cohort per week or cumulated, actual vs the model (Fader, Hardie &amp; Lee 2005, fig. 3).</summary>
internal static class TrackingChart
{
    public static PlotModel Build(HoldoutTracking tracking, bool cumulative)
    {
        var model = ChartStyle.Model(cumulative ? ChartStrings.TrackingCumulativeTitle : ChartStrings.TrackingWeeklyTitle);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = ChartStrings.TrackingWeeks, Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = ChartStrings.TrackingRepeatPurchases, MinimumPadding = 0, AbsoluteMinimum = 0, StringFormat = "N0" });
        var actual = new LineSeries { Title = ChartStrings.SeriesActual, Color = ChartStyle.Accent, StrokeThickness = 2 };
        var expected = new LineSeries { Title = ChartStrings.SeriesModel, Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1.5 };
        double a = 0, e = 0;
        for (var k = 0; k < tracking.ActualRepeatPurchases.Length; k++)
        {
            a = cumulative ? a + tracking.ActualRepeatPurchases[k] : tracking.ActualRepeatPurchases[k];
            e = cumulative ? e + tracking.ExpectedRepeatPurchases[k] : tracking.ExpectedRepeatPurchases[k];
            actual.Points.Add(new DataPoint(k + 1, a));
            expected.Points.Add(new DataPoint(k + 1, e));
        }

        model.Series.Add(actual);
        model.Series.Add(expected);
        model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation { Type = OxyPlot.Annotations.LineAnnotationType.Vertical, X = tracking.CalibrationPeriods, LineStyle = LineStyle.Dash, Color = OxyColors.Gray, Text = ChartStrings.CalibrationEnd });
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPosition = OxyPlot.Legends.LegendPosition.TopLeft });
        return model;
    }
}
