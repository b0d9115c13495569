using System.Globalization;
using CrmKit.Cli.Localization;
using CrmKit.Review;
using NodaTime;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// Cohort retention: acquisition month × months since, as a heat map with the share written in each cell. Month 0 is the
/// acquisition month itself — 100 % by definition — so it is drawn grey beside the colour scale, which spans months 1 on
/// (else its whole range went to month 0 and every later month looked the same pale colour, issue 21).
/// </summary>
internal static class CohortRetentionChart
{
    /// <summary>The cells' labels' font size in px (a 24-month row fits "100 %" in each cell at the report's width).</summary>
    private const double CellFontSize = 9;

    private static readonly OxyColor MonthZero = OxyColor.FromRgb(225, 225, 225);

    public static PlotModel Build(ReviewFigures review)
    {
        var cohorts = review.Cohorts;
        var months = cohorts.Max(c => c.Retention.Length);
        var highest = cohorts.SelectMany(c => c.Retention.Skip(1)).DefaultIfEmpty(0).Max();
        var top = Math.Max(highest, 0.01);
        var model = ChartStyle.Model(ChartStrings.CohortTitle);
        model.Subtitle = ChartStrings.CohortMonthZero;
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right,
            Palette = OxyPalette.Interpolate(100, OxyColor.FromRgb(247, 251, 255), OxyColor.FromRgb(107, 174, 214), OxyColor.FromRgb(8, 48, 107)),
            Minimum = 0,
            Maximum = top,
            HighColor = OxyColor.FromRgb(8, 48, 107),
            InvalidNumberColor = OxyColors.Transparent,
            Title = ChartStrings.CohortColorAxis,
            StringFormat = "0 %",
        });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = ChartStrings.CohortMonthsSince, MajorStep = 1, MinorStep = 1, Minimum = -0.5, Maximum = months - 0.5 });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = ChartStrings.CohortAcquisitionMonth,
            MinimumMajorStep = 1,
            StartPosition = 1,
            EndPosition = 0,
            Minimum = -0.5,
            Maximum = cohorts.Length - 0.5,
            LabelFormatter = v => v >= 0 && v < cohorts.Length && Math.Abs(v - Math.Round(v)) < 1e-9 ? Month(cohorts[(int)Math.Round(v)].Cohort) : string.Empty,
        });

        if (months > 1)
        {
            var data = new double[months - 1, cohorts.Length];
            for (var y = 0; y < cohorts.Length; y++)
            {
                for (var k = 1; k < months; k++)
                {
                    data[k - 1, y] = k < cohorts[y].Retention.Length ? cohorts[y].Retention[k] : double.NaN;
                }
            }

            model.Series.Add(new HeatMapSeries
            {
                CoordinateDefinition = HeatMapCoordinateDefinition.Edge,
                X0 = 0.5,
                X1 = months - 0.5,
                Y0 = -0.5,
                Y1 = cohorts.Length - 0.5,
                Data = data,
                RenderMethod = HeatMapRenderMethod.Rectangles,
                Interpolate = false,
            });
        }

        for (var y = 0; y < cohorts.Length; y++)
        {
            model.Annotations.Add(new RectangleAnnotation { MinimumX = -0.5, MaximumX = 0.5, MinimumY = y - 0.5, MaximumY = y + 0.5, Fill = MonthZero, Layer = AnnotationLayer.BelowSeries });
            for (var k = 0; k < cohorts[y].Retention.Length; k++)
            {
                var share = cohorts[y].Retention[k];
                model.Annotations.Add(new TextAnnotation
                {
                    Text = (100 * share).ToString("0", Display.NumberCulture) + " %",
                    TextPosition = new DataPoint(k, y),
                    TextHorizontalAlignment = HorizontalAlignment.Center,
                    TextVerticalAlignment = VerticalAlignment.Middle,
                    FontSize = CellFontSize,
                    // Dark cells (the upper 40 % of the scale) take white text.
                    TextColor = k > 0 && share > 0.6 * top ? OxyColors.White : OxyColors.Black,
                    StrokeThickness = 0,
                    Layer = AnnotationLayer.AboveSeries,
                });
            }
        }

        return model;
    }

    /// <summary>An acquisition month as the reader writes it: <c>09/2025</c> in Vietnamese, <c>2025-09</c> in English.</summary>
    private static string Month(YearMonth month)
        => month.ToString(UiLanguage.Current == UiLanguage.Vietnamese ? "MM/uuuu" : "uuuu-MM", CultureInfo.InvariantCulture);
}
