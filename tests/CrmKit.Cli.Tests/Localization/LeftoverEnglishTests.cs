using System.Text.RegularExpressions;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, "no English left in Vietnamese output": every command run with <c>--lang vi</c> on the sample shop and on
/// a small broken shop (tests/fixtures/vi-broken-shop: bad dates, amounts, values, phones and emails) prints none of a
/// list of English words and phrases that cannot appear in Vietnamese text legitimately (ids such as
/// <c>after-sale@v1</c> or option names such as <c>--review-days</c> are not words, so each is matched as a word).
/// Machine-readable output (JSON, CSV) stays invariant English by design and is not checked here.
/// </summary>
public sealed partial class LeftoverEnglishTests
{
    // English that a Vietnamese run must not print: System.CommandLine's help words, the import's reasons and framing,
    // the care process's timers, guards and effects, the staff placeholder. Not "day" or "zone" alone: they are values
    // of --period and a JSON field the help names.
    internal static readonly string[] Forbidden =
    [
        "Usage", "Description:", "Options:", "Commands:", "Arguments:", "Show help", "Show version", "is required",
        "rejected", "warning", "is not", "not one of", "delimited", "zone Asia", "was left empty", "row was kept", "has no",
        "too short", "after", "days", "1 day", "second order", "unassigned", "send", "task:", "Assign to",
        // CLV fit problems, the model choice, clv predict's warnings; RFM notes.
        "fit not used", "What to do", "repeat buyers", "parameter", "ran off", "standard error", "likelihood", "Model choice",
        "is tried", "no CLV column", "fit failed", "estimate", "distinct value", "quintiles", "scores given",
        // Implausible fits, failed predictions, the spend model; replay's purposes.
        "implausible", "predicts", "the prediction", "failed", "spend model", "not usable", "could not", "transactional",
        // Usage errors of the commands' own options.
        "does not exist", "give either", "is before", "Example", "is needed", "are needed", "not a number", "period is longer",
    ];

    private static readonly string Broken = RepositoryRoot.Path("tests", "fixtures", "vi-broken-shop");

    private static readonly string Sample = RepositoryRoot.Path("seeds", "store");

    // Five customers, four repeat buyers: every CLV fit has problems and the RFM scores collapse (notes).
    private static readonly string Tiny = RepositoryRoot.Path("tests", "fixtures", "vi-tiny-shop");

    public static TheoryData<string[]> Help() =>
    [
        ["--help"], ["run", "--help"], ["customer", "--help"], ["segment", "--help"], ["care", "--help"], ["care", "agenda", "--help"],
        ["clv", "--help"], ["clv", "fit", "--help"], ["clv", "predict", "--help"], ["replay", "--help"], ["presets", "--help"],
    ];

    [Theory]
    [MemberData(nameof(Help))]
    public void Help_InVietnamese_HasNoEnglishWords(string[] args)
    {
        var (code, output, error) = CliRunner.Run([.. args, "--lang", "vi"]);
        Assert.Equal(0, code);
        AssertNoEnglish(output + error);
        Assert.Contains("Cách dùng:", output, StringComparison.Ordinal);
        Assert.Contains("Tuỳ chọn:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredOption_IsReportedInVietnamese()
    {
        var (code, _, error) = CliRunner.Run(["clv", "fit", "--data", Broken, "--lang", "vi"]);
        Assert.Equal(2, code);
        Assert.Contains("Cần có tuỳ chọn '--model'.", error, StringComparison.Ordinal);
        AssertNoEnglish(error);

        (code, _, error) = CliRunner.Run(["clv", "fit", "--data", Broken, "--lang", "en"]);
        Assert.Equal(2, code);
        Assert.Contains("Option '--model' is required.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenShop_Run_SaysEveryProblemInVietnamese()
    {
        var (_, output, error) = CliRunner.Run(["run", "--data", Broken, "--no-report", "--lang", "vi"]);
        AssertNoEnglish(output + error);
        string[] lines = [.. error.ReplaceLineEndings("\n").Split('\n')];
        Assert.Contains("customers.csv:32: cảnh báo: cột 'created_at': '31/02/2025' không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày. Đã để trống trường này, dòng vẫn được giữ.", lines);
        Assert.Contains("customers.csv:32: cảnh báo: cột 'birth_date': '1990-13-45' không phải là ngày có thật: không có tháng 13. Đã để trống trường này, dòng vẫn được giữ.", lines);
        Assert.Contains("customers.csv:32: cảnh báo: cột 'phone': '0***' quá ngắn, không phải số điện thoại Việt Nam (chỉ có 4 chữ số, kể cả số 0 đầu). Đã để trống trường này, dòng vẫn được giữ.", lines);
        Assert.Contains("customers.csv:32: cảnh báo: cột 'email': địa chỉ email thiếu dấu '@'. Đã để trống trường này, dòng vẫn được giữ.", lines);
        Assert.Contains(lines, l => l.StartsWith("orders.csv:", StringComparison.Ordinal) && l.Contains(": dòng bị loại — cột 'placed_at': '2025-02-30T10:00:00+07:00' không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(": dòng bị loại — cột 'total': 'abc' không phải là số tiền: không có chữ số nào.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(": dòng bị loại — cột 'status': 'flying' không nằm trong các giá trị đọc được: completed, returned, cancelled, pending. Hãy ghi cách hiểu giá trị này trong tệp ánh xạ (", StringComparison.Ordinal));
        Assert.Contains("  đọc        customers.csv: 31 dòng, giữ 31, loại 0, 5 cảnh báo (utf-8, phân cách bằng ','; múi giờ Asia/Ho_Chi_Minh)", output.ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void BrokenShop_Run_InEnglish_IsAsBefore()
    {
        var (_, output, error) = CliRunner.Run(["run", "--data", Broken, "--no-report", "--lang", "en"]);
        string[] lines = [.. error.ReplaceLineEndings("\n").Split('\n')];
        Assert.Contains("customers.csv:32: warning: column 'created_at': '31/02/2025' is not a date: February 2025 has 28 days. The field was left empty; the row was kept.", lines);
        Assert.Contains(lines, l => l.EndsWith(": row rejected — column 'total': 'abc' is not an amount: it has no digits.", StringComparison.Ordinal));
        Assert.Contains("  read       customers.csv: 31 rows, 31 kept, 0 rejected, 5 warnings (utf-8, ','-delimited; zone Asia/Ho_Chi_Minh)", output.ReplaceLineEndings("\n").Split('\n'));
    }

    [Theory]
    [InlineData("customer", "KH00002")]
    [InlineData("segment")]
    [InlineData("care", "agenda")]
    [InlineData("clv", "fit", "--model", "bg-nbd")]
    public void BrokenShop_Commands_HaveNoEnglishWords(params string[] args)
    {
        var (_, output, error) = CliRunner.Run([.. args, "--data", Broken, "--lang", "vi"]);
        AssertNoEnglish(output + error);
        Assert.NotEmpty(output);
    }

    [Theory]
    [InlineData("customer", "KH00002")]
    [InlineData("segment")]
    [InlineData("care", "agenda")]
    public void Sample_Commands_HaveNoEnglishWords(params string[] args)
    {
        var (code, output, error) = CliRunner.Shared([.. args, "--data", Sample, "--lang", "vi"]);
        Assert.Equal(0, code);
        AssertNoEnglish(output + error);
    }

    [Fact]
    public void Sample_Customer_NamesProcessesStepsTasksAndRolesInVietnamese()
    {
        var (code, vi, _) = CliRunner.Shared(["customer", "KH00002", "--data", Sample, "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("quy trình Phiếu hỗ trợ, bước '", vi, StringComparison.Ordinal);
        Assert.Contains("Phân công người phụ trách: trưởng nhóm chăm sóc khách hàng (trưởng nhóm chăm sóc khách hàng)", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("quy trình support-ticket", vi, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenShop_SegmentMembers_NamesTheSegmentInVietnamese()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-vi-members-");
        try
        {
            var file = Path.Combine(folder.FullName, "vip.csv");
            var (code, output, error) = CliRunner.Run(["segment", "--data", Broken, "--members", "loyal-customers", "--channel", "zalo", "--out", file, "--max-rejected", "100", "--lang", "vi"]);
            Assert.Equal(0, code);
            AssertNoEnglish(output + error);
            Assert.Contains("của nhóm Khách hàng thân thiết (loyal-customers) vào", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Presets_InVietnamese_HaveNoEnglishWords()
    {
        var (code, output, error) = CliRunner.Run(["presets", "--lang", "vi"]);
        Assert.Equal(0, code);
        AssertNoEnglish(output + error);
    }

    [Theory]
    [InlineData("clv", "fit", "--model", "bg-nbd")]
    [InlineData("clv", "fit", "--model", "gamma-gamma")]
    [InlineData("clv", "predict")]
    [InlineData("segment")]
    [InlineData("customer", "KH00002")]
    public void TinyShop_Commands_HaveNoEnglishWords(params string[] args)
    {
        var (_, output, error) = CliRunner.Run([.. args, "--data", Tiny, "--lang", "vi"]);
        AssertNoEnglish(output + error);
        Assert.NotEmpty(output + error);
    }

    [Fact]
    public void TinyShop_ClvFit_SaysWhyTheFitIsNotUsableInVietnamese()
    {
        var (code, vi, _) = CliRunner.Run(["clv", "fit", "--model", "bg-nbd", "--data", Tiny, "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("    BG/NBD được ước lượng trên 4 khách mua lại, trong khi cần ít nhất 20 khách để ước lượng các tham số. Nên làm: dùng lịch sử mua dài hơn, hoặc chờ thêm khách quay lại mua.", vi.ReplaceLineEndings("\n").Split('\n'));
        Assert.Contains("    BG/NBD: tham số r = 1,721E+07 trôi dần về vô cực (lệch hơn 1000000 lần so với thang đo 1 của nó)", vi, StringComparison.Ordinal);

        var (_, en, _) = CliRunner.Run(["clv", "fit", "--model", "bg-nbd", "--data", Tiny, "--lang", "en"]);
        Assert.Contains("    BG/NBD was fitted on 4 repeat buyers; at least 20 are needed to estimate its parameters. What to do: use a longer history, or wait until more customers have bought again.", en.ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void TinyShop_ClvPredict_SaysTheFitFailedInVietnamese()
    {
        var (code, _, vi) = CliRunner.Run(["clv", "predict", "--data", Tiny, "--lang", "vi"]);
        Assert.Equal(1, code);
        Assert.StartsWith("crmkit: Không ước lượng được mô hình BG/NBD: kết quả ước lượng không được dùng để dự đoán: BG/NBD: tham số r = ", vi, StringComparison.Ordinal);

        var (_, _, en) = CliRunner.Run(["clv", "predict", "--data", Tiny, "--lang", "en"]);
        Assert.StartsWith("crmkit: The BG/NBD fit failed: its estimate is not used for predictions: BG/NBD parameter r = ", en, StringComparison.Ordinal);
    }

    [Fact]
    public void TinyShop_Run_SaysModelChoiceFitProblemsAndRfmNotesInVietnamese()
    {
        var (code, output, error) = CliRunner.Run(["run", "--data", Tiny, "--no-report", "--lang", "vi"]);
        Assert.Equal(0, code);
        AssertNoEnglish(output + error);
        string[] lines = [.. output.ReplaceLineEndings("\n").Split('\n')];
        Assert.Contains("             Chọn mô hình: không mô hình nào ước lượng được và dùng được trên giai đoạn dùng để ước lượng, nên thử BG/NBD trên toàn bộ dữ liệu.", lines);
        Assert.Contains("             tần suất mua (F) chỉ có 3 giá trị khác nhau trong 4 khách hàng, ít hơn 5 mức ngũ phân vị: khách có số liệu bằng nhau nhận chung điểm thấp hơn; các điểm được dùng: 1, 3, 4.", lines);
        Assert.Contains("             Chăm sóc sau bán cho mỗi đơn hàng hoàn tất (after-sale@v1): tham gia 40, đang chạy 1, hoàn tất 39, dừng giữa chừng 0, đạt mục tiêu 31", lines);

        (_, output, _) = CliRunner.Run(["run", "--data", Tiny, "--no-report", "--lang", "en"]);
        lines = [.. output.ReplaceLineEndings("\n").Split('\n')];
        Assert.Contains("             Model choice: no model could be fitted and used on the calibration period, so BG/NBD is tried on all the data.", lines);
        Assert.Contains("             frequency has 3 distinct values among 4 customers, fewer than the 5 quintiles: equal figures share the lower score; scores given: 1, 3, 4.", lines);
        Assert.Contains(lines, l => l.StartsWith("             after-sale@v1                enrolled 40,", StringComparison.Ordinal));
    }

    [Fact]
    public void BrokenShop_NegativeOrder_IsWrittenWithVietnameseGrouping()
    {
        var (_, _, vi) = CliRunner.Run(["run", "--data", Broken, "--no-report", "--lang", "vi"]);
        Assert.Contains("đơn 'HD999995' có số tiền âm (-50.000); đã ghi nhận là trả hàng 50.000 ₫.", vi, StringComparison.Ordinal);
        var (_, _, en) = CliRunner.Run(["run", "--data", Broken, "--no-report", "--lang", "en"]);
        Assert.Contains("order 'HD999995' has a negative amount (-50000); it was read as a return of 50000 VND.", en, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_Replay_NamesTemplatesPurposesAndTheProcessInVietnamese()
    {
        var (code, output, error) = CliRunner.Run(["replay", "--journey", RepositoryRoot.Path("seeds", "journeys", "after-sale.json"), "--from", "2025-10-01", "--to", "2025-10-03", "--data", Sample, "--first", "5", "--lang", "vi"]);
        Assert.Equal(0, code);
        AssertNoEnglish(output + error);
        Assert.Contains("Cảm ơn và hỏi thăm giao hàng (order-follow-up)", output, StringComparison.Ordinal);
        Assert.Contains(" giao dịch ", output, StringComparison.Ordinal);
        Assert.Matches(@"Chạy lại hành trình .+ \(after-sale@v1\), quy trình .+ \(after-sale\), từ 01/10/2025", output);
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("run", "--no-report")]
    public void Sample_RfmMonetaryBounds_AreVietnameseMoney(params string[] args)
    {
        var (code, vi, _) = CliRunner.Shared([.. args, "--data", Sample, "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Matches(@"M ≥ \[\d{1,3}(\.\d{3})+ ₫; \d{1,3}(\.\d{3})+ ₫; \d{1,3}(\.\d{3})+ ₫; \d{1,3}(\.\d{3})+ ₫\]", vi);

        var (_, en, _) = CliRunner.Shared([.. args, "--data", Sample, "--lang", "en"]);
        Assert.Matches(@"M ≥ \[\d+, \d+, \d+, \d+\]", en);
        Assert.DoesNotContain("₫", en, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> UsageErrors() =>
    [
        ["run", "--zone", "Mars/Olympus", "--no-report"],
        ["run", "--delimiter", "x", "--no-report"],
        ["run", "--number-format", "roman", "--no-report"],
        ["run", "--date-order", "ydm", "--no-report"],
        ["run", "--max-rejected", "150", "--no-report"],
        ["run", "--preset", "kiotviet", "--map", "shop.json", "--no-report"],
        ["replay", "--journey", "missing.json", "--from", "2025-10-10", "--to", "2025-10-01"],
        ["replay", "--journey", "missing.json", "--from", "2025-10-01", "--to", "2025-10-10"],
        ["replay", "--journey", "missing.json", "--from", "2025-10-01", "--to", "2025-10-10", "--first", "20000"],
        ["clv", "summary", "--transactions", "/nonexistent/t.csv"],
        ["clv", "summary", "--transactions", "/nonexistent/t.csv", "--format", "bgbb"],
        ["clv", "fit", "--model", "sbg", "--transactions", "/nonexistent/t.csv"],
        ["clv", "fit", "--model", "bg-bb", "--format", "bgbb", "--transactions", "/nonexistent/t.csv"],
    ];

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrors_AreSaidInVietnamese(string[] args)
    {
        var (code, output, error) = CliRunner.Run([.. args, "--data", Tiny, "--lang", "vi"]);
        Assert.NotEqual(0, code);
        Assert.StartsWith("crmkit: ", error, StringComparison.Ordinal);
        AssertNoEnglish(output + error);
    }

    // Each forbidden word as a word: not inside an id (after-sale@v1) or an option (--review-days), any case.
    internal static void AssertNoEnglish(string text)
    {
        var found = Forbidden.Where(w => Regex.IsMatch(text, $@"(?<![\w@<-]){Regex.Escape(w)}(?![\w@>-])", RegexOptions.IgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"English left in Vietnamese output: {string.Join(", ", found)}\n{text}");
    }
}
