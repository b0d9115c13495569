using System.Text.Json;
using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary><c>crmkit run</c> on shops' exports as they come: presets, orders-only files, broken files and exit codes.</summary>
public class ImportRunTests
{
    private static string Fixture(params string[] parts) => RepositoryRoot.Path(["tests", "fixtures", "imports", .. parts]);

    public static TheoryData<string, string, string?> Presets => new()
    {
        { "kiotviet", "orders.xlsx", "customers.xlsx" },
        { "sapo", "orders.csv", "customers.csv" },
        { "haravan", "orders.csv", null },
        { "shopify", "orders_export.csv", "customers_export.csv" },
        { "woocommerce", "orders.csv", null },
        { "transactions", "transactions.csv", null },
        { "online-retail", "online_retail_excerpt.csv", null },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Run_Preset_ReadsTheExportAsWrittenAndReportsItInJson(string preset, string orders, string? customers)
    {
        string[] files = customers is null ? ["--orders", Fixture(preset, orders)] : ["--orders", Fixture(preset, orders), "--customers", Fixture(preset, customers)];

        var (code, output, error) = CliRunner.Run(["run", "--preset", preset, .. files, "--no-report", "--json"]);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture(preset, "expected.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("readAsAsked").GetBoolean());
        Assert.Equal(expected.RootElement.GetProperty("customers").GetInt32(), root.GetProperty("imported").GetProperty("customers").GetInt32());
        Assert.Equal(Numbers(expected.RootElement.GetProperty("orders")), Numbers(root.GetProperty("orders")));
        Assert.Equal(Numbers(expected.RootElement.GetProperty("revenue")), Numbers(root.GetProperty("revenue")));
        var guests = root.GetProperty("guestSales");
        Assert.Equal(expected.RootElement.GetProperty("guestSales").GetProperty("orders").GetInt32(), guests.GetProperty("byStatus").GetProperty("completed").GetInt32());
        Assert.Equal(expected.RootElement.GetProperty("guestSales").GetProperty("revenue").GetDecimal(), guests.GetProperty("revenue").EnumerateObject().Sum(p => p.Value.GetDecimal()));
        foreach (var file in root.GetProperty("imported").GetProperty("files").EnumerateArray())
        {
            Assert.Equal(0, file.GetProperty("rowsRejected").GetInt32());
            Assert.Equal(file.GetProperty("rowsRead").GetInt32(), file.GetProperty("rowsKept").GetInt32());
            Assert.True(file.GetProperty("format").GetProperty("zone").GetString() is { Length: > 0 });
        }
    }

    [Fact]
    public void Run_WindowsEncodedFile_IsReportedThenReadWhenTheEncodingIsGiven()
    {
        var file = Fixture("broken", "customers_cp1258.csv");

        var (code, _, error) = CliRunner.Run("run", "--customers", file, "--no-report");
        var (givenCode, output, givenError) = CliRunner.Run("run", "--customers", file, "--encoding", "windows-1258", "--no-report", "--json");

        Assert.Equal(1, code);
        Assert.Contains("customers_cp1258.csv:", error, StringComparison.Ordinal);
        Assert.Contains("it looks like Windows-1258, as Excel saves CSV on Vietnamese Windows", error, StringComparison.Ordinal);
        Assert.Contains("pass --encoding windows-1258", error, StringComparison.Ordinal);
        Assert.Contains("crmkit: no usable rows were read: customers_cp1258.csv could not be read (see the problem above).", error, StringComparison.Ordinal);
        Assert.True(givenCode == 0, givenError);
        using var json = JsonDocument.Parse(output);
        var read = json.RootElement.GetProperty("imported").GetProperty("files")[0];
        Assert.Equal("windows-1258", read.GetProperty("format").GetProperty("encoding").GetString());
        Assert.Equal(0, read.GetProperty("rowsRejected").GetInt32());
    }

    [Theory]
    [InlineData("customers_semicolon.csv", "csv", ";")]
    [InlineData("customers_really_xlsx.csv", "xlsx", null)]
    public void Run_ExcelCsvVariants_AreRecognised(string name, string type, string? delimiter)
    {
        var (code, output, error) = CliRunner.Run("run", "--customers", Fixture("broken", name), "--no-report", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement.GetProperty("imported").GetProperty("files")[0];
        Assert.Equal(type, file.GetProperty("type").GetString());
        Assert.Equal(delimiter, file.GetProperty("format").GetProperty("delimiter").GetString());
        Assert.True(file.GetProperty("rowsKept").GetInt32() > 0);
    }

    [Fact]
    public void Run_NothingUsable_ExitsOneAndNamesTheLikelyCause()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-unusable-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllText(orders, "InvoiceNoo;InvoiceDat;Amount\nA1;12/1/10 8:26;1\n");

            var (code, output, error) = CliRunner.Run("run", "--orders", orders, "--delimiter", ";", "--no-report");

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, output);
            Assert.Equal(
                [
                    "orders.csv:1: warning: column 'InvoiceNoo': the column is not read; did you mean 'InvoiceNo'? Rename it, or map it with --map.",
                    "orders.csv:1: warning: column 'InvoiceDat': the column is not read; did you mean 'InvoiceDate' or 'InvoiceNo'? Rename it, or map it with --map.",
                    "orders.csv:1: no column for the required field 'placed_at' (looked for: 'placed_at', 'Thời gian', 'Ngày đặt hàng', 'Ngày chứng từ', 'Ngày tạo', 'Order Date', 'Created at', 'InvoiceDate'); the header has: 'InvoiceNoo', 'InvoiceDat', 'Amount'; nearest known names of unused columns: 'InvoiceNoo' → 'InvoiceNo', 'InvoiceDat' → 'InvoiceDate' or 'InvoiceNo'.",
                    "crmkit: no usable rows were read: orders.csv could not be read (see the problem above).",
                ],
                error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_Rejects_WritesEveryIssueAndTooManyRejectedRowsExitOneAfterTheOutputs()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-rejects-").FullName;
        try
        {
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllLines(orders, ["order_id,customer_id,placed_at,total", .. Enumerable.Range(1, 150).Select(i => $"HD{i},KH{i % 7},2025-08-{1 + (i % 28):00} 10:00,{(i % 50 == 0 ? "n/a" : "150000")}")]);
            var rejects = Path.Combine(folder, "rejects.csv");
            var report = Path.Combine(folder, "report.html");

            var (code, output, error) = CliRunner.Run("run", "--orders", orders, "--rejects", rejects, "--report", report);
            var (lenient, _, _) = CliRunner.Run("run", "--orders", orders, "--max-rejected", "2", "--no-report");

            Assert.Equal(1, code);
            Assert.Equal(0, lenient);
            Assert.True(File.Exists(report));
            Assert.Contains("  read       orders.csv: 150 rows, 147 kept, 3 rejected, 0 warnings", output, StringComparison.Ordinal);
            Assert.Contains("orders.csv: 3 rows rejected in column 'total', such as line 51: 'n/a' is not an amount", error, StringComparison.Ordinal);
            Assert.Contains("— lines 51, 101, 151", error, StringComparison.Ordinal);
            Assert.EndsWith("crmkit: orders.csv: 3 of 150 rows rejected (2 %), more than --max-rejected 1 %; see the issues above, or --rejects FILE for all of them.\n", error, StringComparison.Ordinal);
            var lines = File.ReadAllLines(rejects);
            Assert.Equal("file,line,column,severity,reason", lines[0].TrimStart('\uFEFF'));
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("orders.csv,51,total,rejected,", lines[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Issue 18, item 6: the data set keeps the first 1,000 issues of a file; --rejects still gets every one, streamed.
    [Fact]
    public void Run_Rejects_MoreIssuesThanRetained_WritesEveryOneAndCountsThemAll()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-rejects-").FullName;
        try
        {
            const int Rejected = 5_000;
            var orders = Path.Combine(folder, "orders.csv");
            File.WriteAllLines(orders, ["order_id,customer_id,placed_at,total", "HD0,KH1,2025-08-01 10:00,150000", .. Enumerable.Range(1, Rejected).Select(i => $"HD{i},KH{i % 7},2025-08-01 10:00,n/a")]);
            var rejects = Path.Combine(folder, "rejects.csv");

            var (code, output, error) = CliRunner.Run("run", "--orders", orders, "--rejects", rejects, "--no-report");

            Assert.Equal(1, code);
            Assert.Contains("  read       orders.csv: 5,001 rows, 1 kept, 5,000 rejected, 0 warnings", output, StringComparison.Ordinal);
            Assert.Contains("orders.csv: 5,000 rows rejected in column 'total', such as line 3: 'n/a' is not an amount", error, StringComparison.Ordinal);
            var lines = File.ReadAllLines(rejects);
            Assert.Equal(Rejected + 1, lines.Length);
            Assert.Equal(Enumerable.Range(3, Rejected).Select(l => $"orders.csv,{l},total,rejected,"), lines.Skip(1).Select(l => l[..(l.IndexOf(",rejected,", StringComparison.Ordinal) + ",rejected,".Length)]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_MapOverPreset_AddsAConsentColumnAndKeepsThePreset()
    {
        // Sixth trial: a consent column the preset does not read needed a whole hand-made mapping, since --preset and
        // --map were refused together. Now the mapping file is laid over the preset and says only what it adds.
        var folder = Directory.CreateTempSubdirectory("crmkit-map-over-preset-").FullName;
        try
        {
            var lines = File.ReadAllLines(Fixture("sapo", "customers.csv"));
            var customers = Path.Combine(folder, "customers.csv");
            File.WriteAllLines(customers, [lines[0] + ",Đồng ý Zalo", .. lines.Skip(1).Select((l, i) => l + (i % 2 == 0 ? ",có" : ",không"))]);
            var map = Path.Combine(folder, "extra.json");
            File.WriteAllText(map, """{ "customers": { "columns": { "consent.zalo.marketing": "Đồng ý Zalo" } } }""");

            var (code, output, error) = CliRunner.Run("run", "--preset", "sapo", "--map", map, "--customers", customers, "--orders", Fixture("sapo", "orders.csv"), "--as-of", "2030-01-01", "--no-report", "--json");

            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            // The preset still reads the export (expected.json of the sapo fixture: 8 customers, 3,560,000 VND) …
            Assert.Equal(8, json.RootElement.GetProperty("customers").GetInt32());
            Assert.Equal(3_560_000m, json.RootElement.GetProperty("revenue").GetProperty("VND").GetDecimal());
            // … and reads the mapping's column, which the preset alone leaves unused.
            string[] Unused(string output)
            {
                using var run = JsonDocument.Parse(output);
                return [.. run.RootElement.GetProperty("imported").GetProperty("files")[0].GetProperty("unusedColumns").EnumerateArray().Select(c => c.GetString()!)];
            }

            Assert.Equal(["Địa chỉ", "Phường/Xã", "Tổng chi tiêu", "Số đơn hàng"], Unused(output));
            var (presetCode, presetOnly, _) = CliRunner.Run("run", "--preset", "sapo", "--customers", customers, "--orders", Fixture("sapo", "orders.csv"), "--as-of", "2030-01-01", "--no-report", "--json");
            Assert.Equal(0, presetCode);
            Assert.Equal(["Địa chỉ", "Phường/Xã", "Tổng chi tiêu", "Số đơn hàng", "Đồng ý Zalo"], Unused(presetOnly));

            // The agenda says the files carry no consent with the preset alone, and not with the mapping's column.
            const string NoConsent = "none of the 8 customers has a consent to messages";
            var (_, _, withMap) = CliRunner.Run("care", "agenda", "--preset", "sapo", "--map", map, "--customers", customers, "--orders", Fixture("sapo", "orders.csv"), "--as-of", "2030-01-01");
            var (_, _, withoutMap) = CliRunner.Run("care", "agenda", "--preset", "sapo", "--customers", customers, "--orders", Fixture("sapo", "orders.csv"), "--as-of", "2030-01-01");
            Assert.Contains(NoConsent, withoutMap, StringComparison.Ordinal);
            Assert.DoesNotContain(NoConsent, withMap, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, decimal> Numbers(JsonElement element)
        => element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
}
