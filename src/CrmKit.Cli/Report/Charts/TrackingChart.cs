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
        var model = new PlotModel { Title = cumulative ? "Cumulative repeat purchases: actual vs model" : "Weekly repeat purchases: actual vs model" };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "weeks since the cohort's first purchase", Minimum = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "repeat purchases", MinimumPadding = 0, AbsoluteMinimum = 0, StringFormat = "N0" });
        var actual = new LineSeries { Title = "actual", Color = ChartStyle.Accent, StrokeThickness = 2 };
        var expected = new LineSeries { Title = "model", Color = OxyColors.Black, LineStyle = LineStyle.Dash, StrokeThickness = 1.5 };
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
        model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation { Type = OxyPlot.Annotations.LineAnnotationType.Vertical, X = tracking.CalibrationPeriods, LineStyle = LineStyle.Dash, Color = OxyColors.Gray, Text = "calibration end" });
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPosition = OxyPlot.Legends.LegendPosition.TopLeft });
        return model;
    }
}
