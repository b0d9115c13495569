using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmKit.Cli.Localization;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>The bundled shop's report in Vietnamese with contacts shown (<c>--lang vi --show-contacts</c>).</summary>
public sealed class VietnameseSeedsReport : IDisposable
{
    public SeedsReport Report { get; } = new("--lang", "vi", "--show-contacts");

    public void Dispose() => Report.Dispose();
}

/// <summary>
/// Issue 21, "a report that starts with today": the section order, the table of contents, names beside ids, contacts
/// masked unless <c>--show-contacts</c>, and the Vietnamese report. Names, phones, emails and staff are checked
/// against the seed files read here with a plain CSV split, not through CrmKit's importer.
/// </summary>
public sealed partial class ReportTodayTests(SeedsReport english, VietnameseSeedsReport vietnamese) : IClassFixture<SeedsReport>, IClassFixture<VietnameseSeedsReport>
{
    private static readonly string[] SectionOrder = ["today", "overview", "review", "segments", "clv", "care-engine", "processes"];
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi");

    private string English => english.Html;

    private string Vietnamese => vietnamese.Report.Html;

    [Fact]
    public void Report_ModelChoice_IsInTheReportsLanguage()
    {
        // Issue 21: the CLV model choice caption is rendered from the comparison's scores (English: the invariant
        // Reason, as before).
        var vi = WebUtility.HtmlDecode(Vietnamese);
        Assert.Contains("<caption>Chọn mô hình bằng dữ liệu kiểm tra (dữ liệu ước lượng đến 01/05/2026): BG/NBD dự đoán sát nhất giai đoạn kiểm tra: sai số căn quân phương (RMSE) của số lần mua mỗi khách trong giai đoạn kiểm tra thấp nhất (0,9297; so với MBG/NBD 0,9342 (chênh lệch nằm trong sai số ngẫu nhiên), Pareto/NBD 1,0172; MAE 0,5291, sai số tổng 30,5 %), giai đoạn kiểm tra dài 26,14 tuần</caption>", vi, StringComparison.Ordinal);
        Assert.Contains("<caption>Model choice by holdout (calibration to 2026-05-01): BG/NBD predicts the holdout best: lowest root mean squared error of holdout purchases per customer (0.9297, against MBG/NBD 0.9342, within noise, Pareto/NBD 1.0172; MAE 0.5291, aggregate error 30.5 %) over a holdout of 26.14 weeks</caption>", WebUtility.HtmlDecode(English), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_StartsWithTodaysActions_ThenTheOverview()
    {
        Assert.Equal(0, vietnamese.Report.ExitCode);
        foreach (var html in new[] { English, Vietnamese })
        {
            Assert.Equal(SectionOrder, H2Ids(html));
            var contents = html.IndexOf("<nav class=\"contents\"", StringComparison.Ordinal);
            Assert.InRange(contents, 0, html.IndexOf("<h2 id=\"today\"", StringComparison.Ordinal));
            // Today's actions (the staff groups) come before the overview's first card.
            Assert.True(html.IndexOf("<h3 data-staff=", StringComparison.Ordinal) < html.IndexOf("<div class=\"cards\">", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Contents_ListsEverySection_AndEveryInPageLinkResolves()
    {
        foreach (var html in new[] { English, Vietnamese })
        {
            var nav = Regex.Match(html, "<nav class=\"contents\".*?</nav>", RegexOptions.Singleline).Value;
            var listed = Regex.Matches(nav, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(SectionOrder, listed);
            var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var links = Regex.Matches(html, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.True(links.Count > listed.Count, "the today section links to the care engine too");
            Assert.All(links, link => Assert.Contains(link, ids));
            // Each entry reads as its section's heading.
            foreach (var id in listed)
            {
                var title = Regex.Match(nav, $"href=\"#{id}\">([^<]+)</a>").Groups[1].Value;
                Assert.Contains($"<h2 id=\"{id}\">{title}</h2>", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Today_ListsEachDueActionUnderTheCustomersStaff_WithTheNameBesideTheId()
    {
        var rows = TodayRows(English);
        // The bundled shop has 15 actions due on its last day, by channel Zalo 10, email 4, phone call 1 (the text
        // summary's agenda line); every one is listed.
        Assert.Equal(15, rows.Count);
        Assert.Equal([("Zalo", 10), ("email", 4), ("phone call", 1)], rows.GroupBy(r => r.Channel).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2));
        Assert.Contains("15 care actions are due on 2026-10-31 (the day of the data&#39;s last sale, or --as-of)", English, StringComparison.Ordinal);
        var seeds = Seeds.Value;
        foreach (var row in rows)
        {
            Assert.Equal(seeds.Customers[row.Id].Name, row.Name);
            // The staff member of the customer's latest interaction at or before the action (interactions.csv).
            var staff = seeds.Interactions.Where(i => i.Customer == row.Id && i.Staff.Length > 0 && i.At <= row.Time)
                .OrderBy(i => i.At).Select(i => i.Staff).LastOrDefault() ?? "(unassigned)";
            Assert.Equal(staff, row.Staff);
        }

        Assert.True(rows.Select(r => r.Staff).Distinct().Count() > 2, "the seeds' actions belong to several staff members");
        // Channels in each language: the VIP check-in is a phone call.
        Assert.Equal(["Zalo", "email", "phone call"], rows.Select(r => r.Channel).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["Zalo", "email", "gọi điện"], TodayRows(Vietnamese).Select(r => r.Channel).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(rows.Select(r => r.Staff).Distinct(), rows.Select(r => r.Staff).Distinct().OrderBy(s => s == "(unassigned)").ThenBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Contacts_AreMaskedByDefault_AndWholeWithShowContacts()
    {
        var seeds = Seeds.Value;
        var masked = TodayRows(English);
        var shown = TodayRows(Vietnamese);
        Assert.Equal(masked.Select(r => r.Id), shown.Select(r => r.Id));
        Assert.DoesNotContain("data-personal-data", English, StringComparison.Ordinal);
        Assert.DoesNotContain("personal data", english.Error, StringComparison.Ordinal);
        Assert.Contains($"crmkit: báo cáo {vietnamese.Report.Path} chứa dữ liệu cá nhân (số điện thoại và email của khách hàng, --show-contacts)", vietnamese.Report.Error, StringComparison.Ordinal);
        Assert.Contains("<p class=\"personal-data\" data-personal-data=\"contacts\"><b>Báo cáo này chứa dữ liệu cá nhân.</b>", WebUtility.HtmlDecode(Vietnamese), StringComparison.Ordinal);
        foreach (var (hidden, whole) in masked.Zip(shown))
        {
            var customer = seeds.Customers[hidden.Id];
            if (hidden.Channel == "email")
            {
                Assert.Equal(customer.Email, whole.Contact);
                Assert.Equal($"{customer.Email[0]}***{customer.Email[customer.Email.IndexOf('@', StringComparison.Ordinal)..]}", hidden.Contact);
            }
            else
            {
                // National form (0389 584 939) in the report, E.164 (+84389584939) in the file.
                Assert.Matches(@"^0\d{3} \d{3} \d{3}$", whole.Contact);
                Assert.Equal(customer.Phone, "+84" + whole.Contact[1..].Replace(" ", string.Empty, StringComparison.Ordinal));
                Assert.Equal(MaskedPhone(customer.Phone), hidden.Contact);
            }

            // Without --show-contacts the customer's phone and email appear nowhere in the page, in any form.
            foreach (var contact in new[] { customer.Phone, "0" + customer.Phone[3..], whole.Contact, customer.Email })
            {
                if (contact.Length > 4)
                {
                    Assert.DoesNotContain(contact, English, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void TopCustomers_ShowTheNameBesideTheId_AndThePhoneOnlyWithShowContacts()
    {
        var seeds = Seeds.Value;
        foreach (var (html, whole) in new[] { (English, false), (Vietnamese, true) })
        {
            var table = Regex.Match(html, "<table data-table=\"top-customers\">.*?</table>", RegexOptions.Singleline).Value;
            var rows = Regex.Matches(table, "<tr><td>([^<]+)</td><td class=\"text\">([^<]+)</td><td class=\"text\">([^<]+)</td>").ToList();
            Assert.Equal(20, rows.Count);
            foreach (var row in rows)
            {
                var customer = seeds.Customers[row.Groups[1].Value];
                Assert.Equal(customer.Name, WebUtility.HtmlDecode(row.Groups[2].Value));
                var phone = WebUtility.HtmlDecode(row.Groups[3].Value);
                if (customer.Phone.Length == 0)
                {
                    Assert.Equal("–", phone);
                }
                else if (whole)
                {
                    Assert.Equal(customer.Phone, "+84" + phone[1..].Replace(" ", string.Empty, StringComparison.Ordinal));
                }
                else
                {
                    Assert.Equal(MaskedPhone(customer.Phone), phone);
                }
            }
        }
    }

    [Fact]
    public void SegmentTables_ShowTheCatalogueNameBesideTheId()
    {
        // Names as seeds/segments.json writes them (a plain string, or the English of a {"vi", "en"} object).
        using var catalog = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Path("seeds", "segments.json")));
        var names = catalog.RootElement.GetProperty("segments").EnumerateArray().ToDictionary(
            s => s.GetProperty("id").GetString()!,
            s => s.GetProperty("name") is { ValueKind: JsonValueKind.Object } n ? n.GetProperty("en").GetString()! : s.GetProperty("name").GetString()!);
        var review = Regex.Match(English, "<h2 id=\"review\">.*?<h2 id=\"segments\">", RegexOptions.Singleline).Value;
        var labels = Regex.Matches(review, "<tr><td>([a-z0-9-]+) — ([^<]+)</td>").ToList();
        Assert.True(labels.Count >= 20, $"{labels.Count} segment rows");
        Assert.All(labels, l => Assert.Equal(names[l.Groups[1].Value], WebUtility.HtmlDecode(l.Groups[2].Value)));
    }

    [Fact]
    public void Vietnamese_HasLangVi_VietnameseHeadingsAndFigures()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", English, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"vi\">", Vietnamese, StringComparison.Ordinal);
        var headings = Regex.Matches(Vietnamese, "<h2 id=\"[^\"]+\">([^<]+)</h2>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal(["Việc cần làm ngày 31/10/2026", "Tổng quan", "Chỉ số kinh doanh và chăm sóc", "Nhóm khách hàng", "Giá trị vòng đời khách hàng", "Hệ thống chăm sóc tự động", "Quy trình chăm sóc"], headings);
        // The issue's figure for the bundled shop (revenue of the last 90 days), in vi-VN's and in the invariant form.
        var text = WebUtility.HtmlDecode(Vietnamese);
        Assert.Contains("<div class=\"card\"><b>1.114.829.000 ₫</b>doanh thu 90 ngày qua</div>", text, StringComparison.Ordinal);
        Assert.Contains("<div class=\"card\"><b>1,114,829,000 VND</b>revenue, last 90 days</div>", English, StringComparison.Ordinal);
        Assert.Contains("Mọi số liệu trong báo cáo tính tại thời điểm 31/10/2026 20:49 (Asia/Ho_Chi_Minh)", text, StringComparison.Ordinal);
        Assert.Contains("Every figure in this report is taken at 2026-10-31 20:49 (Asia/Ho_Chi_Minh)", English, StringComparison.Ordinal);
        Assert.DoesNotContain(" VND", Vietnamese, StringComparison.Ordinal);
        // Amounts in the segment table: '.' groups, '₫' after.
        Assert.Matches(@"<td>\d{1,3}(\.\d{3})+ ₫</td>", Vietnamese);
    }

    [Fact]
    public void Vietnamese_LeavesNoEnglishReportTextBehind()
    {
        var englishTable = ReportStrings.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        var checks = englishTable
            .Where(e => e.Value != ReportStrings.ResourceManager.GetString(e.Key, Vi))
            .Select(e => (e.Key, Patterns: Patterns(e.Value)))
            .Where(e => e.Patterns.Length > 0)
            .ToList();
        var vietnamese = ReportText(Vietnamese);
        var left = checks.SelectMany(c => c.Patterns.Select(p => (c.Key, At: vietnamese.IndexOf(p, StringComparison.Ordinal))))
            .Where(c => c.At >= 0)
            .Select(c => $"{c.Key} in …{vietnamese[Math.Max(0, c.At - 80)..Math.Min(vietnamese.Length, c.At + 40)]}…")
            .ToList();
        Assert.True(left.Count == 0, "English left in the Vietnamese report: " + string.Join("\n", left));
        // Not vacuous: the same patterns find most of the texts in the English report.
        var english = ReportText(English);
        var found = checks.Count(c => c.Patterns.Any(p => english.Contains(p, StringComparison.Ordinal)));
        Assert.True(found > 100, $"only {found} of {checks.Count} English texts found in the English report");
    }

    // The report's own text: charts (ChartStrings' area) and the text cells of tables (names, templates, roles and
    // reasons from the data, the definitions and the libraries) left out.
    private static string ReportText(string html)
        => TextCell().Replace(Svg().Replace(html, string.Empty), string.Empty);

    // How an English resource shows in a page: without placeholders, as an element's whole content or a title's (a
    // tooltip's) or label's whole value; with them, its longest literal part of 12 characters or more anywhere.
    private static string[] Patterns(string text)
    {
        var encoded = WebUtility.HtmlEncode(text);
        if (!PlaceholderPattern().IsMatch(text))
        {
            return [$">{encoded}<", $"title=\"{encoded}\"", $"aria-label=\"{encoded}\""];
        }

        var part = PlaceholderPattern().Split(text).Where(p => p.Length >= 12).OrderByDescending(p => p.Length).FirstOrDefault();
        return part is null ? [] : [WebUtility.HtmlEncode(part)];
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<td class=\"text\">.*?</td>", RegexOptions.Singleline)]
    private static partial Regex TextCell();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [ChromiumFact]
    public async Task Vietnamese_InHeadlessChromium_RendersEveryChartWithoutConsoleErrors()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(vietnamese.Report.Path).AbsoluteUri);
        var figures = await browser.EvaluateAsync("""
            [...document.querySelectorAll('figure.chart')].map(f => {
              const box = f.querySelector('svg')?.getBoundingClientRect();
              return { chart: f.dataset.chart, width: box ? box.width : 0, height: box ? box.height : 0 };
            })
            """);
        var rendered = figures!.AsArray().Select(f => (Chart: (string)f!["chart"]!, Width: (double)f["width"]!, Height: (double)f["height"]!)).ToList();

        Assert.Equal(ReportTests.Charts.Order(StringComparer.Ordinal), rendered.Select(r => r.Chart).Order(StringComparer.Ordinal));
        Assert.All(rendered, r => Assert.True(r.Width > 100 && r.Height > 100, $"{r.Chart}: {r.Width} × {r.Height} px"));
        Assert.Equal("vi", (string?)await browser.EvaluateAsync("document.documentElement.lang"));
        Assert.Empty(browser.Errors);
    }

    // A Vietnamese number masked as PersonalData.MaskPhone documents it: +84 912 345 678 → +84 9** *** *78.
    private static string MaskedPhone(string e164) => $"+84 {e164[3]}** *** *{e164[^2..]}";

    private static List<string> H2Ids(string html) => [.. Regex.Matches(html, "<h2 id=\"([^\"]+)\">").Select(m => m.Groups[1].Value)];

    private sealed record TodayRow(string Staff, DateTimeOffset Time, string Id, string Name, string Contact, string Channel);

    // The rows of the today section, in page order, with the staff group each is under.
    private static List<TodayRow> TodayRows(string html)
    {
        var today = Regex.Match(html, "<h2 id=\"today\">.*?<h2 id=\"overview\">", RegexOptions.Singleline).Value;
        var rows = new List<TodayRow>();
        foreach (Match group in Regex.Matches(today, "<h3 data-staff=\"([^\"]+)\">.*?</table>", RegexOptions.Singleline))
        {
            foreach (Match row in Regex.Matches(group.Value, "<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"text\">([^<]+)</td><td class=\"text\">([^<]+)</td><td class=\"text\">([^<]+)</td>"))
            {
                // The shop's zone is Asia/Ho_Chi_Minh (+07:00, no daylight saving); times are written 2026-10-31 09:00 or 31/10/2026 09:00.
                var time = DateTime.ParseExact(row.Groups[1].Value, ["yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None);
                rows.Add(new TodayRow(
                    WebUtility.HtmlDecode(group.Groups[1].Value),
                    new DateTimeOffset(time, TimeSpan.FromHours(7)),
                    row.Groups[2].Value,
                    WebUtility.HtmlDecode(row.Groups[3].Value),
                    WebUtility.HtmlDecode(row.Groups[4].Value),
                    WebUtility.HtmlDecode(row.Groups[5].Value)));
            }
        }

        return rows;
    }

    private sealed record SeedCustomer(string Name, string Phone, string Email);

    private sealed record SeedInteraction(string Customer, DateTimeOffset At, string Staff);

    private sealed record SeedFiles(Dictionary<string, SeedCustomer> Customers, List<SeedInteraction> Interactions);

    private static readonly Lazy<SeedFiles> Seeds = new(() =>
    {
        var customers = Rows("customers.csv").ToDictionary(r => r["customer_id"], r => new SeedCustomer(r["name"], r["phone"], r["email"]), StringComparer.Ordinal);
        var interactions = Rows("interactions.csv").Select(r => new SeedInteraction(r["customer_id"], DateTimeOffset.Parse(r["at"], CultureInfo.InvariantCulture), r["staff_id"])).ToList();
        return new SeedFiles(customers, interactions);
    });

    // The seed files' rows by column name, split on commas outside double quotes.
    private static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        var lines = File.ReadAllLines(RepositoryRoot.Path("seeds", "store", file));
        var header = Split(lines[0]);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = Split(line);
            yield return header.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => c.i < cells.Count ? cells[c.i] : string.Empty, StringComparer.Ordinal);
        }
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
