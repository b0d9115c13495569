using CrmKit.Cli.Localization;
using OxyPlot;

namespace CrmKit.Cli.Report.Charts;

/// <summary>What every chart of the report shares: the model's font and number culture, the accent colour and the room for category labels.</summary>
internal static class ChartStyle
{
    /// <summary>The report's accent colour (#3b5b8c, the headings' rule).</summary>
    public static readonly OxyColor Accent = OxyColor.FromRgb(59, 91, 140);

    /// <summary>The width in px the report draws its charts at.</summary>
    public const int Width = 900;

    /// <summary>OxyPlot's default font size in px (axis labels, legends), which <see cref="CategoryMargin"/> measures with.</summary>
    private const double FontSize = 12;

    /// <summary>
    /// A chart titled <paramref name="title"/> whose tick labels are written in the invocation's number culture
    /// (<see cref="Display.NumberCulture"/>: <c>1.234.567</c> in Vietnamese, <c>1,234,567</c> in English). The title is
    /// centred on the whole chart, not on the plot area: a plot pushed right by long category labels would otherwise
    /// push a long title past the chart's right edge.
    /// </summary>
    public static PlotModel Model(string title)
        => new() { Title = title, TitleHorizontalAlignment = TitleHorizontalAlignment.CenteredWithinView, Culture = Display.NumberCulture, DefaultFont = "sans-serif", DefaultFontSize = FontSize };

    /// <summary>Room in px for the longest category label left of a plot, measured with <see cref="ChartText"/>.</summary>
    public static double CategoryMargin(IEnumerable<string> labels)
        => 20 + labels.Select(l => ChartText.Width(l, FontSize)).DefaultIfEmpty(0).Max();

    /// <summary><see cref="CategoryMargin"/> as the plot's left margin, the other sides automatic.</summary>
    public static OxyThickness LeftMargin(IEnumerable<string> labels) => new(CategoryMargin(labels), double.NaN, double.NaN, double.NaN);
}
