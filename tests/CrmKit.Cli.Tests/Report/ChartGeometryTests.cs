using System.Globalization;
using System.Text;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Report;
using CrmKit.Cli.Report.Charts;
using CrmKit.Engine;

namespace CrmKit.Cli.Tests.Report;

/// <summary>
/// The report's geometry check (<see cref="ReportGeometry"/>) on harder input than the sample shop: bar charts with long
/// Vietnamese labels under the report's longest chart title, zero, tiny and huge values, and every built-in process diagram with seven-digit live counts, in
/// both languages.
/// </summary>
public class ChartGeometryTests
{
    [ChromiumTheory]
    [InlineData("en")]
    [InlineData("vi")]
    public async Task Charts_HardInput_NoTextOverlapsOrIsClipped(string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = UiLanguage.Find(language)!.Culture;
        var folder = Directory.CreateTempSubdirectory("crmkit-charts-").FullName;
        try
        {
            var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
            var random = new Random(21);
            string[] names = ["Khách hàng thân thiết lâu năm ở Thành phố Hồ Chí Minh", "Mới", "Sắp ngủ đông", "Người yêu ẩm thực", "Đà Nẵng — Hội An", "VIP"];
            for (var chart = 0; chart < 6; chart++)
            {
                var count = 1 + random.Next(30);
                var bars = Enumerable.Range(0, count)
                    .Select(i => ($"{names[random.Next(names.Length)]} {i}", random.Next(5) switch { 0 => 0, 1 => random.NextDouble(), 2 => 1e6 * random.NextDouble(), _ => 100 * random.NextDouble() }))
                    .ToList();
                // Every other chart carries the longest title the report draws, above the longest labels' margin.
                var title = chart % 2 == 0 ? ChartStrings.SegmentSizesTitle : ChartStrings.RetentionTitle;
                var model = HorizontalBarChart.Build(title, bars, ChartStrings.AxisCustomers, v => Display.Number(v, "N1"), ChartStyle.Width);
                ReportFigure.Append(html, $"bars-{chart}", model, ChartStyle.Width, HorizontalBarChart.Height(count), "bars");
            }

            foreach (var process in BuiltInJourneys.Processes)
            {
                var live = process.Model.States.ToDictionary(s => s.Id, _ => 1_000_000 + random.Next(9_000_000), StringComparer.Ordinal);
                html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart diagram\" data-chart=\"process-{process.Id}\">{ProcessSvg.Render(process, live)}</figure>");
            }

            html.Append("</body></html>");
            var path = Path.Combine(folder, "charts.html");
            await File.WriteAllTextAsync(path, html.ToString());

            Assert.Empty(await ReportGeometry.ProblemsAsync(path));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            Directory.Delete(folder, recursive: true);
        }
    }
}
