namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: the text that comes from the libraries (import issues, contact reasons …) is written in the invocation's
/// language on the terminal and in the report, while the JSON output stays the same in every language.
/// </summary>
public sealed class LibraryMessagesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-library-messages-").FullName;

    public LibraryMessagesTests()
    {
        File.WriteAllText(Path.Combine(_folder, "customers.csv"), "customer_id,full_name,phone\nK1,An Nguyen,0912345678\nK2,Binh Tran,0912345679\n");
        File.WriteAllText(Path.Combine(_folder, "orders.csv"), "order_id,customer_id,placed_at,total,total\nO1,K1,2025-01-02,100000,1\nO2,K9,2025-01-03,200000,1\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Files => ["--customers", Path.Combine(_folder, "customers.csv"), "--orders", Path.Combine(_folder, "orders.csv"), "--as-of", "2025-06-01", "--no-report"];

    [Fact]
    public void ImportIssuesAndContactReasons_AreVietnameseWithLangVi_EnglishWithLangEn()
    {
        var (code, output, error) = CliRunner.Run(["run", .. Files, "--lang", "vi"]);
        var (enCode, enOutput, enError) = CliRunner.Run(["run", .. Files, "--lang", "en"]);

        Assert.Equal((0, 0), (code, enCode));
        Assert.Contains("orders.csv:1: cảnh báo: cột 'total': cột này xuất hiện nhiều lần trong dòng tiêu đề; chỉ đọc cột đầu tiên.", error, StringComparison.Ordinal);
        Assert.Contains("orders.csv:3: cảnh báo: cột 'customer_id': khách hàng 'K9' không có trong customers.csv; đã tạo khách hàng từ thông tin trên đơn.", error, StringComparison.Ordinal);
        Assert.Contains("orders.csv:1: warning: column 'total': the column appears more than once in the header; the first is read.", enError, StringComparison.Ordinal);
        Assert.DoesNotContain("cảnh báo", enError, StringComparison.Ordinal);

        // Skip reasons in the summary's messages line.
        Assert.Contains("khách chưa đồng ý nhận tin tiếp thị qua Zalo", output, StringComparison.Ordinal);
        Assert.Contains("không có số điện thoại", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no marketing consent", output, StringComparison.Ordinal);
        Assert.Contains("no marketing consent for Zalo", enOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentExplanation_IsVietnameseWithLangVi_AndItsJsonTheSameInBothLanguages()
    {
        var (code, output, error) = CliRunner.Run("segment", "--sample", "--explain", "KH00063", "--lang", "vi");
        var (viCode, viJson, _) = CliRunner.Run("segment", "--sample", "--explain", "KH00063", "--json", "--lang", "vi");
        var (enCode, enJson, _) = CliRunner.Run("segment", "--sample", "--explain", "KH00063", "--json", "--lang", "en");

        Assert.True(code == 0, error);
        Assert.Equal((0, 0), (viCode, enCode));
        Assert.Contains("✓ tất cả: cả 2 điều kiện đều đúng", output, StringComparison.Ordinal);
        Assert.Contains("✓ daysSinceLastOrder (completed) = 716, cần > 180", output, StringComparison.Ordinal);
        Assert.DoesNotContain("conditions held", output, StringComparison.Ordinal);
        Assert.Contains("\"all 2 conditions held\"", enJson, StringComparison.Ordinal);
        Assert.Equal(enJson, viJson);
    }

    [Fact]
    public void Json_IsByteIdenticalAcrossLanguages()
    {
        var (code, vi, _) = CliRunner.Run(["run", .. Files, "--json", "--lang", "vi"]);
        var (enCode, en, _) = CliRunner.Run(["run", .. Files, "--json", "--lang", "en"]);

        Assert.Equal(0, code);
        Assert.Equal(0, enCode);
        // Reasons stay the invariant English keys in JSON; the run's duration ("seconds") is the one figure that may differ.
        Assert.Contains("\"no marketing consent for Zalo\":", en, StringComparison.Ordinal);
        Assert.Equal(WithoutDuration(en), WithoutDuration(vi));
    }

    private static string WithoutDuration(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"seconds\":[0-9.E+-]+", "\"seconds\":0");
}
