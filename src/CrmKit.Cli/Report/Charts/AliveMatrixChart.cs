using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Probability alive by frequency and recency for the oldest customer's age, under the chosen count model.</summary>
internal static class AliveMatrixChart
{
    public static PlotModel Build(ValueAnalysisResult clv)
    {
        var age = clv.Predictions.Max(p => p.Summary.Age);
        var maxFrequency = Math.Max(1, Math.Min(40, clv.Predictions.Max(p => (int)p.Summary.Frequency)));
        var columns = Math.Max(2, (int)Math.Ceiling(age)) + 1;
        var data = new double[columns, maxFrequency + 1];
        for (var r = 0; r < columns; r++)
        {
            var recency = Math.Min(age, r);
            for (var f = 0; f <= maxFrequency; f++)
            {
                data[r, f] = f == 0 && r > 0 ? double.NaN : clv.Count!.ProbabilityAlive(f, f == 0 ? 0 : recency, age);
            }
        }

        var model = ChartStyle.Model(ChartStrings.AliveTitle);
        model.Axes.Add(new LinearColorAxis { Position = AxisPosition.Right, Palette = OxyPalettes.Viridis(100), Minimum = 0, Maximum = 1, InvalidNumberColor = OxyColors.Transparent, Title = ChartStrings.AliveColorAxis });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = ChartStrings.AliveRecency });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = ChartStrings.AliveFrequency });
        model.Series.Add(new HeatMapSeries { X0 = 0, X1 = columns - 1, Y0 = 0, Y1 = maxFrequency, Data = data, RenderMethod = HeatMapRenderMethod.Rectangles, Interpolate = false });
        return model;
    }
}
