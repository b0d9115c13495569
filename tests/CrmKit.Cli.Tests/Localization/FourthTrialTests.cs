using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, fourth newcomer trial (the installed tool, <c>--lang vi</c> and English, on KiotViet-shaped files and an
/// orders-only file): each finding with the text or behaviour it must have.
/// </summary>
public sealed class FourthTrialTests : IDisposable
{
    private static readonly string KiotViet = RepositoryRoot.Path("tests", "fixtures", "imports", "kiotviet");

    // English of the import and of the tool's own errors that the fourth trial found in Vietnamese runs, beyond
    // LeftoverEnglishTests.Forbidden.
    private static readonly string[] AlsoForbidden =
    [
        "neither", "nearest", "Write it", "skipped", "the row", "folder", "mapping file", "presets are", "valid JSON", "Or describe",
        "See docs", "trunk prefix", "scientific", "character", "Invalid", "FOLDER", "FILE",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-fourth-trial-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // 1. Every failing input of the trial's kinds, run in Vietnamese: the import's phone and customer-id reasons, an
    // unknown preset, a missing --data folder, a folder without shop files, a mapping file absent or not JSON.
    [Fact]
    public void Vietnamese_FailingInputs_PrintNoEnglishSentence()
    {
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllLines(customers,
        [
            "customer_id,name,phone,email",
            "KH1,Lan,912345678x,",
            "KH2,Minh,1234567,",
            "KH3,Hoa,8.49E+10,",
            "KH4,Nam,+1234,",
            ",Không tên,,",
            "KH6,Tú,01661234567,",
            "KH5,Thu,0912 345 678,thu@example.vn",
        ]);
        var notJson = Path.Combine(_folder, "map.json");
        File.WriteAllText(notJson, "{bad");
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;

        var (code, output, error) = CliRunner.Run("run", "--customers", customers, "--no-report", "--max-rejected", "100", "--lang", "vi");
        Assert.Equal(0, code);
        Assert.Contains("customers.csv:2: cảnh báo: cột 'phone': ký tự 'x' ở vị trí 10 không được dùng trong số điện thoại. Chỉ ghi chữ số, dấu cách, dấu chấm, gạch ngang hoặc ngoặc, có thể thêm '+' ở đầu. Đã để trống trường này, dòng vẫn được giữ.", error, StringComparison.Ordinal);
        Assert.Contains("customers.csv:3: cảnh báo: cột 'phone': '1****67' không có mã quốc gia ('+…' hay '00…') mà cũng không bắt đầu bằng số 0. Hãy ghi theo dạng 0xxx… hoặc +mã-quốc-gia xxx… Đã để trống trường này, dòng vẫn được giữ.", error, StringComparison.Ordinal);
        Assert.Contains("customers.csv:4: cảnh báo: cột 'phone': số điện thoại bị ghi dạng số mũ (như 8.49E+10)", error, StringComparison.Ordinal);
        Assert.Contains("customers.csv:5: cảnh báo: cột 'phone': '+1*34' không phải số điện thoại quốc tế hợp lệ (mã quốc gia và số thuê bao, tổng cộng 8 đến 15 chữ số).", error, StringComparison.Ordinal);
        Assert.Contains("customers.csv:6: dòng bị loại — cột 'customer_id': dòng không có mã khách hàng, số điện thoại hay email để biết đó là khách nào, nên không được đọc.", error, StringComparison.Ordinal);
        Assert.Contains("customers.csv:7: cảnh báo: cột 'phone': '01*******67' là số di động 11 số cũ (trước năm 2018). Từ năm 2018 đầu số 0166 đã đổi thành 036: hãy ghi 03******67", error, StringComparison.Ordinal);
        AssertNoEnglish(output + error);

        string[][] failing =
        [
            ["run", "--preset", "kiotvet", "--orders", Path.Combine(KiotViet, "orders.csv")],
            ["run", "--data", Path.Combine(_folder, "absent")],
            ["run", "--data", empty],
            ["run", "--data", empty, "--preset", "kiotviet"],
            ["run", "--map", notJson, "--orders", Path.Combine(KiotViet, "orders.csv")],
            ["run", "--map", Path.Combine(_folder, "absent.json"), "--orders", Path.Combine(KiotViet, "orders.csv")],
            ["segment", "--present", "kiotviet", "--data", empty],
        ];
        string[] expected =
        [
            "crmkit: --preset không hợp lệ: 'kiotvet' không phải mẫu nhập có sẵn nào (gần nhất: 'kiotviet'); các mẫu nhập có sẵn: haravan, kiotviet, online-retail, sapo, shopify, transactions, woocommerce. Hoặc mô tả các tệp của bạn bằng một tệp ánh xạ (--map TỆP).",
            $"crmkit: Thư mục dữ liệu '{Path.Combine(_folder, "absent")}' không tồn tại; hãy kiểm tra đường dẫn đưa cho --data.",
            $"crmkit: Thư mục '{empty}' không có customers.csv hay orders.csv (hay .xlsx); trong đó có: không có tệp nào. Hãy chỉ rõ các tệp bằng --customers và --orders.",
            $"crmkit: Thư mục '{empty}' không có customers.csv hay orders.csv (hay .xlsx), cũng không có tệp xuất DanhSachKhachHang_* hay DanhSachChiTietHoaDon_* (.csv hoặc .xlsx) của nền tảng; trong đó có: không có tệp nào. Hãy chỉ rõ các tệp bằng --customers và --orders.",
            "crmkit: map.json không hợp lệ: không phải JSON hợp lệ: có lỗi ở dòng 1, vị trí 2. Cách viết tệp ánh xạ: xem 'crmkit docs importing'.",
            $"crmkit: Tệp ánh xạ '{Path.Combine(_folder, "absent.json")}' không tồn tại.",
            "crmkit: '--present' không phải tuỳ chọn của lệnh này; có phải ý bạn là --preset?",
        ];
        for (var i = 0; i < failing.Length; i++)
        {
            var run = CliRunner.Run([.. failing[i], "--lang", "vi"]);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(expected[i], run.Error, StringComparison.Ordinal);
            AssertNoEnglish(run.Output + run.Error);
        }
    }

    // 2. A mistyped option: the nearest option of the command (or one its parents pass down), in both languages.
    [Theory]
    [InlineData("en", "crmkit: '{0}' is not an option here; did you mean {1}?")]
    [InlineData("vi", "crmkit: '{0}' không phải tuỳ chọn của lệnh này; có phải ý bạn là {1}?")]
    public void MistypedOption_SuggestsTheNearestOption_ForEveryCommand(string language, string format)
    {
        (string[] Args, string Typo, string Meant)[] cases =
        [
            (["run", "--present", "kiotviet"], "--present", "--preset"),
            (["run", "--sampel"], "--sampel", "--sample"),
            (["segment", "--sample", "--membres", "vip"], "--membres", "--members"),
            (["customer", "KH1", "--sample", "--show-contact"], "--show-contact", "--show-contacts"),
            (["care", "agenda", "--sample", "--lookback-day", "2"], "--lookback-day", "--lookback-days"),
            (["clv", "fit", "--modle", "bg-nbd", "--sample"], "--modle", "--model"),
            (["replay", "--sample", "--jouney", "x.json"], "--jouney", "--journey"),
            (["customer", "KH1", "--sample", "--lmit", "3"], "--lmit", "--limit"),
        ];
        foreach (var (args, typo, meant) in cases)
        {
            var (code, output, error) = CliRunner.Run([.. args, "--lang", language]);
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Contains(string.Format(CultureInfo.InvariantCulture, format, typo, meant) + Environment.NewLine, error, StringComparison.Ordinal);
        }

        // Nothing near: no suggestion.
        var far = CliRunner.Run("run", "--zzzzzzzz", "--lang", language);
        Assert.Equal(2, far.ExitCode);
        Assert.DoesNotContain("--zzzzzzzz' ", far.Error, StringComparison.Ordinal);
    }

    // 3. No data outside a checkout: what to give, the folder or an orders file alone with a preset, in plain words.
    [Fact]
    public void NoData_SaysWhatToGive_InPlainWords()
    {
        var (code, output, error) = CliProcess.Crmkit(_folder, ["run", "--lang", "vi"]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(
            $"crmkit: --data không hợp lệ: chưa đưa dữ liệu cửa hàng nào (thư mục đang làm việc '{_folder}' không phải thư mục CrmKit có sẵn cửa hàng mẫu). Hãy đưa thư mục chứa các tệp xuất từ cửa hàng bằng --data THƯ_MỤC, hoặc chỉ một tệp đơn hàng bằng --preset kiotviet --orders TỆP (preset của nền tảng bạn dùng: xem crmkit presets), hoặc chạy thử trên cửa hàng mẫu đi kèm bằng --sample.\n"
            + "Chạy 'crmkit run --help' để xem các tuỳ chọn của lệnh.\n",
            error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("mã nguồn", error, StringComparison.Ordinal);
    }

    // 4. A KiotViet export folder: the platform's own file names are read with --preset kiotviet, as if named with
    // --customers and --orders; two files for one role is a usage error naming both.
    [Fact]
    public void KiotVietFolder_ReadsThePlatformsFileNames()
    {
        var export = Directory.CreateDirectory(Path.Combine(_folder, "export")).FullName;
        File.Copy(Path.Combine(KiotViet, "customers.xlsx"), Path.Combine(export, "DanhSachKhachHang_KV01122026-101010-123.xlsx"));
        File.Copy(Path.Combine(KiotViet, "orders.csv"), Path.Combine(export, "DanhSachChiTietHoaDon_KV01122026-101011-456.csv"));

        var byName = CliRunner.Run("run", "--preset", "kiotviet", "--customers", Path.Combine(KiotViet, "customers.xlsx"), "--orders", Path.Combine(KiotViet, "orders.csv"), "--no-report", "--json");
        var inFolder = CliRunner.Run("run", "--preset", "kiotviet", "--data", export, "--no-report", "--json");
        Assert.Equal(0, byName.ExitCode);
        Assert.Equal(0, inFolder.ExitCode);
        Assert.Equal(Counts(byName.Output), Counts(inFolder.Output));
        Assert.Contains("\"file\":\"DanhSachKhachHang_KV01122026-101010-123.xlsx\"", inFolder.Output, StringComparison.Ordinal);
        Assert.Contains("\"file\":\"DanhSachChiTietHoaDon_KV01122026-101011-456.csv\"", inFolder.Output, StringComparison.Ordinal);

        File.Copy(Path.Combine(KiotViet, "orders.xlsx"), Path.Combine(export, "DanhSachChiTietHoaDon_KV02122026.xlsx"));
        var twice = CliRunner.Run("run", "--preset", "kiotviet", "--data", export, "--no-report");
        Assert.Equal(2, twice.ExitCode);
        Assert.StartsWith(
            "crmkit: Invalid --data: the folder has two files named DanhSachChiTietHoaDon_*: 'DanhSachChiTietHoaDon_KV01122026-101011-456.csv' and 'DanhSachChiTietHoaDon_KV02122026.xlsx'; which one to read is not clear. Keep one of them in the folder, or name the files with --customers and --orders.",
            twice.Error,
            StringComparison.Ordinal);

        static string Counts(string json)
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var imported = document.RootElement.GetProperty("imported");
            return $"{imported.GetProperty("customers").GetInt32()} customers, {imported.GetProperty("orders").GetInt32()} orders, {imported.GetProperty("rejectedRows").GetInt32()} rejected";
        }
    }

    // 9. A list with nobody in it holds nobody's data: no personal-data warning; a list with someone still warns.
    [Theory]
    [InlineData("lapsed", 0)]
    [InlineData("individual", 9)]
    public void MembersList_WarnsOfPersonalData_OnlyWhenSomeoneIsWritten(string segment, int members)
    {
        var list = Path.Combine(_folder, "list.csv");
        var (code, _, error) = CliRunner.Run("segment", "--preset", "kiotviet", "--customers", Path.Combine(KiotViet, "customers.csv"), "--orders", Path.Combine(KiotViet, "orders.csv"), "--members", segment, "--out", list);
        Assert.Equal(0, code);
        Assert.True(File.Exists(list));
        Assert.Equal(members + 1, File.ReadAllLines(list).Length);
        if (members == 0)
        {
            Assert.DoesNotContain("personal data", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"crmkit: {list} holds personal data (names and contacts of {members} customers)", error, StringComparison.Ordinal);
        }
    }

    // 8. 'crmkit customer': each segment's rule in the words the report uses (the catalogue's description), and each
    // journey by its display name with which run it is — no "daysSinceLastOrder (completed)", no "tet@v1 KH00341#2".
    [Theory]
    [InlineData("vi", "  lapsed — Khách lâu không quay lại", "    Đã từng mua nhưng hơn 180 ngày nay không mua gì.", "  Chúc Tết, lần 2: quy trình Chúc Tết, bước 'Hoàn tất', hoàn tất; bắt đầu 15/02/2026 09:00, kết thúc 16/02/2026 09:00", "  Điều kiện của từng nhóm với số liệu của khách này: crmkit segment --explain KH00341")]
    [InlineData("en", "  lapsed — Lapsed (not returned)", "    Bought before, but nothing for more than 180 days.", "  Tết greeting, round 2: process tet-greeting, state 'done', completed; since 2026-02-15 09:00, ended 2026-02-16 09:00", "  Each rule's conditions with this customer's figures: crmkit segment --explain KH00341")]
    public void CustomerProfile_ShowsRulesInWords_AndJourneysByName(string language, string segment, string words, string journey, string hint)
    {
        var (code, output, error) = CliRunner.Run("customer", "KH00341", "--sample", "--lang", language);
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n').ToList();
        Assert.Equal(words, lines[lines.IndexOf(segment) + 1]);
        Assert.Contains(journey, lines);
        Assert.Contains(hint, lines);
        Assert.DoesNotContain("daysSinceLastOrder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@v1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("KH00341#", output, StringComparison.Ordinal);
    }

    // 10. The first summary line and the report's title name the bundled sample shop by name, and both files read.
    [Theory]
    [InlineData("vi", "CrmKit xử lý dữ liệu trong cửa hàng mẫu, số liệu tính đến 31/10/2026 20:49 (Asia/Ho_Chi_Minh)", "<title>Báo cáo CrmKit — cửa hàng mẫu</title>", "{0} và {1}")]
    [InlineData("en", "CrmKit run over the sample shop, as of 2026-10-31 20:49 (Asia/Ho_Chi_Minh)", "<title>CrmKit report — the sample shop</title>", "{0} and {1}")]
    public void Summary_NamesTheSampleShop_AndEveryFileRead(string language, string header, string title, string files)
    {
        var report = Path.Combine(_folder, "report.html");
        var (code, output, error) = CliRunner.Run("run", "--sample", "--report", report, "--lang", language);
        Assert.True(code == 0, error);
        Assert.Equal(header, output.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Contains(title, System.Net.WebUtility.HtmlDecode(File.ReadAllText(report)), StringComparison.Ordinal);

        var customers = Path.Combine(KiotViet, "customers.csv");
        var orders = Path.Combine(KiotViet, "orders.csv");
        var both = CliRunner.Run("run", "--preset", "kiotviet", "--customers", customers, "--orders", orders, "--no-report", "--lang", language);
        Assert.Equal(0, both.ExitCode);
        Assert.StartsWith(header.Split(' ')[0] + " " + header.Split(' ')[1] + " ", both.Output, StringComparison.Ordinal);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, files, customers, orders) + ", ", both.Output.ReplaceLineEndings("\n").Split('\n')[0], StringComparison.Ordinal);
    }

    // 7. A message the consent rules stopped is "skipped" (bỏ qua) in the customer's messages as in the agenda and the
    // replay; "cancelled" (đã huỷ) is left for a withdrawn message.
    [Theory]
    [InlineData("vi", "  31/10/2026 09:00  Zalo       Lời chúc sinh nhật (birthday-greeting) bỏ qua       Chúc mừng sinh nhật — khách chưa đồng ý nhận tin tiếp thị qua Zalo", "đã huỷ")]
    [InlineData("en", "skipped      Birthday greeting — no marketing consent for Zalo", "cancelled    ")]
    public void CustomerMessages_StoppedByConsent_AreSkipped(string language, string line, string cancelled)
    {
        var (code, output, error) = CliRunner.Run("customer", "KH00341", "--sample", "--lang", language);
        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.EndsWith(line, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(cancelled, StringComparison.Ordinal) && (l.Contains("consent", StringComparison.Ordinal) || l.Contains("đồng ý", StringComparison.Ordinal)));
    }

    // 6. An empty agenda because the files carry no consent column: says so and how consent is given; not said on a
    // shop with consents (the sample).
    [Theory]
    [InlineData("vi", "crmkit: không có việc nào đến hạn, và chưa khách nào trong 10 khách hàng đồng ý nhận tin: các tệp không có cột đồng ý nhận tin nào, mà tin tiếp thị cần khách đồng ý. Hãy ghi sự đồng ý trong một cột của tệp khách hàng và khai báo cột đó trong tệp ánh xạ (--map), ví dụ \"consent.zalo.marketing\": \"Đồng ý nhận tin\", hoặc trong tệp consents (--consents); xem 'crmkit docs importing'.")]
    [InlineData("en", "crmkit: nothing is due, and none of the 10 customers has a consent to messages: the files carry no consent column, and marketing messages need the customer's consent. Give consent in a column of the customers file named for it in a mapping file (--map), e.g. \"consent.zalo.marketing\": \"Đồng ý nhận tin\", or in a consents file (--consents); see 'crmkit docs importing'.")]
    public void EmptyAgenda_WithoutConsentColumns_SaysWhy(string language, string note)
    {
        var (code, _, error) = CliRunner.Run("care", "agenda", "--preset", "kiotviet", "--customers", Path.Combine(KiotViet, "customers.csv"), "--orders", Path.Combine(KiotViet, "orders.csv"), "--lang", language);
        Assert.Equal(0, code);
        Assert.Contains(note + Environment.NewLine, error, StringComparison.Ordinal);

        var sample = CliRunner.Run("care", "agenda", "--sample", "--lang", language);
        Assert.Equal(0, sample.ExitCode);
        Assert.DoesNotContain("consent", sample.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("đồng ý", sample.Error, StringComparison.Ordinal);
    }

    // Fifth trial: a folder of KiotViet-named files without --preset is refused with the preset to add (in the run's
    // language); with a mapping file (started from `crmkit presets kiotviet`) and no preset, those files are read.
    [Fact]
    public void KiotVietFolder_WithoutPreset_NamesThePreset_AndWithAMapIsRead()
    {
        var export = Directory.CreateDirectory(Path.Combine(_folder, "export-no-preset")).FullName;
        File.Copy(Path.Combine(KiotViet, "customers.csv"), Path.Combine(export, "DanhSachKhachHang_KV03122026.csv"));
        File.Copy(Path.Combine(KiotViet, "orders.csv"), Path.Combine(export, "DanhSachChiTietHoaDon_KV03122026.csv"));

        var en = CliRunner.Run("run", "--data", export, "--no-report");
        var vi = CliRunner.Run("run", "--data", export, "--no-report", "--lang", "vi");

        Assert.Equal(2, en.ExitCode);
        Assert.StartsWith($"crmkit: Invalid --data: the folder '{export}' holds 'DanhSachKhachHang_KV03122026.csv', named as a kiotviet export, which is read only with that platform's preset or a mapping file. Add --preset kiotviet to read it as the platform writes it (or --map FILE with your own mapping).", en.Error, StringComparison.Ordinal);
        Assert.Equal(2, vi.ExitCode);
        Assert.StartsWith($"crmkit: --data không hợp lệ: thư mục '{export}' có tệp 'DanhSachKhachHang_KV03122026.csv' mang tên tệp xuất của kiotviet; tệp này chỉ đọc được với mẫu nhập của nền tảng đó hoặc một tệp ánh xạ. Hãy thêm --preset kiotviet để đọc tệp đúng như nền tảng xuất ra (hoặc --map TỆP với tệp ánh xạ của bạn).", vi.Error, StringComparison.Ordinal);

        // One conventional file beside a platform's file for the other role: refused too, never read without it.
        var mixed = Directory.CreateDirectory(Path.Combine(_folder, "export-mixed")).FullName;
        File.Copy(Path.Combine(KiotViet, "orders.csv"), Path.Combine(mixed, "orders.csv"));
        File.Copy(Path.Combine(KiotViet, "customers.csv"), Path.Combine(mixed, "DanhSachKhachHang_KV03122026.csv"));
        var half = CliRunner.Run("run", "--data", mixed, "--no-report");
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("holds 'DanhSachKhachHang_KV03122026.csv', named as a kiotviet export", half.Error, StringComparison.Ordinal);

        var map = Path.Combine(_folder, "my-shop.json");
        File.WriteAllText(map, CliRunner.Run("presets", "kiotviet").Output);
        var mapped = CliRunner.Run("run", "--data", export, "--map", map, "--no-report", "--json");
        var preset = CliRunner.Run("run", "--data", export, "--preset", "kiotviet", "--no-report", "--json");
        Assert.Equal(0, mapped.ExitCode);
        Assert.Equal(0, preset.ExitCode);
        Assert.Contains("\"file\":\"DanhSachKhachHang_KV03122026.csv\"", mapped.Output, StringComparison.Ordinal);
        using var a = System.Text.Json.JsonDocument.Parse(mapped.Output);
        using var b = System.Text.Json.JsonDocument.Parse(preset.Output);
        Assert.Equal(b.RootElement.GetProperty("imported").GetRawText(), a.RootElement.GetProperty("imported").GetRawText());
    }

    // Fifth trial: a mistyped preset with --data was hidden behind the folder's "no customers.csv" error.
    [Fact]
    public void MistypedPreset_WithAFolder_IsNamedWithTheNearest()
    {
        var export = Directory.CreateDirectory(Path.Combine(_folder, "export-typo")).FullName;
        File.Copy(Path.Combine(KiotViet, "customers.csv"), Path.Combine(export, "DanhSachKhachHang_KV03122026.csv"));

        var (code, _, error) = CliRunner.Run("run", "--data", export, "--preset", "kiotvet", "--no-report", "--lang", "vi");

        Assert.Equal(2, code);
        Assert.Contains("(gần nhất: 'kiotviet')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("customers.csv", error, StringComparison.Ordinal);
    }

    // Fifth trial: `run` on a shop without consent columns said "no care action is due" and nothing more; its summary
    // and its report now give the same reason as `care agenda` (and say nothing of it for the sample, which has consents).
    [Theory]
    [InlineData("vi", "Việc cần làm ngày", "không có việc nào đến hạn, và chưa khách nào trong 10 khách hàng đồng ý nhận tin", "các tệp không có cột đồng ý nhận tin nào")]
    [InlineData("en", "To do on", "nothing is due, and none of the 10 customers has a consent to messages", "the files carry no consent column")]
    public void Run_EmptyAgenda_WithoutConsentColumns_SaysWhy_InTheSummaryAndTheReport(string language, string title, string note, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-fifth-trial-").FullName;
        try
        {
            var report = Path.Combine(folder, "report.html");
            var (code, output, error) = CliRunner.Run("run", "--preset", "kiotviet", "--customers", Path.Combine(KiotViet, "customers.csv"), "--orders", Path.Combine(KiotViet, "orders.csv"), "--report", report, "--lang", language);
            Assert.True(code == 0, error);
            var lines = output.ReplaceLineEndings("\n").Split('\n');
            var at = Array.FindIndex(lines, l => l.StartsWith(title, StringComparison.Ordinal));
            Assert.True(at >= 0, output);
            Assert.StartsWith("  " + note, lines[at + 1], StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(note), File.ReadAllText(report), StringComparison.Ordinal);

            var sample = CliRunner.Run("run", "--sample", "--no-report", "--lang", language);
            Assert.Contains(reason, note + lines[at + 1], StringComparison.Ordinal);
            Assert.DoesNotContain(reason, sample.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertNoEnglish(string text)
    {
        LeftoverEnglishTests.AssertNoEnglish(text);
        var found = AlsoForbidden.Where(w => Regex.IsMatch(text, $@"(?<![\w@<-]){Regex.Escape(w)}(?![\w@>-])")).ToList();
        Assert.True(found.Count == 0, $"English left in Vietnamese output: {string.Join(", ", found)}\n{text}");
    }
}
