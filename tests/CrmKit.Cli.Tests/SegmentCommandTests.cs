using System.Text.Json;

namespace CrmKit.Cli.Tests;

public class SegmentCommandTests
{
    [Fact]
    public void Vietnamese_RfmBoundsAndValueTiers_AreWrittenInVietnamese()
    {
        // Issue 21: the sample shop's bounds (English: RfmThresholds/ValueTierThresholds.ToString(), checked in
        // RunSummaryLanguageTests) with vi-VN's separators and ₫.
        var (code, output, _) = CliRunner.Run("segment", "--sample", "--lang", "vi");
        Assert.Equal(0, code);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("Ngưỡng RFM: R ≤ [486; 288; 185; 61] ngày, F ≥ [2; 2; 3; 4], M ≥ [454.000 ₫; 865.000 ₫; 1.505.000 ₫; 2.665.000 ₫]", lines);
        Assert.Contains("Hạng giá trị: giá trị dự đoán của 4.108 người mua: VIP từ 1.719.743 ₫, cao từ 683.948 ₫, trung bình từ 207.348 ₫", lines);

        var (_, explained, _) = CliRunner.Run("segment", "--sample", "--explain", "KH00002", "--lang", "vi");
        Assert.Contains("Hạng giá trị: VIP (4); giá trị dự đoán của 4.108 người mua: VIP từ 1.719.743 ₫, cao từ 683.948 ₫, trung bình từ 207.348 ₫", explained.Split('\n').Select(l => l.TrimEnd('\r')));
        var (_, english, _) = CliRunner.Run("segment", "--sample", "--explain", "KH00002", "--lang", "en");
        Assert.Contains("Value tier: VIP (4); VND, predicted value of 4,108 buyers: VIP ≥ 1,719,743, high ≥ 683,948, average ≥ 207,348", english.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Json_OnTheSeeds_GroupsArePartitions()
    {
        var (code, output, error) = CliRunner.Run("segment", "--json", "--as-of", "2026-10-31");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var customers = root.GetProperty("customers").GetInt32();
        Assert.Equal(4998, customers);
        var segments = root.GetProperty("segments").EnumerateArray()
            .Select(s => (Id: s.GetProperty("id").GetString()!, Group: s.GetProperty("group").GetString(), Count: s.GetProperty("customers").GetInt32()))
            .ToList();
        Assert.Equal(Segmentation.BuiltInSegments.Catalog.Segments.Length, segments.Count);
        Assert.Equal(customers, segments.Where(s => s.Group == "value-tier").Sum(s => s.Count));
        Assert.Equal(customers, segments.Where(s => s.Group == "customer-kind").Sum(s => s.Count));
        Assert.All(segments.Where(s => s.Group == "rfm"), s => Assert.True(s.Count > 0, s.Id));
        Assert.Equal(4, root.GetProperty("rfm").GetProperty("frequency").GetArrayLength());
    }

    [Fact]
    public void Explain_ACustomer_ShowsMembershipsAndValues()
    {
        var (code, output, _) = CliRunner.Run("segment", "--explain", "KH00002", "--as-of", "2026-10-31");
        Assert.Equal(0, code);
        Assert.Contains("Customer KH00002 as of 2026-10-31 23:59 (Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
        Assert.Contains("Member of: ", output, StringComparison.Ordinal);
        Assert.Contains("orders.count (completed) = ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UsdShop_BestCustomerIsVipWithTheThresholdsShown()
    {
        // Issue 16: fixed VND tiers labelled 100 % of a USD shop "low-value". Spend 10, 20, 30, 40 USD:
        // VIP = nobody worth more (40), high = under 20 % worth more (none left: takes VIP's bound), average = under 50 % (30).
        WithOrders("order_id,customer_id,placed_at,total,currency\nO1,C1,2025-03-01 10:00,10.00,USD\nO2,C2,2025-03-02 10:00,20.00,USD\nO3,C3,2025-03-03 10:00,30.00,USD\nO4,C4,2025-03-04 10:00,40.00,USD\n", folder =>
        {
            var (code, output, _) = CliRunner.Run("segment", "--data", folder, "--explain", "C4", "--as-of", "2025-03-31");
            Assert.Equal(0, code);
            Assert.Contains("Value tier: VIP (4); USD, historical value (last 365 days) of 4 buyers: VIP ≥ 40.00, high ≥ 40.00, average ≥ 30.00", output, StringComparison.Ordinal);
            Assert.Contains("vip — VIP: member", output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Json_OneDayDataSet_ThresholdsAreValuesOrNullAndNobodyIsLost()
    {
        // Issue 16: "R ≤ [-9223372036854775808, …]" and everyone who bought that day in "lost".
        WithOrders("order_id,customer_id,placed_at,total\nO1,C1,2025-03-01 09:00,100000\nO2,C2,2025-03-01 10:00,250000\nO3,C3,2025-03-01 11:00,90000\n", folder =>
        {
            var (code, output, _) = CliRunner.Run("segment", "--data", folder, "--json");
            Assert.Equal(0, code);
            using var json = JsonDocument.Parse(output);
            var rfm = json.RootElement.GetProperty("rfm");
            Assert.Equal([0L, 0L, 0L, 0L], rfm.GetProperty("recencyDays").EnumerateArray().Select(e => e.GetInt64()));
            Assert.All(rfm.GetProperty("frequency").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.ValueKind));
            Assert.StartsWith("recency has 1 distinct value among 3 customers", rfm.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
            var sizes = json.RootElement.GetProperty("segments").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("customers").GetInt32());
            Assert.Equal(0, sizes["lost"]);
            Assert.Equal(0, sizes["hibernating"]);
            Assert.Equal(3, sizes["new-customers"]);

            var (_, text, _) = CliRunner.Run("run", "--data", folder, "--no-report");
            Assert.Contains("  rfm        R ≤ [0, 0, 0, 0] days, F ≥ [n/a, n/a, n/a, n/a], M ≥ [100000, 250000, 250000, n/a]", text, StringComparison.Ordinal);
            Assert.DoesNotContain("9223372036854775808", text, StringComparison.Ordinal);
        });
    }

    // Runs a test over a temporary data folder holding only an orders file.
    private static void WithOrders(string ordersCsv, Action<string> test)
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-segment-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "orders.csv"), ordersCsv);
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BadCatalogue_ExitsWithCode1_NamingFileAndPath()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmkit-seg-").FullName, "segments.json");
        File.WriteAllText(file, """{"segments":[{"id":"vip","name":"VIP","rule":{"field":"orders.total","op":">","value":1}}]}""");
        var (code, _, error) = CliRunner.Run("segment", "--segments", file);
        Assert.Equal(1, code);
        Assert.StartsWith("crmkit: Invalid rule: segments.json: $.segments[0].rule.field: unknown field 'orders.total'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCustomer_ExitsWithCode1()
    {
        var (code, _, error) = CliRunner.Run("segment", "--explain", "NOPE");
        Assert.Equal(1, code);
        Assert.Contains("NOPE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadDate_IsWrongUsageWithCode2()
    {
        var (code, _, error) = CliRunner.Run("segment", "--as-of", "31/10/2026");
        Assert.Equal(2, code);
        Assert.Equal("crmkit: Invalid --as-of: '31/10/2026' is not a date. Write the day as YYYY-MM-DD: 31/10/2026 (day/month/year) is --as-of 2026-10-31.\nRun 'crmkit segment --help' for its options.", error.Trim());
    }
}
