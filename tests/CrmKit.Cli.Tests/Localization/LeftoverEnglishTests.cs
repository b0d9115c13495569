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
    private static readonly string[] Forbidden =
    [
        "Usage", "Description:", "Options:", "Commands:", "Arguments:", "Show help", "Show version", "is required",
        "rejected", "warning", "is not", "not one of", "delimited", "zone Asia", "was left empty", "row was kept", "has no",
        "too short", "after", "days", "1 day", "second order", "unassigned", "send", "task:", "Assign to",
    ];

    private static readonly string Broken = RepositoryRoot.Path("tests", "fixtures", "vi-broken-shop");

    private static readonly string Sample = RepositoryRoot.Path("seeds", "store");

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
        Assert.Contains(lines, l => l.EndsWith(": column 'total': 'abc' is not an amount: it has no digits.", StringComparison.Ordinal));
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

    // Each forbidden word as a word: not inside an id (after-sale@v1) or an option (--review-days), any case.
    private static void AssertNoEnglish(string text)
    {
        var found = Forbidden.Where(w => Regex.IsMatch(text, $@"(?<![\w@<-]){Regex.Escape(w)}(?![\w@>-])", RegexOptions.IgnoreCase)).ToList();
        Assert.True(found.Count == 0, $"English left in Vietnamese output: {string.Join(", ", found)}\n{text}");
    }
}
