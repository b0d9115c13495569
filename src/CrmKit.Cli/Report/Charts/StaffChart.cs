using CrmKit.Cli.Localization;
using System.Collections.Immutable;
using CrmKit.Review;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Care actions due vs done per staff member (review figures), as grouped horizontal bars.</summary>
internal static class StaffChart
{
    public static PlotModel Build(ImmutableArray<StaffFigures> staff)
    {
        var model = ChartStyle.Model(ChartStrings.StaffTitle);
        model.PlotMargins = ChartStyle.LeftMargin(staff.Select(s => s.StaffId));
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = staff.Select(s => s.StaffId).ToList() });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, MinimumPadding = 0, AbsoluteMinimum = 0, Title = ChartStrings.AxisActions });
        var due = new BarSeries { Title = ChartStrings.SeriesDue, FillColor = OxyColor.FromRgb(180, 195, 220) };
        var done = new BarSeries { Title = ChartStrings.SeriesDone, FillColor = ChartStyle.Accent };
        foreach (var s in staff)
        {
            due.Items.Add(new BarItem(s.Due));
            done.Items.Add(new BarItem(s.Done));
        }

        model.Series.Add(due);
        model.Series.Add(done);
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside, LegendPosition = OxyPlot.Legends.LegendPosition.TopCenter, LegendOrientation = OxyPlot.Legends.LegendOrientation.Horizontal });
        return model;
    }
}
