using System.Collections.Concurrent;
using System.Text.Json;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>
/// The HTML report of <c>crmkit run</c> over the bundled seeds (English, contacts masked), written once per test run
/// and shared by every test class that takes it as a fixture (ReportTests, ReportTodayTests, CareEngineRunTests,
/// RunSummaryLanguageTests only read it); its folder is removed when the test process exits.
/// </summary>
public class SeedsReport : IDisposable
{
    // Options joined with a separator no option contains → the one report written with those options in this test run.
    private static readonly ConcurrentDictionary<string, Lazy<Written>> Reports = new(StringComparer.Ordinal);

    public SeedsReport()
        : this([])
    {
    }

    /// <summary>The report with more options of <c>crmkit run</c> (e.g. <c>--lang vi --show-contacts</c>).</summary>
    protected internal SeedsReport(params string[] options)
    {
        var written = Reports.GetOrAdd(string.Join('\u001f', options), _ => new(() => Written.Run(options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        (Folder, Path, ExitCode, Output, Error, Html) = (written.Folder, written.Path, written.ExitCode, written.Output, written.Error, written.Html);
    }

    public string Folder { get; }

    public string Path { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    public string Html { get; }

    /// <summary>Nothing to do: the shared report outlives each test class; its folder goes when the process exits.</summary>
    public void Dispose() => GC.SuppressFinalize(this);

    private sealed record Written(string Folder, string Path, int ExitCode, string Output, string Error, string Html)
    {
        public static Written Run(string[] options)
        {
            var folder = Directory.CreateTempSubdirectory("crmkit-report-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
            var path = System.IO.Path.Combine(folder, "report.html");
            var (code, output, error) = CliRunner.Run(["run", "--data", RepositoryRoot.Path("seeds", "store"), "--report", path, .. options]);
            return new(folder, path, code, output, error, File.ReadAllText(path));
        }
    }
}

/// <summary>The same report in Vietnamese (<c>--lang vi</c>).</summary>
public class ReportTests(SeedsReport report) : IClassFixture<SeedsReport>
{
    internal static readonly string[] Charts =
    [
        "retention-by-segment", "cohort-retention", "staff", "segment-sizes", "clv-tracking-cumulative", "clv-tracking-weekly", "clv-conditional", "clv-distribution", "probability-alive", "agenda-by-channel",
        // Only the processes the sample shop uses (a journey enrolled a customer in the replay, or an instance is live).
        "process-customer-lifecycle", "process-customer-activity", "process-after-sale", "process-support-ticket",
        "process-win-back", "process-birthday-greeting", "process-tet-greeting",
    ];

    // Built in but unused by the sample shop: no journey of the replay enrolled anyone in them.
    private static readonly string[] Unused = ["process-pre-sale", "process-warranty-case", "process-vip-welcome"];

    [Fact]
    public void Run_Seeds_WritesASelfContainedReportWithEveryChart()
    {
        Assert.Equal(0, report.ExitCode);
        Assert.Contains($"  report     {report.Path}", report.Output, StringComparison.Ordinal);
        foreach (var chart in Charts)
        {
            Assert.Contains($"data-chart=\"{chart}\"><", report.Html, StringComparison.Ordinal);
        }

        foreach (var chart in Unused)
        {
            Assert.DoesNotContain($"data-chart=\"{chart}\"", report.Html, StringComparison.Ordinal);
        }

        // Self-contained: nothing is fetched when the page opens.
        Assert.DoesNotContain("<script src", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", report.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", report.Html.Replace("http://www.w3.org/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", report.Html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Report_InHeadlessChromium_RendersEveryChartWithoutConsoleErrors()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(report.Path).AbsoluteUri);

        var figures = await browser.EvaluateAsync("""
            [...document.querySelectorAll('figure.chart')].map(f => {
              const svg = f.querySelector('svg');
              const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
              return { chart: f.dataset.chart, width: box.width, height: box.height,
                       shapes: svg ? svg.querySelectorAll('rect, polyline, polygon, path, circle, text').length : 0 };
            })
            """);
        var rendered = figures!.AsArray().Select(f => (Chart: (string)f!["chart"]!, Width: (double)f["width"]!, Height: (double)f["height"]!, Shapes: (int)f["shapes"]!)).ToList();

        Assert.Equal(Charts.Order(StringComparer.Ordinal), rendered.Select(r => r.Chart).Order(StringComparer.Ordinal));
        Assert.All(rendered, r =>
        {
            Assert.True(r.Width > 100 && r.Height > 100, $"{r.Chart}: {r.Width} × {r.Height} px");
            // A process diagram draws at least a box, a label and an arrow per state (a two-state greeting is small);
            // a chart, more than 10 shapes.
            var least = r.Chart.StartsWith("process-", StringComparison.Ordinal) ? 3 * States(r.Chart) : 11;
            Assert.True(least > 5 && r.Shapes >= least, $"{r.Chart}: {r.Shapes} shapes, expected at least {least}");
        });
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task Report_InHeadlessChromium_NoChartOrDiagramTextOverlapsOrIsClipped()
        => Assert.Empty(await ReportGeometry.ProblemsAsync(report.Path));

    [Fact]
    public void Report_RetentionBySegment_LargestFirstWithPercentLabels()
    {
        var labels = ReportGeometry.BarLabels(report.Html, "retention-by-segment", @"^(\d+)\.(\d) %$");

        Assert.True(labels.Count >= 10, $"{labels.Count} labels");
        Assert.Equal(labels.OrderByDescending(v => v), labels);
    }

    [Fact]
    public void Report_SegmentSizes_LargestFirstWithCountLabels()
    {
        var labels = ReportGeometry.BarLabels(report.Html, "segment-sizes", @"^(\d{1,3}(?:,\d{3})*)()$");

        Assert.True(labels.Count >= 10, $"{labels.Count} labels");
        Assert.Equal(labels.OrderByDescending(v => v), labels);
    }

    private int States(string chart)
        => System.Text.RegularExpressions.Regex.Count(
            System.Text.RegularExpressions.Regex.Match(report.Html, $"data-chart=\"{chart}\">.*?</figure>", System.Text.RegularExpressions.RegexOptions.Singleline).Value,
            "<g class=\"state\" data-state=");

    [Fact]
    public void Run_Json_PrintsTheSummaryAsOneObject()
    {
        var (code, output, _) = CliRunner.Shared("run", "--data", RepositoryRoot.Path("seeds", "store"), "--no-report", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(4998, root.GetProperty("customers").GetInt32());
        Assert.Equal(116, root.GetProperty("merged").GetInt32());
        // --model auto (the default): on the bundled shop BG/NBD predicts the held-out half-year best (MBG/NBD within noise).
        Assert.Equal("BG/NBD", root.GetProperty("clv").GetProperty("model").GetString());
        Assert.Equal("BG/NBD", root.GetProperty("clv").GetProperty("modelChoice").GetProperty("chosen").GetString());
        Assert.Equal(3, root.GetProperty("clv").GetProperty("modelChoice").GetProperty("scores").GetArrayLength());
        Assert.Equal(4108, root.GetProperty("clv").GetProperty("customers").GetInt32());
        Assert.Equal(40, root.GetProperty("segments").EnumerateObject().Count());
        var retention = root.GetProperty("review").GetProperty("customers").GetProperty("retentionRate").GetDouble();
        Assert.InRange(retention, 0, 1);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("report").ValueKind);
    }
}

/// <summary>The Vietnamese report's charts (the one Vietnamese run of the bundled shop, <see cref="VietnameseSeedsReport"/>, shared with <see cref="ReportTodayTests"/>).</summary>
public class VietnameseReportTests(VietnameseSeedsReport vietnamese) : IClassFixture<VietnameseSeedsReport>
{
    private readonly SeedsReport report = vietnamese.Report;

    [Fact]
    public void Run_LangVi_WritesTheReport()
    {
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("<figure class=\"chart\"", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LangVi_TopCustomersValueInDongAndNoExponentFigures()
    {
        var table = System.Text.RegularExpressions.Regex.Match(report.Html, "<table data-table=\"top-customers\">.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var values = System.Text.RegularExpressions.Regex.Matches(table, "<td>([^<]*)</td></tr>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(20, values.Count);
        Assert.All(values, v => Assert.Matches(@"^\d{1,3}(\.\d{3})* ₫$", v));
        // A fitted parameter such as the spend model's v (millions of đồng) is a whole number, never '3,589E+06'.
        Assert.DoesNotMatch(@"\d,\d+E\+\d", report.Html);
        Assert.DoesNotContain(">phoneCall<", report.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("huỷ bỏ", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_LangVi_BarLabelsInVietnameseNumbers()
    {
        // vi-VN: decimal comma and a space before %, dots between thousands.
        Assert.True(ReportGeometry.BarLabels(report.Html, "retention-by-segment", @"^(\d+),(\d) %$").Count >= 10);
        Assert.Contains(ReportGeometry.BarLabels(report.Html, "segment-sizes", @"^(\d{1,3}(?:\.\d{3})+)()$"), v => v >= 1000);
        Assert.Contains(">Số khách hàng trong mỗi nhóm khách</text>", report.Html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Report_LangVi_InHeadlessChromium_NoChartOrDiagramTextOverlapsOrIsClipped()
        => Assert.Empty(await ReportGeometry.ProblemsAsync(report.Path));
}
