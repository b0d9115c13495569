using OxyPlot;

namespace CrmKit.Cli.Report.Charts;

/// <summary>What every chart of the report shares: the accent colour and the room for category labels.</summary>
internal static class ChartStyle
{
    /// <summary>The report's accent colour (#3b5b8c, the headings' rule).</summary>
    public static readonly OxyColor Accent = OxyColor.FromRgb(59, 91, 140);

    /// <summary>Room for the longest category label (the SVG exporter's text measure is an estimate).</summary>
    public static OxyThickness LeftMargin(IEnumerable<string> labels)
        => new(20 + (6.2 * labels.DefaultIfEmpty(string.Empty).Max(l => l.Length)), double.NaN, double.NaN, double.NaN);
}
