using CrmKit.Cli.Localization;
using CrmKit.CareProcess;
using CrmKit.Customers;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmKit.Cli.Report.Charts;

/// <summary>Today's care actions by channel, stacked by agenda status (due, deferred, skipped, dropped).</summary>
internal static class AgendaChannelChart
{
    /// <param name="channels">The channels with at least one action, in enum order.</param>
    /// <param name="counts">Actions per (status, channel), from <see cref="ReportModel.AgendaCounts"/>.</param>
    public static PlotModel Build(IReadOnlyList<ContactChannel> channels, IReadOnlyDictionary<(AgendaStatus Status, ContactChannel Channel), int> counts)
    {
        var model = ChartStyle.Model(ChartStrings.AgendaTitle);
        model.PlotMargins = ChartStyle.LeftMargin(channels.Select(c => DisplayNames.Of(c)));
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = channels.Select(c => DisplayNames.Of(c)).ToList() });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, MinimumPadding = 0, AbsoluteMinimum = 0, Title = ChartStrings.AxisActions });
        var colors = new[] { ChartStyle.Accent, OxyColor.FromRgb(230, 170, 60), OxyColor.FromRgb(170, 170, 170), OxyColor.FromRgb(200, 80, 70) };
        foreach (var status in Enum.GetValues<AgendaStatus>())
        {
            var series = new BarSeries { Title = DisplayNames.Of(status), IsStacked = true, FillColor = colors[(int)status % colors.Length] };
            foreach (var channel in channels)
            {
                series.Items.Add(new BarItem(counts.GetValueOrDefault((status, channel))));
            }

            model.Series.Add(series);
        }

        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside, LegendPosition = OxyPlot.Legends.LegendPosition.TopCenter, LegendOrientation = OxyPlot.Legends.LegendOrientation.Horizontal });
        return model;
    }
}
