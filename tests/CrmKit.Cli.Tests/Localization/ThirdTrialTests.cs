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
        var (code, vi, error) = CliRunner.Run("customer", "KH00001", "--sample", "--lang", "vi");
        Assert.True(code == 0, error);
        Assert.Contains("✓ orders.count (completed) = 2, cần ≥ 1", vi, StringComparison.Ordinal);
        Assert.Contains("✗ rfm.frequency = 3, cần ≤ 2", vi, StringComparison.Ordinal);
        var (_, en, _) = CliRunner.Run("customer", "KH00001", "--sample", "--lang", "en");
        Assert.Contains("✓ orders.count (completed) = 2, needed ≥ 1", en, StringComparison.Ordinal);
        Assert.DoesNotContain(">=", vi + en, StringComparison.Ordinal);
        Assert.DoesNotContain("<=", vi + en, StringComparison.Ordinal);
    }
}
