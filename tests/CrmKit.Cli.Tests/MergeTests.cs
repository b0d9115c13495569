using System.Text.Json;

namespace CrmKit.Cli.Tests;

/// <summary>
/// The merge step of <c>crmkit run</c>: a family phone keeps two people apart and is reported as a shared contact; a
/// real duplicate is merged with its evidence; a merged-away id finds its survivor wherever an id is typed.
/// </summary>
public sealed class MergeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-merge-").FullName;

    public MergeTests()
    {
        // KH1 and KH2: husband and wife with one phone (the case of issue 16). KH3 is KH1 typed again without
        // diacritics under a second email — the same man.
        File.WriteAllText(Path.Combine(_folder, "customers.csv"),
            "customer_id,name,created_at,phone,email,gender,birth_date\n"
            + "KH1,Nguyễn Văn An,2025-01-01,0912345678,an@example.vn,male,1990-05-02\n"
            + "KH2,Vũ Thị Hồng Nhung,2025-01-02,+84 912 345 678,,female,1995-08-19\n"
            + "KH3,NGUYEN VAN AN,2025-02-01,,an@example.vn,,\n");
        File.WriteAllText(Path.Combine(_folder, "orders.csv"),
            "order_id,customer_id,placed_at,total\n"
            + "HD1,KH1,2025-01-05 10:00,150000\nHD2,KH2,2025-01-06 10:00,90000\nHD3,KH3,2025-02-03 10:00,70000\nHD4,KH2,2025-03-01 10:00,120000\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_FamilyPhone_KeepsThePeopleApartAndReportsTheSharedContact()
    {
        var merges = Path.Combine(_folder, "merges.csv");
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--no-report", "--merges", merges);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("  merged            1 duplicate record → 2 customers (--merge strong: a shared phone or email, a compatible name, no conflicting gender or birth date)", output, StringComparison.Ordinal);
        Assert.Contains("             merge   KH3 → KH1: same email, same name (a***@example.vn)", output, StringComparison.Ordinal);
        Assert.Contains("  shared            1 contact shared by records kept apart", output, StringComparison.Ordinal);
        Assert.Contains($"             shared  KH1 / KH2: same phone (+84 9** *** *78); different name, different gender, different birth date ({Names("Nguyễn Văn An", "Vũ Thị Hồng Nhung")})", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                "\uFEFFdecision,survivor,first,second,evidence,conflicts,contacts,names",
                $"merged,KH1,KH1,KH3,sameEmail;sameName,,a***@example.vn,{Names("Nguyễn Văn An", "NGUYEN VAN AN")}",
                // A masked phone starts with '+' and is more than a number: written as text (SpreadsheetSafety).
                $"sharedContact,,KH1,KH2,samePhone,differentName;differentGender;differentBirthDate,'+84 9** *** *78,{Names("Nguyễn Văn An", "Vũ Thị Hồng Nhung")}",
            ],
            File.ReadAllLines(merges));
    }

    [Fact]
    public void Run_OrdersOnly_IdsMadeFromPhonesAreMaskedInTheSummaryTheReportAndTheMergesFile()
    {
        // Orders alone: each customer is keyed by its phone (docs/importing.md), and the family phone given with another
        // name makes a second customer keyed "+84912345678#2"; the buyer of HD4 gives no name, so the phone is their name
        // too. Such ids and names are personal data, masked like the phone itself.
        var folder = Directory.CreateTempSubdirectory("crmkit-merge-orders-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllText(orders,
                "order_id,placed_at,total,customer_name,customer_phone\n"
                + "HD1,2025-01-05 10:00,150000,Nguyễn Văn An,0912 345 678\n"
                + "HD2,2025-01-06 10:00,90000,Vũ Thị Hồng Nhung,+84912345678\n"
                + "HD3,2025-02-03 10:00,70000,Nguyễn Văn An,0912.345.678\n"
                + "HD4,2025-02-04 10:00,450000,,0903 111 222\n");
            var merges = Path.Combine(folder, "merges.csv");
            var report = Path.Combine(folder, "report.html");
            var (code, output, error) = CliRunner.Run("run", "--orders", orders, "--report", report, "--merges", merges);

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error);
            Assert.Contains("             shared  +8********78 / +8********78#2: same phone (+84 9** *** *78)", output, StringComparison.Ordinal);
            foreach (var (what, text) in new[] { ("summary", output), ("report", File.ReadAllText(report)), ("merges file", File.ReadAllText(merges)) })
            {
                Assert.False(text.Contains("912345678", StringComparison.Ordinal), $"the {what} shows the phone number in full");
                Assert.False(text.Contains("903111222", StringComparison.Ordinal), $"the {what} shows the phone number in full");
            }

        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_Json_ListsEveryMergeAndSharedContactWithEvidence()
    {
        var (code, output, _) = CliRunner.Run("run", "--data", _folder, "--no-report", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var merges = json.RootElement.GetProperty("merges");
        Assert.Equal("strong", merges.GetProperty("policy").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("merged").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("customers").GetInt32());
        var merge = Assert.Single(merges.GetProperty("merges").EnumerateArray().ToList());
        Assert.Equal("KH1", merge.GetProperty("survivor").GetString());
        Assert.Equal(["sameEmail", "sameName"], merge.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        var shared = Assert.Single(merges.GetProperty("sharedContacts").EnumerateArray().ToList());
        Assert.Equal(("KH1", "KH2"), (shared.GetProperty("first").GetString(), shared.GetProperty("second").GetString()));
        Assert.Equal(JsonValueKind.Null, shared.GetProperty("survivor").ValueKind);
        Assert.Equal(["differentName", "differentGender", "differentBirthDate"], shared.GetProperty("conflicts").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("none", 0, 3, 2)]
    [InlineData("all", 2, 1, 0)]
    public void Run_MergePolicy_IsFollowed(string policy, int merged, int customers, int shared)
    {
        var (code, output, _) = CliRunner.Run("run", "--data", _folder, "--no-report", "--json", "--merge", policy);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(merged, json.RootElement.GetProperty("merged").GetInt32());
        Assert.Equal(customers, json.RootElement.GetProperty("customers").GetInt32());
        Assert.Equal(shared, json.RootElement.GetProperty("merges").GetProperty("sharedContacts").GetArrayLength());
    }

    [Fact]
    public void Run_UnknownMergePolicy_IsWrongUsage()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", _folder, "--no-report", "--merge", "some");
        Assert.Equal(2, code);
        Assert.StartsWith("crmkit: Argument 'some' not recognized. Must be one of:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Report_ListsMergesAndSharedContacts()
    {
        var report = Path.Combine(_folder, "report.html");
        var (code, _, _) = CliRunner.Run("run", "--data", _folder, "--report", report);

        Assert.Equal(0, code);
        var html = File.ReadAllText(report);
        Assert.Contains("<summary>Duplicates merged (1 pair, --merge strong)</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<summary>Shared contacts kept apart (1: a household or a shared phone)</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<td>KH1</td><td>KH2</td><td>kept apart</td><td>samePhone</td><td>differentName, differentGender, differentBirthDate</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Vietnamese_SummaryWritesTheEvidenceInVietnamese_AndTheMergesFileStaysEnglish()
    {
        // Issue 21: the evidence and conflicts of a merge are words a shop owner reads; the --merges CSV is for machines.
        var merges = Path.Combine(_folder, "merges.csv");
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--no-report", "--merges", merges, "--lang", "vi");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("             gộp     KH3 → KH1: cùng email, cùng tên (a***@example.vn)", lines);
        Assert.Contains($"             chung   KH1 / KH2: cùng số điện thoại (+84 9** *** *78); khác tên, khác giới tính, khác ngày sinh ({Names("Nguyễn Văn An", "Vũ Thị Hồng Nhung")})", lines);
        Assert.DoesNotContain("same ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("different ", output, StringComparison.Ordinal);
        Assert.Equal(
            $"sharedContact,,KH1,KH2,samePhone,differentName;differentGender;differentBirthDate,'+84 9** *** *78,{Names("Nguyễn Văn An", "Vũ Thị Hồng Nhung")}",
            File.ReadAllLines(merges)[2]);
    }

    [Fact]
    public void Run_VietnameseReport_WritesTheEvidenceInVietnamese()
    {
        var report = Path.Combine(_folder, "report.html");
        var (code, _, _) = CliRunner.Run("run", "--data", _folder, "--report", report, "--lang", "vi");

        Assert.Equal(0, code);
        var html = System.Net.WebUtility.HtmlDecode(File.ReadAllText(report)); // the report escapes letters outside ASCII
        Assert.Contains("<td>KH1</td><td>KH3</td><td>KH1</td><td>cùng email, cùng tên</td><td></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>KH1</td><td>KH2</td><td>giữ riêng</td><td>cùng số điện thoại</td><td>khác tên, khác giới tính, khác ngày sinh</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_MergedAwayId_ShowsItsSurvivor()
    {
        var (code, output, error) = CliRunner.Run("segment", "--data", _folder, "--explain", "KH3", "--as-of", "2025-03-31");

        Assert.Equal(0, code);
        Assert.Equal("crmkit: Customer KH3 was merged into KH1 (the same person: see 'crmkit run --merges FILE'); showing KH1.\n", error.ReplaceLineEndings("\n"));
        Assert.Contains("Customer KH1 as of 2025-03-31 23:59 (Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_MergedAwayIdInVietnamese_SaysSoInVietnamese()
    {
        var (code, _, error) = CliRunner.Run("customer", "KH3", "--data", _folder, "--as-of", "2025-03-31", "--lang", "vi");

        Assert.Equal(0, code);
        Assert.Equal("crmkit: Khách KH3 đã được gộp vào KH1 (cùng một người: xem 'crmkit run --merges TỆP'); đang hiển thị KH1.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_FamilyMember_IsHerself()
    {
        var (code, output, error) = CliRunner.Run("segment", "--data", _folder, "--explain", "KH2", "--as-of", "2025-03-31");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Customer KH2 as of", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Agenda_MergedAwayId_ShowsTheSurvivorsActions()
    {
        var (code, output, error) = CliRunner.Run("care", "agenda", "--data", _folder, "--customer", "KH3", "--as-of", "2025-03-31", "--lookback-days", "120", "--json");

        Assert.Equal(0, code);
        Assert.StartsWith("crmkit: Customer KH3 was merged into KH1", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("KH1", i.GetProperty("customer").GetString()));
    }

    [Fact]
    public void Explain_UnknownId_SaysNoCustomer()
    {
        var (code, _, error) = CliRunner.Run("segment", "--data", _folder, "--explain", "KH9", "--as-of", "2025-03-31");
        Assert.Equal(1, code);
        Assert.Contains("KH9", error, StringComparison.Ordinal);
    }

    private static string Names(string first, string second) => $"{Customers.PersonalData.MaskName(first)} / {Customers.PersonalData.MaskName(second)}";
}
