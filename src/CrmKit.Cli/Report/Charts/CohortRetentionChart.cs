using System.Globalization;
using CrmKit.Review;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Cohort retention: acquisition month × months since, as a heat map.</summary>
internal static class CohortRetentionChart
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static PlotModel Build(ReviewFigures review)
    {
        var cohorts = review.Cohorts;
        var months = cohorts.Max(c => c.Retention.Length);
        var data = new double[months, cohorts.Length];
        var highest = 0.0;
        for (var y = 0; y < cohorts.Length; y++)
        {
            for (var k = 0; k < months; k++)
            {
                data[k, y] = k < cohorts[y].Retention.Length ? cohorts[y].Retention[k] : double.NaN;
                highest = k > 0 && k < cohorts[y].Retention.Length ? Math.Max(highest, cohorts[y].Retention[k]) : highest;
            }
        }

        var model = new PlotModel { Title = "Cohort retention (acquisition month × months since)" };
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalette.Interpolate(100, OxyColor.FromRgb(247, 251, 255), OxyColor.FromRgb(107, 174, 214), OxyColor.FromRgb(8, 48, 107)), Minimum = 0, Maximum = Math.Max(highest, 0.01), HighColor = OxyColor.FromRgb(8, 48, 107), InvalidNumberColor = OxyColors.Transparent, Title = "retained" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "months since first purchase", MinimumMajorStep = 1 });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = "acquisition month",
            MinimumMajorStep = 1,
            StartPosition = 1,
            EndPosition = 0,
            LabelFormatter = v => v >= 0 && v < cohorts.Length && Math.Abs(v - Math.Round(v)) < 1e-9 ? cohorts[(int)Math.Round(v)].Cohort.ToString("uuuu-MM", Inv) : string.Empty,
        });
        model.Series.Add(new HeatMapSeries { X0 = 0, X1 = months - 1, Y0 = 0, Y1 = cohorts.Length - 1, Data = data, RenderMethod = HeatMapRenderMethod.Rectangles, Interpolate = false });
        return model;
    }
}
