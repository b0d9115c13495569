namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: help, errors and the text output of the commands in the chosen language; English as before. The expected
/// Vietnamese is the team's own text from Strings.vi.resx; the figures (4,998 customers, due 15 …) are the English
/// run's, written the vi-VN way.
/// </summary>
public sealed class CommandTextLanguageTests
{
    [Fact]
    public void RunHelp_DescribesEveryOptionInTheLanguage()
    {
        var (code, vi, _) = CliRunner.Run(["run", "--help", "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("Không ghi báo cáo HTML.", vi, StringComparison.Ordinal);
        Assert.Contains("Kỳ đánh giá: N ngày tính ngược từ thời điểm tính số liệu (tỷ lệ giữ chân so với N ngày trước đó; từ 1 đến 36.525). [mặc định: 90]", vi, StringComparison.Ordinal);
        Assert.Contains("Đọc các tệp theo đúng cách một nền tảng xuất ra: haravan,", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("Do not write the HTML report.", vi, StringComparison.Ordinal);

        (code, var en, _) = CliRunner.Run(["run", "--help", "--lang", "en"]);
        Assert.Equal(0, code);
        Assert.Contains("Do not write the HTML report.", en, StringComparison.Ordinal);
        Assert.Contains("The review period: the N days that end at the as-of instant (retention compares with the N days before; 1 to 36,525). [default: 90]", en, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("segment")]
    [InlineData("care")]
    [InlineData("clv")]
    [InlineData("replay")]
    [InlineData("presets")]
    public void CommandHelp_IsVietnamese(string command)
    {
        var (code, vi, _) = CliRunner.Run([command, "--help", "--lang", "vi"]);
        var (_, en, _) = CliRunner.Run([command, "--help", "--lang", "en"]);
        Assert.Equal(0, code);
        Assert.NotEqual(en, vi);
        Assert.Matches("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", vi);
    }

    [Fact]
    public void BadDate_IsExplainedInTheLanguage_FramingIncluded()
    {
        var (code, _, error) = CliRunner.Run(["segment", "--as-of", "31/10/2026", "--lang", "vi"]);
        Assert.Equal(2, code);
        Assert.Equal("crmkit: --as-of không hợp lệ: '31/10/2026' không phải là một ngày. Hãy ghi ngày theo dạng YYYY-MM-DD: 31/10/2026 (ngày/tháng/năm) được ghi là --as-of 2026-10-31.\nChạy 'crmkit segment --help' để xem các tuỳ chọn của lệnh.", error.Trim().ReplaceLineEndings("\n"));

        (code, _, error) = CliRunner.Run(["run", "--review-days", "0", "--lang", "vi", "--no-report"]);
        Assert.Equal(2, code);
        Assert.StartsWith("crmkit: --review-days không hợp lệ: 0 không phải số ngày hợp lệ (từ 1 đến 36.525).", error, StringComparison.Ordinal);

        // English as it has always been (the exception's own Message).
        (code, _, error) = CliRunner.Run(["segment", "--as-of", "31/10/2026", "--lang", "en"]);
        Assert.Equal(2, code);
        Assert.Equal("crmkit: Invalid --as-of: '31/10/2026' is not a date. Write the day as YYYY-MM-DD: 31/10/2026 (day/month/year) is --as-of 2026-10-31.\nRun 'crmkit segment --help' for its options.", error.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CareHelp_DescribesTheCommandInTheLanguage()
    {
        var (code, vi, _) = CliRunner.Run(["care", "--help", "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("Quy trình chăm sóc: danh sách việc chăm sóc đến hạn (sau khi áp quy tắc liên hệ) và sơ đồ quy trình.", vi, StringComparison.Ordinal);
        Assert.DoesNotContain("Care processes: the agenda", vi, StringComparison.Ordinal);
    }

    [Fact]
    public void CareAgenda_Text_InVietnamese_HasTheEnglishFigures()
    {
        var store = RepositoryRoot.Path("seeds", "store");
        var (code, en, _) = CliRunner.Run(["care", "agenda", "--data", store, "--limit", "1", "--lang", "en"]);
        Assert.Equal(0, code);
        var (_, vi, _) = CliRunner.Run(["care", "agenda", "--data", store, "--limit", "1", "--lang", "vi"]);
        string[] english = [.. en.ReplaceLineEndings("\n").Split('\n')];
        string[] vietnamese = [.. vi.ReplaceLineEndings("\n").Split('\n')];
        Assert.Equal("Care agenda for 4,998 customers, actions due in the 1 day up to 2026-10-31 20:49 (Asia/Ho_Chi_Minh)", english[0]);
        Assert.Equal("Việc chăm sóc cho 4.998 khách hàng, đến hạn trong 1 ngày tính đến 31/10/2026 20:49 (Asia/Ho_Chi_Minh)", vietnamese[0]);
        Assert.Equal("due 15, deferred 0, skipped 36, dropped 0", english[1]);
        Assert.Equal("đến hạn 15, hoãn lại 0, bỏ qua 36, bỏ lỡ 0", vietnamese[1]);
        Assert.Contains("  Champions              phone call 1", english);
        Assert.Contains("  Khách xuất sắc           gọi điện 1", vietnamese);
    }

    [Fact]
    public void SegmentExplain_ShowsTheSegmentNameInTheLanguage()
    {
        var store = RepositoryRoot.Path("seeds", "store");
        var (code, vi, _) = CliRunner.Run(["segment", "--data", store, "--explain", "KH00002", "--as-of", "2026-10-31", "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("Khách hàng KH00002, tính đến 31/10/2026 23:59 (Asia/Ho_Chi_Minh)", vi, StringComparison.Ordinal);
        Assert.Contains("lapsed — Khách lâu không quay lại: ", vi, StringComparison.Ordinal);
        Assert.Contains("vip — Khách VIP: ", vi, StringComparison.Ordinal);
    }
}
