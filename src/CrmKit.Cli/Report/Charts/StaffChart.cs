using CrmKit.Cli.Localization;
using System.Collections.Immutable;
using CrmKit.Review;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>
/// Care actions due vs done per staff member (review figures), as grouped horizontal bars sorted by size as the
/// report's other bar charts (<see cref="HorizontalBarChart"/>): the most actions due at the top, then the most done,
/// then by id.
/// </summary>
internal static class StaffChart
{
    public static PlotModel Build(ImmutableArray<StaffFigures> staff)
    {
        var sorted = Sorted(staff);
        var model = ChartStyle.Model(ChartStrings.StaffTitle);
        model.PlotMargins = ChartStyle.LeftMargin(sorted.Select(Label));
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = sorted.Select(Label).ToList(), StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, MinimumPadding = 0, AbsoluteMinimum = 0, Title = ChartStrings.AxisActions });
        var due = new BarSeries { Title = ChartStrings.SeriesDue, FillColor = OxyColor.FromRgb(180, 195, 220) };
        var done = new BarSeries { Title = ChartStrings.SeriesDone, FillColor = ChartStyle.Accent };
        foreach (var s in sorted)
        {
            due.Items.Add(new BarItem(s.Due));
            done.Items.Add(new BarItem(s.Done));
        }

        model.Series.Add(due);
        model.Series.Add(done);
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside, LegendPosition = OxyPlot.Legends.LegendPosition.TopCenter, LegendOrientation = OxyPlot.Legends.LegendOrientation.Horizontal });
        return model;
    }

    // A member of staff by id; the actions no one was assigned to in the language's words ("(chưa giao ai)").
    private static string Label(StaffFigures s) => s.StaffId == StaffFigures.Unassigned ? ChartStrings.StaffUnassigned : s.StaffId;

    /// <summary>The staff in the chart's order, top first: by actions due, then done (both descending), then by id.</summary>
    internal static List<StaffFigures> Sorted(IEnumerable<StaffFigures> staff)
        => [.. staff.OrderByDescending(s => s.Due).ThenByDescending(s => s.Done).ThenBy(s => s.StaffId, StringComparer.Ordinal)];
}
