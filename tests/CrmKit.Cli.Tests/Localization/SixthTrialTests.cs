using System.Globalization;
using System.Net;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Segmentation;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, sixth newcomer trial (a Vietnamese shop owner's helper on the sample shop, <c>--lang vi</c> and English):
/// the lists, the agenda and the report as a shop owner reads them. Each finding with the exact text it must have in
/// both languages; values are checked against the codes the same run writes with <c>--codes</c>, translated here.
/// </summary>
public sealed class SixthTrialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-sixth-trial-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The words of the codes in the seed shop's agenda of 2026-10-31, written out by hand from the trial's wish list.
    private static readonly Dictionary<string, Dictionary<string, string>> Words = new(StringComparer.Ordinal)
    {
        ["vi"] = new(StringComparer.Ordinal)
        {
            ["unassigned"] = "chưa giao", // seventh trial: an empty staff cell said in words
            ["email"] = "email", ["zalo"] = "Zalo", ["phoneCall"] = "gọi điện", ["marketing"] = "tiếp thị", ["transactional"] = "giao dịch", ["due"] = "đến hạn", ["deferred"] = "hoãn lại",
            ["birthday-greeting"] = "Lời chúc sinh nhật", ["thank-you-first-order"] = "Cảm ơn đơn hàng đầu tiên", ["how-is-your-purchase"] = "Hỏi thăm về sản phẩm đã mua", ["vip-check-in-call"] = "Gọi điện hỏi thăm khách VIP",
            ["occasions"] = "Dịp đặc biệt cho mọi khách", ["new-buyer-care"] = "Khách mua lần đầu", ["vip-care"] = "Chăm sóc khách VIP",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            ["unassigned"] = "unassigned",
            ["email"] = "email", ["zalo"] = "Zalo", ["phoneCall"] = "phone call", ["marketing"] = "marketing", ["transactional"] = "transactional", ["due"] = "due", ["deferred"] = "deferred",
            ["birthday-greeting"] = "Birthday greeting", ["thank-you-first-order"] = "Thanks for the first order", ["how-is-your-purchase"] = "How is your purchase?", ["vip-check-in-call"] = "VIP check-in call",
            ["occasions"] = "Occasions for everyone", ["new-buyer-care"] = "New buyers", ["vip-care"] = "VIP care",
        },
    };

    // 1. The agenda's call list: headers and values for people in the language, the codes with --codes.
    [Theory]
    [InlineData("vi", "Nhân viên phụ trách,Gửi lúc,Mã KH,Họ tên,Điện thoại,Email,Kênh,Mục đích,Mẫu tin,Kế hoạch chăm sóc,Trạng thái,Lý do")]
    [InlineData("en", "Staff,Send at,Customer ID,Name,Phone,Email,Channel,Purpose,Message,Care plan,Status,Reason")]
    public void AgendaFile_HeadersAndValues_AreForPeople_CodesOnRequest(string language, string header)
    {
        var people = Path.Combine(_folder, $"agenda-{language}.csv");
        var codes = Path.Combine(_folder, $"agenda-{language}-codes.csv");

        var (code, _, error) = CliRunner.Run("care", "agenda", "--as-of", "2026-10-31", "--out", people, "--lang", language);
        var (codesCode, _, codesError) = CliRunner.Run("care", "agenda", "--as-of", "2026-10-31", "--out", codes, "--codes", "--lang", language);

        Assert.True(code == 0, error);
        Assert.True(codesCode == 0, codesError);
        var lines = File.ReadAllLines(people);
        var coded = File.ReadAllLines(codes);
        Assert.Equal(header, lines[0].TrimStart('\uFEFF'));
        Assert.Equal("staff,send_at,customer_id,name,phone,email,channel,purpose,template,plan,status,reason", coded[0].TrimStart('\uFEFF'));
        Assert.Equal(coded.Length, lines.Length);
        Assert.True(lines.Length > 1);
        var words = Words[language];
        foreach (var (row, codeRow) in lines.Skip(1).Select(l => l.Split(',')).Zip(coded.Skip(1).Select(l => l.Split(','))))
        {
            // The send time: yyyy-MM-dd HH:mm as codes; dd/MM/yyyy HH:mm in Vietnamese, as the codes in English.
            var sendAt = DateTime.ParseExact(codeRow[1], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            string[] expected =
            [
                codeRow[0].Length == 0 ? words["unassigned"] : codeRow[0], language == "vi" ? sendAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : codeRow[1], codeRow[2], codeRow[3], codeRow[4], codeRow[5],
                words[codeRow[6]], words[codeRow[7]], words[codeRow[8]], words[codeRow[9]], words[codeRow[10]], codeRow[11],
            ];
            Assert.Equal(expected, row);
        }
    }

    // 1. A segment's member list: one natural label per column; a consent as yes/no words.
    [Theory]
    [InlineData("vi", "lapsed", null, "Mã KH,Họ tên,Điện thoại,Email,Số đơn hoàn tất,Số ngày từ lần mua cuối")]
    [InlineData("en", "lapsed", null, "Customer ID,Name,Phone,Email,Orders (completed),Days since last purchase")]
    [InlineData("vi", "potential", "zalo", "Mã KH,Họ tên,Điện thoại,Số đơn,Số ngày từ khi tạo hồ sơ,Đồng ý nhận tin tiếp thị qua Zalo,Đồng ý nhận tin tiếp thị qua SMS,Đồng ý nhận tin tiếp thị qua email")]
    [InlineData("en", "potential", "zalo", "Customer ID,Name,Phone,Orders,Days since the record was created,Consents to marketing by Zalo,Consents to marketing by SMS,Consents to marketing by email")]
    public void MembersFile_Headers_AreOneLabelPerColumn(string language, string segment, string? channel, string header)
    {
        var file = Path.Combine(_folder, $"{segment}-{language}.csv");
        var codes = Path.Combine(_folder, $"{segment}-{language}-codes.csv");
        string[] channelArgs = channel is null ? [] : ["--channel", channel];

        var (code, _, error) = CliRunner.Run(["segment", "--members", segment, .. channelArgs, "--out", file, "--as-of", "2026-10-31", "--lang", language]);
        var (codesCode, _, codesError) = CliRunner.Run(["segment", "--members", segment, .. channelArgs, "--out", codes, "--codes", "--as-of", "2026-10-31", "--lang", language]);

        Assert.True(code == 0, error);
        Assert.True(codesCode == 0, codesError);
        var lines = File.ReadAllLines(file);
        Assert.Equal(header, lines[0].TrimStart('\uFEFF'));
        var coded = File.ReadAllLines(codes);
        Assert.Equal(channel is null ? "customer_id,name,phone,email,orders.count (completed),daysSinceLastOrder (completed)" : "customer_id,name,phone,orders.count (any status),daysSinceCreated,consent.zalo.marketing,consent.sms.marketing,consent.email.marketing", coded[0].TrimStart('\uFEFF'));
        if (channel is not null)
        {
            // Listed with --channel zalo: every member consents to marketing by Zalo at the as-of instant.
            Assert.True(lines.Length > 1);
            Assert.All(coded.Skip(1), l => Assert.Equal("true", l.Split(',')[5]));
            Assert.All(lines.Skip(1), l => Assert.Equal(language == "vi" ? "có" : "yes", l.Split(',')[5]));
        }
    }

    // 1. A field's label: the status word in its place, what else the filter says in one pair of parentheses.
    [Theory]
    [InlineData("vi", FieldKind.OrderCount, "completed", null, "Số đơn hoàn tất")]
    [InlineData("en", FieldKind.OrderCount, "completed", null, "Orders (completed)")]
    [InlineData("vi", FieldKind.OrderCount, null, null, "Số đơn")]
    [InlineData("en", FieldKind.OrderCount, null, null, "Orders")]
    [InlineData("vi", FieldKind.OrderSum, "completed", 90, "Tổng tiền đơn hoàn tất (90 ngày qua)")]
    [InlineData("en", FieldKind.OrderSum, "completed", 90, "Order total (completed, last 90 days)")]
    [InlineData("en", FieldKind.OrderSum, "completed", 1, "Order total (completed, last 1 day)")]
    [InlineData("vi", FieldKind.DaysSinceLastOrder, null, null, "Số ngày từ lần mua cuối (đơn ở mọi trạng thái)")]
    [InlineData("en", FieldKind.DaysSinceLastOrder, "returned", null, "Days since last purchase (status returned)")]
    public void FieldLabel_OrderFields(string language, FieldKind kind, string? status, int? days, string expected)
    {
        var filter = new OrderFilter(Days: days, Status: status is null ? null : Enum.Parse<OrderStatus>(status, ignoreCase: true));

        Assert.Equal(expected, UiLanguage.Find(language)!.Apply(() => SegmentationText.FieldLabel(Field.Order(kind, filter))));
    }

    // 3. Segment groups in the language's words; the columns aligned.
    [Theory]
    [InlineData("vi", "hạng giá trị", "nhóm tuổi")]
    [InlineData("en", "value-tier", "age-band")]
    public void SegmentTable_GroupKinds_InTheLanguage(string language, string valueTier, string ageBand)
    {
        var (code, output, error) = CliRunner.Run("segment", "--as-of", "2026-10-31", "--lang", language);
        var (_, json, _) = CliRunner.Run("segment", "--json", "--as-of", "2026-10-31");

        Assert.True(code == 0, error);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var customers = document.RootElement.GetProperty("customers").GetInt32();
        int Size(string id) => document.RootElement.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id).GetProperty("customers").GetInt32();
        var culture = CultureInfo.GetCultureInfo(language == "vi" ? "vi-VN" : "en-US");
        string Line(string id, string group, string name)
            => $"  {id,-22} {group,-14} {Size(id).ToString("N0", culture),10} {(100.0 * Size(id) / customers).ToString("F1", culture),6}{(language == "vi" ? " %" : "%")}  {name}";
        var lines = output.Split(Environment.NewLine);
        Assert.Contains(Line("vip", valueTier, language == "vi" ? "Khách VIP" : "VIP"), lines);
        Assert.Contains(Line("age-youth", ageBand, language == "vi" ? "Thanh niên" : "Youth"), lines);
    }

    // 2. The text agenda: the name beside the id, what the segment counts count, columns aligned by display width.
    [Theory]
    [InlineData("vi", "Theo nhóm khách và kênh (việc đến hạn hoặc hoãn lại; mỗi việc được đếm ở mọi nhóm của kế hoạch chăm sóc mà khách thuộc về, nên tổng các dòng có thể lớn hơn số việc):",
        "  31/10/2026 10:30  KH04756    Nguyễn Kim Vy          gọi điện  Gọi điện hỏi thăm khách VIP        Chăm sóc khách VIP",
        "  31/10/2026 09:00  KH00341    Nguyễn Hữu Thịnh       email     Lời chúc sinh nhật                 Dịp đặc biệt cho mọi khách")]
    [InlineData("en", "By segment and channel (due or deferred actions; an action counts once under each of its care plan's segments the customer is in, so the counts can add up to more than the actions):",
        "  2026-10-31 10:30  KH04756    Nguyễn Kim Vy          phone call VIP check-in call                  VIP care",
        "  2026-10-31 09:00  KH00341    Nguyễn Hữu Thịnh       email      Birthday greeting                  Occasions for everyone")]
    public void TextAgenda_NamesBesideIds_CountsSaid_ColumnsAligned(string language, string bySegment, string call, string email)
    {
        var (code, output, error) = CliRunner.Run("care", "agenda", "--as-of", "2026-10-31", "--lang", language);

        Assert.True(code == 0, error);
        var lines = output.Split(Environment.NewLine);
        Assert.Contains(bySegment, lines);
        Assert.Contains(call, lines);
        Assert.Contains(email, lines);
        // Every action line has its template at the same display column (each letter with its marks one column).
        var actions = lines.SkipWhile(l => !l.EndsWith(':') || l == bySegment).Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.True(actions.Count >= 15);
        var templates = Words[language].Values.Where(w => w.Length > 12).ToList();
        var columns = actions.Select(l => new StringInfo(l[..templates.Select(t => l.IndexOf(t, StringComparison.Ordinal)).Where(i => i > 0).Min()].Normalize()).LengthInTextElements).Distinct().ToList();
        Assert.Single(columns);
    }

    // 6. The run summary: no line for 0 shared contacts, the holdout said plainly, labels on one column.
    [Fact]
    public void RunSummary_Vietnamese_Wording()
    {
        var (code, output, error) = CliRunner.Shared("run", "--no-report", "--lang", "vi");

        Assert.True(code == 0, error);
        var lines = output.Split(Environment.NewLine);
        Assert.DoesNotContain(lines, l => l.StartsWith("  dùng chung", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  mô hình    BG/NBD, chọn bằng phép thử: ước lượng trên dữ liệu đến 01/05/2026 rồi so dự đoán với số lần mua thật sau ngày đó: ", StringComparison.Ordinal));
        Assert.DoesNotContain("qua kiểm tra giữ lại", output, StringComparison.Ordinal);
        // Journeys nobody entered: named on one line, not a line of zeros each.
        Assert.DoesNotContain("tham gia 0,", output, StringComparison.Ordinal);
        Assert.Contains("             chưa khách nào tham gia: Chào mừng khách VIP (vip-welcome@v1), Xử lý từng yêu cầu bảo hành (warranty-case@v1)", lines);
        // The labels the trial found out of line, each now ending before the value's column (the 14th).
        foreach (var label in new[] { "người mua", "đồng ý", "hạng", "lịch", "xong", "đơn hàng", "doanh thu", "nhóm khách" })
        {
            var line = Assert.Single(lines, l => l.StartsWith("  " + label.PadRight(11), StringComparison.Ordinal));
            Assert.Equal("  " + label.PadRight(11), line[..13]);
            Assert.NotEqual(' ', line[13]);
        }
    }

    // 6. In English too: no line of zeros for a journey nobody entered.
    [Fact]
    public void RunSummary_English_JourneysNobodyEntered_OneLine()
    {
        var (code, output, error) = CliRunner.Shared("run", "--no-report", "--lang", "en");

        Assert.True(code == 0, error);
        var lines = output.Split(Environment.NewLine);
        Assert.DoesNotContain(lines, l => l.Contains(" enrolled 0,", StringComparison.Ordinal));
        Assert.Contains("             no customer entered: vip-welcome@v1, warranty-case@v1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("  shared ", StringComparison.Ordinal));
    }

    // 4. The report: titled by the shop's folder name, the moment of the figures said, nothing due in one sentence,
    // import errors and warnings counted apart.
    [Theory]
    [InlineData("vi", "Báo cáo CrmKit — cua-hang-abc",
        "Ngày 07/01/2025 không có việc chăm sóc nào cần làm: lịch chăm sóc không có việc nào cho ngày này.",
        "Vấn đề khi nhập dữ liệu: 1 lỗi (dòng hoặc giá trị bị loại) và 1 cảnh báo (2 loại)",
        "Mọi số liệu trong báo cáo tính tại thời điểm 07/01/2025 10:30 (Asia/Ho_Chi_Minh): lúc có đơn hàng cuối cùng trong dữ liệu (hoặc lúc xuất tệp có cột đồng ý không ghi ngày, nếu muộn hơn), hoặc cuối ngày của --as-of.")]
    [InlineData("en", "CrmKit report — cua-hang-abc",
        "Nothing to do on 2025-01-07: the care agenda holds no action for that day.",
        "Import issues: 1 error (a row or a value rejected) and 1 warning (2 kinds)",
        "Every figure in this report is taken at 2025-01-07 10:30 (Asia/Ho_Chi_Minh): the time of the data's last order (or the export time of undated consent columns, if later), or the end of the --as-of day.")]
    public void Report_TitleAsOfNothingDueAndIssues(string language, string title, string nothingDue, string issues, string asOf)
    {
        var shop = Directory.CreateDirectory(Path.Combine(_folder, "cua-hang-abc")).FullName;
        File.WriteAllText(Path.Combine(shop, "customers.csv"), "customer_id,name,phone,email\nKH1,Trần Thị Hà,0912345678x,ha@example.vn\nKH2,Lê Văn Bình,0987654321,\n");
        File.WriteAllText(Path.Combine(shop, "orders.csv"), "order_id,customer_id,placed_at,total,currency,status\nHD01,KH1,2025-01-05T10:30:00+07:00,250000,VND,completed\nHD02,KH2,2025-01-06T10:30:00+07:00,abc,VND,completed\nHD03,KH2,2025-01-07T10:30:00+07:00,150000,VND,completed\n");
        var report = Path.Combine(_folder, $"report-{language}.html");

        var (code, _, error) = CliRunner.Run("run", "--data", shop, "--report", report, "--max-rejected", "100", "--lang", language);

        Assert.True(code == 0, error);
        var html = WebUtility.HtmlDecode(File.ReadAllText(report));
        Assert.Contains($"<title>{title}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<p>{nothingDue}</p>", html, StringComparison.Ordinal);
        Assert.Contains($"<summary>{issues}</summary>", html, StringComparison.Ordinal);
        Assert.Contains(asOf, html, StringComparison.Ordinal);
    }

    // 4. The sample shop's report is titled by its name, not the tool's folder.
    [Theory]
    [InlineData("vi", "<title>Báo cáo CrmKit — cửa hàng mẫu</title>")]
    [InlineData("en", "<title>CrmKit report — the sample shop</title>")]
    public void Report_Sample_TitledByName(string language, string title)
    {
        var report = Path.Combine(_folder, $"sample-{language}.html");

        var (code, _, error) = CliRunner.Run("run", "--sample", "--report", report, "--lang", language);

        Assert.True(code == 0, error);
        Assert.Contains(title, WebUtility.HtmlDecode(File.ReadAllText(report)), StringComparison.Ordinal);
    }

    // 6. The number format said once for the columns read alike, not once per column.
    [Theory]
    [InlineData("vi", "  đọc        orders.csv: 2 dòng, giữ 2, loại 0, 0 cảnh báo (utf-8, phân cách bằng ','; line_total, quantity, total, unit_price: kiểu số Việt Nam (1.250.000,50), theo thiết lập; múi giờ Asia/Ho_Chi_Minh)")]
    [InlineData("en", "  read       orders.csv: 2 rows, 2 kept, 0 rejected, 0 warnings (utf-8, ','-delimited; line_total, quantity, total, unit_price: Vietnamese style, configured; zone Asia/Ho_Chi_Minh)")]
    public void ImportSummary_NumberFormat_SaidOnce(string language, string expected)
    {
        var orders = Path.Combine(_folder, "orders.csv");
        File.WriteAllText(orders, "order_id,customer_id,placed_at,sku,quantity,unit_price,line_total,total\nHD1,KH1,2025-01-05 10:00,A,2,\"125.000\",\"250.000\",\"250.000\"\nHD2,KH2,2025-01-06 10:00,B,1,\"1.250.000\",\"1.250.000\",\"1.250.000\"\n");

        var (code, output, error) = CliRunner.Run("run", "--orders", orders, "--number-format", "vi", "--no-report", "--lang", language);

        Assert.True(code == 0, error);
        Assert.Contains(expected, output.Split(Environment.NewLine));
    }
}
