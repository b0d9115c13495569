using System.Globalization;
using System.Text;
using OxyPlot;
using static CrmKit.Cli.Report.ProcessSvg;

namespace CrmKit.Cli.Report;

/// <summary>A chart exported by OxyPlot as inline SVG in a captioned figure.</summary>
internal static class ReportFigure
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder html, string id, PlotModel model, int width, int height, string caption)
    {
        model.DefaultFont = "sans-serif";
        // Laid out with the widths of the widest common sans-serif face (ChartText), not the exporter's default
        // Helvetica measure, so no label outgrows the room reserved for it in the reader's browser.
        // Each export numbers its clip paths from 1: prefix them so charts in one page do not clip each other.
        var svg = SvgExporter.ExportToString(model, width, height, isDocument: false, Charts.ChartTextMeasure.Instance)
            .Replace("id=\"clipPath", $"id=\"{id}-clipPath", StringComparison.Ordinal)
            .Replace("url(#clipPath", $"url(#{id}-clipPath", StringComparison.Ordinal);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        html.Append(Inv, $"<figure class=\"chart\" data-chart=\"{Html(id)}\">{svg}<figcaption>{Html(caption)}</figcaption></figure>");
    }
}
