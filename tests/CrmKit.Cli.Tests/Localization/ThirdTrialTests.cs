using CrmKit.CareProcess;
using CrmKit.Cli.Localization;
using CrmKit.Cli.Profile;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, third newcomer trial (a hand-made 23-customer KiotViet shop and an orders-only file): each finding with
/// the text or value it must have, in both languages where it is a text.
/// </summary>
public sealed class ThirdTrialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-third-trial-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // 6. --out naming an existing folder: says it is a folder and what to give instead; usage error (exit code 2).
    [Theory]
    [InlineData("en", "is a folder.", "Give a file path ending .csv or .xlsx instead, e.g. --out {0}.", "call-list.csv")]
    [InlineData("vi", "là một thư mục.", "Hãy đưa đường dẫn một tệp có đuôi .csv hoặc .xlsx, ví dụ --out {0}.", "danh-sach-goi.csv")]
    public void OutFolder_SaysItIsAFolder_AndWhatToGive(string language, string isFolder, string hint, string example)
    {
        string[][] commands =
        [
            ["care", "agenda", "--sample", "--out", _folder, "--lang", language],
            ["segment", "--sample", "--members", "individual", "--out", _folder, "--lang", language],
        ];
        foreach (var args in commands)
        {
            var (code, output, error) = CliRunner.Run(args);
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Contains($"'{_folder}' {isFolder}", error, StringComparison.Ordinal);
            Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, hint, Path.Combine(_folder, example)), error, StringComparison.Ordinal);
            Assert.DoesNotContain(".csv nor", error, StringComparison.Ordinal);
        }
    }

    // Fourth trial, 4: a folder given where a file is read (--orders FOLDER) said "file not found" with exit code 1; every
    // option that reads a file now says it is a folder and what to give, as a usage error (exit code 2).
    [Theory]
    [InlineData("en", "is a folder.", "Give a file inside it, e.g. {0}; a whole export folder goes with --data.")]
    [InlineData("vi", "là một thư mục.", "Hãy đưa một tệp trong thư mục đó, ví dụ {0}; cả thư mục xuất dữ liệu thì dùng --data.")]
    public void InputFolder_SaysItIsAFolder_ForEveryFileOption(string language, string isFolder, string hint)
    {
        string[][] commands =
        [
            ["run", "--orders", _folder, "--no-report"],
            ["run", "--orders", Path.Combine(RepositoryRoot.Path("seeds", "store"), "orders.csv"), "--customers", _folder, "--no-report"],
            ["clv", "fit", "--model", "bg-nbd", "--transactions", _folder],
            ["replay", "--sample", "--journey", _folder, "--from", "2026-01-01", "--to", "2026-01-02"],
            ["segment", "--sample", "--segments", _folder],
        ];
        foreach (var args in commands)
        {
            var (code, output, error) = CliRunner.Run([.. args, "--lang", language]);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit code {code}, error: {error}");
            Assert.Empty(output);
            Assert.Contains($"'{_folder}' {isFolder}", error, StringComparison.Ordinal);
            Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, hint, Path.Combine(_folder, "…")), error, StringComparison.Ordinal);
        }
    }

    // Fourth trial, 1: US dates (`06/15/2026 06:00 PM`) under a day-first order were rejected where they proved month
    // first and read day first elsewhere (05/04 became 5 April). The values readable both ways are now rejected too, and
    // the error says which option reads the file as written; with it, every date is read as meant.
    [Fact]
    public void DayFirstOrder_OverAMonthFirstFile_ReadsNoDateTheFileDoesNotMean()
    {
        var orders = Path.Combine(_folder, "orders.csv");
        File.WriteAllLines(orders,
        [
            "order_id,customer_id,placed_at,total,currency,status",
            "O1,KH1,05/04/2026 10:00,150000,VND,completed",
            "O2,KH1,06/15/2026 06:00 PM,90000,VND,completed",
            "O3,KH2,07/20/2026 09:00,70000,VND,completed",
        ]);

        var (code, _, error) = CliRunner.Run("run", "--orders", orders, "--date-order", "dmy", "--zone", "Asia/Ho_Chi_Minh", "--no-report", "--json");
        Assert.Equal(1, code);
        Assert.Contains("'05/04/2026 10:00' reads both day first and month first", error, StringComparison.Ordinal);
        Assert.Contains("pass --date-order mdy if the file is written month first", error, StringComparison.Ordinal);

        var (ok, output, _) = CliRunner.Run("run", "--orders", orders, "--date-order", "mdy", "--zone", "Asia/Ho_Chi_Minh", "--no-report", "--json");
        Assert.Equal(0, ok);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("imported").GetProperty("files").EnumerateArray().Single();
        Assert.Equal((3, 0), (file.GetProperty("rowsKept").GetInt32(), file.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal(3, json.RootElement.GetProperty("imported").GetProperty("orders").GetInt32());
    }

    // 7. A required argument left out: named, with the command's usage line, in both languages.
    [Theory]
    [InlineData("en", new[] { "customer" }, "crmkit: missing required argument <query>. Usage: crmkit customer <query> [options]")]
    [InlineData("vi", new[] { "customer" }, "crmkit: thiếu tham số bắt buộc <từ-khoá>. Cách dùng: crmkit customer <từ-khoá> [tuỳ chọn]")]
    [InlineData("en", new[] { "care", "diagram" }, "crmkit: missing required argument <process>. Usage: crmkit care diagram <process> [options]")]
    [InlineData("vi", new[] { "care", "diagram" }, "crmkit: thiếu tham số bắt buộc <quy-trình>. Cách dùng: crmkit care diagram <quy-trình> [tuỳ chọn]")]
    public void MissingArgument_IsNamed_WithTheUsageLine(string language, string[] command, string expected)
    {
        var (code, _, error) = CliRunner.Run([.. command, "--lang", language]);
        Assert.Equal(2, code);
        var lines = error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines[0]);
        Assert.Equal(2, lines.Length);   // the message and the help hint, not the library's unnamed one as well
    }

    // 5. The .xlsx list's sheet is named after its content (Excel: at most 31 characters, none of []:*?/\).
    [Theory]
    [InlineData("Khách VIP", "Khách VIP")]
    [InlineData("a/b [c]: d*e?f\\g", "ab c defg")]
    [InlineData("Khách mua nhiều lần trong ba tháng gần đây", "Khách mua nhiều lần trong ba th")]
    public void SheetName_IsTheContent_AsExcelAcceptsIt(string content, string expected)
    {
        var name = ContactListFile.SheetName(content);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= 31);
    }

    [Fact]
    public void SheetName_EmptyOrTheNoticesName_IsTheCallList()
    {
        Assert.Equal("Call list", UiLanguage.English.Apply(() => ContactListFile.SheetName("[]")));
        Assert.Equal("Danh sách gọi", UiLanguage.Vietnamese.Apply(() => ContactListFile.SheetName("Lưu ý")));
    }

    // 9. The agenda's first due actions name the care plan and the template, not their ids.
    [Theory]
    [InlineData("en", "vip-care", "VIP care")]
    [InlineData("vi", "vip-care", "Chăm sóc khách VIP")]
    [InlineData("en", "new-buyer-care", "New buyers")]
    [InlineData("vi", "new-buyer-care", "Khách mua lần đầu")]
    public void PlanName_IsTheDisplayName(string language, string id, string expected)
        => Assert.Equal(expected, UiLanguage.Find(language)!.Apply(() => DisplayNames.PlanName(id, BuiltInCarePlans.All)));

    [Theory]
    [InlineData("en", "Birthday greeting", "Occasions for everyone")]
    [InlineData("vi", "Lời chúc sinh nhật", "Dịp đặc biệt cho mọi khách")]
    public void AgendaFirstDue_PrintsDisplayNames(string language, string template, string plan)
    {
        var (code, output, error) = CliRunner.Run("care", "agenda", "--sample", "--lang", language);
        Assert.True(code == 0, error);
        var firstDue = output.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => !l.EndsWith(':') || !l.Contains("15", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(15, firstDue.Count);
        Assert.Contains(firstDue, l => l.Contains(template, StringComparison.Ordinal) && l.EndsWith(plan, StringComparison.Ordinal));
        foreach (var id in new[] { "vip-check-in-call", "birthday-greeting", "new-buyer-care", "occasions", "vip-care" })
        {
            Assert.DoesNotContain(firstDue, l => l.Contains(id, StringComparison.Ordinal));
        }
    }

    // 8. Conditions in a segment's explanation use ≥ and ≤, in both languages.
    [Fact]
    public void Explanation_UsesMathematicalSigns()
    {
        // Fourth trial, 8: 'crmkit customer' shows each segment's rule in words; the conditions are 'segment --explain''s.
        var (code, vi, error) = CliRunner.Run("segment", "--explain", "KH00001", "--sample", "--lang", "vi");
        Assert.True(code == 0, error);
        Assert.Contains("✓ orders.count (completed) = 2, cần ≥ 1", vi, StringComparison.Ordinal);
        Assert.Contains("✗ rfm.frequency = 3, cần ≤ 2", vi, StringComparison.Ordinal);
        var (_, en, _) = CliRunner.Run("segment", "--explain", "KH00001", "--sample", "--lang", "en");
        Assert.Contains("✓ orders.count (completed) = 2, needed ≥ 1", en, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", vi + en, StringComparison.Ordinal);
        Assert.DoesNotContain("<=", vi + en, StringComparison.Ordinal);
    }

    // 1 and 2. The text summary opens with the as-of day's actions, as the report does (the same customers in the same
    // order, grouped by staff member), naming the day rather than saying "today"; then the overview figures.
    [Fact]
    public void RunSummary_OpensWithTheReportsActions_OnTheNamedDay()
    {
        var report = Path.Combine(_folder, "report.html");
        var (code, output, error) = CliRunner.Run("run", "--sample", "--report", report, "--lang", "en");
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("CrmKit run over ", lines[0], StringComparison.Ordinal);
        Assert.Equal("To do on 2026-10-31: 15 care actions due, by the staff member who looks after the customer", lines[1]);
        Assert.Equal("  Staff NV01 — 1 action", lines[2]);
        Assert.Equal("    09:00  KH00341    Nguyễn Hữu Thịnh       email      n***@outlook.com   Occasions for everyone: Low value — Birthday greeting", lines[3]);
        Assert.Equal("  Staff NV04 — 2 actions", lines[4]);
        Assert.Contains("  … and 5 more: crmkit care agenda --out FILE lists them all.", lines);
        var summaryIds = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^    \d\d:\d\d  (\S+) ")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var html = File.ReadAllText(report);
        var today = System.Text.RegularExpressions.Regex.Match(html, "<h2 id=\"today\">.*?<h2 id=\"overview\">", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var reportIds = System.Text.RegularExpressions.Regex.Matches(today, "<tr><td>[^<]+</td><td>([^<]+)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(15, reportIds.Count);
        Assert.Equal(reportIds.Take(10), summaryIds);
        Assert.Contains("<h2 id=\"today\">To do on 2026-10-31</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"card\"><b>15</b>care actions due on 2026-10-31</div>", html, StringComparison.Ordinal);
        // The overview figures come after the actions; "today" is named as a date wherever it means the as-of day.
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("  read ", StringComparison.Ordinal)) > Array.IndexOf(lines, "  … and 5 more: crmkit care agenda --out FILE lists them all."));
        Assert.Contains(lines, l => l.StartsWith("  agenda     today (2026-10-31): due 15,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  queue      today (2026-10-31): ", StringComparison.Ordinal));
    }

    [Fact]
    public void RunSummary_Vietnamese_NamesTheDay()
    {
        var (code, output, error) = CliRunner.Run("run", "--sample", "--no-report", "--lang", "vi");
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("Việc cần làm ngày 31/10/2026: 15 việc chăm sóc đến hạn, chia theo nhân viên phụ trách khách", lines[1]);
        Assert.Equal("  Nhân viên NV01 — 1 việc", lines[2]);
        Assert.Equal("    09:00  KH00341    Nguyễn Hữu Thịnh       email      n***@outlook.com   Dịp đặc biệt cho mọi khách: Khách giá trị thấp — Lời chúc sinh nhật", lines[3]);
        Assert.Contains("  … và 5 việc nữa: chạy crmkit care agenda --out TỆP để có danh sách đầy đủ.", lines);
        Assert.Contains(lines, l => l.StartsWith("  lịch       ngày 31/10/2026: đến hạn 15,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  hàng chờ   ngày 31/10/2026: ", StringComparison.Ordinal));
        Assert.DoesNotContain("hôm nay", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Due care actions (the agenda of 2026-10-31, messages the journeys have queued, open tasks):")]
    [InlineData("vi", "Việc chăm sóc cần làm (lịch ngày 31/10/2026, tin hành trình đang chờ gửi, việc đang mở):")]
    public void Customer_DueSection_NamesTheDay(string language, string expected)
    {
        var (code, output, error) = CliRunner.Run("customer", "KH00001", "--sample", "--lang", language);
        Assert.True(code == 0, error);
        Assert.Contains(expected, output.ReplaceLineEndings("\n").Split('\n'));
    }

    // 10. Wording a shop owner would write: no literal "chạy trên" (run over), "việc" for a care task as the glossary
    // says (not "công việc"), and no shared-contacts line when there are none.
    [Fact]
    public void RunSummary_Vietnamese_Wording()
    {
        var (code, output, error) = CliRunner.Run("run", "--sample", "--no-report", "--lang", "vi");
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("CrmKit xử lý dữ liệu trong ", lines[0], StringComparison.Ordinal);
        // Sixth trial: no shared contact kept apart, so no line about 0 of them.
        Assert.DoesNotContain(lines, l => l.StartsWith("  dùng chung", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  hàng chờ   ngày 31/10/2026: 3 tin nhắn (SMS 1, Zalo 2), 457 việc đang mở (12.935 việc khác", StringComparison.Ordinal));
        Assert.DoesNotContain("công việc", output, StringComparison.Ordinal);
    }
}
