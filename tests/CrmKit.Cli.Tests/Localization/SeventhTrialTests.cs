namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, seventh newcomer trial (a Vietnamese shop owner running <c>crmkit run</c>, <c>customer</c>,
/// <c>segment --members</c> and <c>care agenda</c> on exports they made themselves): each finding with the text it
/// must have, in both languages where the text is shown.
/// </summary>
public sealed class SeventhTrialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-seventh-trial-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The owner's shop: a customers export with an undated consent column, saved on 2026-12-03 at 10:00 UTC (17:00 in
    // Hanoi), long after the last order (2026-03-14 18:40).
    private string Shop(string consentHeader = "consent.zalo.marketing", string consent = "yes")
    {
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllText(customers, $"customer_id,name,phone,{consentHeader}\nKH001,Nguyễn Văn An,0912 345 678,{consent}\nKH002,Trần Thị Hà,0903 111 222,{consent}\n");
        File.WriteAllText(Path.Combine(_folder, "orders.csv"), "order_id,customer_id,placed_at,total,status\nHD01,KH001,2026-01-05T10:15:00+07:00,1250000,completed\nHD02,KH002,2026-03-14T18:40:00+07:00,850000,completed\n");
        File.SetLastWriteTimeUtc(customers, new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "orders.csv"), new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc));
        return _folder;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries);

    // 1. Blocker: undated consent columns are dated at the export; the default as-of is the later of the last order and
    // the export, and the summary says which. Before: as of the last order, and every consent count was 0.
    [Theory]
    [InlineData("en", "as of 2026-12-03 17:00, the export time of customers.csv (Asia/Ho_Chi_Minh)", "consent    marketing by Zalo 2, SMS 0, email 0")]
    [InlineData("vi", "số liệu tính đến 03/12/2026 17:00, thời điểm xuất tệp customers.csv (Asia/Ho_Chi_Minh)", "đồng ý     nhận tin tiếp thị qua Zalo 2, SMS 0, email 0")]
    public void Run_UndatedConsentColumns_AsOfIsTheExportTime_AndTheConsentsCount(string language, string header, string consent)
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--lang", language);

        Assert.True(code == 0, error);
        var lines = Lines(output);
        Assert.EndsWith(header, lines[0], StringComparison.Ordinal);
        Assert.Contains(consent, lines);
        Assert.DoesNotContain("consent decisions", error, StringComparison.Ordinal); // nothing left after the as-of
    }

    [Fact]
    public void Run_UndatedConsentColumns_NoteSaysWhyTheExportTime()
    {
        var (_, output, _) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--lang", "en");

        Assert.Equal(
            "as of      the export time: the consent columns of customers.csv are dated then, later than the last sale (2026-03-14 18:40); --exported-at gives the export time, --as-of another day",
            Lines(output)[1]);
    }

    [Theory]
    [InlineData("2026-12-05", "as of 2026-12-05 23:59, the export time of customers.csv")]          // a day: its end, as --as-of
    [InlineData("2026-12-05T08:30", "as of 2026-12-05 08:30, the export time of customers.csv")]    // the shop's zone
    [InlineData("2026-12-05T08:30+00:00", "as of 2026-12-05 15:30, the export time of customers.csv")] // an offset
    public void Run_ExportedAt_DatesTheConsentsAndTheAsOf(string exportedAt, string header)
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--exported-at", exportedAt);

        Assert.True(code == 0, error);
        Assert.Contains(header, Lines(output)[0], StringComparison.Ordinal);
        Assert.Contains("consent    marketing by Zalo 2, SMS 0, email 0", Lines(output));
    }

    [Fact]
    public void Run_ExportedAtBeforeTheLastOrder_AsOfIsTheLastOrder_ConsentsCount()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--exported-at", "2026-03-12");

        Assert.True(code == 0, error);
        Assert.EndsWith("as of 2026-03-14 18:40 (Asia/Ho_Chi_Minh)", Lines(output)[0], StringComparison.Ordinal);
        Assert.Contains("consent    marketing by Zalo 2, SMS 0, email 0", Lines(output));
    }

    [Fact]
    public void Run_AsOfGiven_Wins_OverTheExportTime()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--as-of", "2026-03-14");

        Assert.True(code == 0, error);
        Assert.EndsWith("as of 2026-03-14 23:59 (Asia/Ho_Chi_Minh)", Lines(output)[0], StringComparison.Ordinal);
        Assert.Contains("consent    marketing by Zalo 0, SMS 0, email 0", Lines(output));
        Assert.Contains("run with --as-of 2026-12-03,", error, StringComparison.Ordinal); // the consents-after-as-of warning stays
    }

    [Fact]
    public void Customer_DefaultAsOf_IsTheExportTimeToo()
    {
        var (code, output, error) = CliRunner.Run("customer", "KH001", "--data", Shop(), "--json");

        Assert.True(code == 0, error);
        Assert.Equal("2026-12-03T10:00:00Z", System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("asOf").GetString());
    }

    [Theory]
    [InlineData("en", "'12/3/2026' is not a date or a time. Write it as YYYY-MM-DD (the end of that day) or YYYY-MM-DDTHH:mm in the shop's zone, optionally followed by an offset such as +07:00; for example --exported-at 2026-03-12 or --exported-at 2026-03-12T17:30.")]
    [InlineData("vi", "'12/3/2026' không phải là một ngày hay một thời điểm. Hãy ghi theo dạng YYYY-MM-DD (hết ngày đó) hoặc YYYY-MM-DDTHH:mm theo múi giờ của cửa hàng, có thể kèm độ lệch múi giờ như +07:00; ví dụ --exported-at 2026-03-12 hoặc --exported-at 2026-03-12T17:30.")]
    public void Run_ExportedAtNotATime_IsWrongUsage_WithTheFormsAndAnExample(string language, string message)
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--exported-at", "12/3/2026", "--lang", language);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    // 2. The hint that no consent was read names the column that looks like consent, with the mapping that reads it.
    [Theory]
    [InlineData("en", "The column 'Đồng ý nhận tin' (in customers.csv) looks like consent but was not read: name it with its channel in a mapping file and run with --map FILE, e.g. { \"customers\": { \"columns\": { \"consent.zalo.marketing\": \"Đồng ý nhận tin\" } } };")]
    [InlineData("vi", "Cột 'Đồng ý nhận tin' (trong customers.csv) trông như cột đồng ý nhận tin nhưng chưa được đọc: hãy khai báo cột đó cùng kênh của nó trong một tệp ánh xạ rồi chạy với --map TỆP, ví dụ { \"customers\": { \"columns\": { \"consent.zalo.marketing\": \"Đồng ý nhận tin\" } } };")]
    public void CareAgenda_NoConsent_NamesTheColumnThatLooksLikeConsent(string language, string hint)
    {
        var (code, _, error) = CliRunner.Run("care", "agenda", "--data", Shop("Đồng ý nhận tin", "có"), "--lang", language);

        Assert.True(code == 0, error);
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accepts SMS marketing", "sms")]
    [InlineData("accepts_marketing", "zalo")]
    [InlineData("Đồng ý nhận email", "email")]
    public void CareAgenda_NoConsent_ColumnUnderAnotherSpelling_NamedWithItsChannel(string header, string channel)
    {
        var (_, _, error) = CliRunner.Run("care", "agenda", "--data", Shop(header, "yes"), "--lang", "en");

        Assert.Contains($"The column '{header}' (in customers.csv) looks like consent but was not read", error, StringComparison.Ordinal);
        Assert.Contains($"\"consent.{channel}.marketing\": \"{header}\"", error, StringComparison.Ordinal);
    }

    // 3. --as-of after everything the data knows: warned, in both languages.
    [Theory]
    [InlineData("en", "crmkit: the as-of day 2027-01-15 is after everything the data knows: the last sale was 2026-03-14 18:40; the files were exported 2026-12-03 17:00.")]
    [InlineData("vi", "crmkit: ngày tính 15/01/2027 nằm sau mọi điều dữ liệu cho biết: lần bán cuối cùng lúc 14/03/2026 18:40; các tệp được xuất lúc 03/12/2026 17:00.")]
    public void Run_AsOfAfterTheData_Warns(string language, string warning)
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--as-of", "2027-01-15", "--lang", language);

        Assert.True(code == 0, error);
        Assert.Contains(warning, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AsOfOnTheExportDay_NoWarning()
    {
        var (_, _, error) = CliRunner.Run("run", "--data", Shop(), "--no-report", "--as-of", "2026-12-03");

        Assert.DoesNotContain("after everything the data knows", error, StringComparison.Ordinal);
    }

    // 4. --as-of without a value, or not in ISO form: the accepted form with an example, in the run's language.
    [Theory]
    [InlineData("en", new[] { "--as-of" }, "crmkit: --as-of has no value. Write the day as YYYY-MM-DD, for example --as-of 2026-10-31.")]
    [InlineData("vi", new[] { "--as-of" }, "crmkit: --as-of chưa có giá trị. Hãy ghi ngày theo dạng YYYY-MM-DD, ví dụ --as-of 2026-10-31.")]
    [InlineData("en", new[] { "--as-of", "--json" }, "crmkit: --as-of has no value: the word after it, '--json', is an option. Write the day as YYYY-MM-DD, for example --as-of 2026-10-31.")]
    [InlineData("en", new[] { "--as-of", "03/12/2026" }, "crmkit: Invalid --as-of: '03/12/2026' is not a date. Write the day as YYYY-MM-DD: 03/12/2026 (day/month/year) is --as-of 2026-12-03.")]
    [InlineData("vi", new[] { "--as-of", "03/12/2026" }, "crmkit: --as-of không hợp lệ: '03/12/2026' không phải là một ngày. Hãy ghi ngày theo dạng YYYY-MM-DD: 03/12/2026 (ngày/tháng/năm) được ghi là --as-of 2026-12-03.")]
    [InlineData("en", new[] { "--as-of", "yesterday" }, "crmkit: Invalid --as-of: 'yesterday' is not a date. Write the day as YYYY-MM-DD, for example --as-of 2026-10-31.")]
    public void Run_AsOfMissingOrNotIso_SaysTheFormWithAnExample(string language, string[] asOf, string message)
    {
        var (code, _, error) = CliRunner.Run(["--lang", language, "run", "--sample", "--no-report", .. asOf]);

        Assert.Equal(2, code);
        Assert.Equal(message, Lines(error)[0]);
    }
}
