using System.Text.Json;

namespace CrmKit.Cli.Tests;

/// <summary>
/// Issue 23: the run's totals (text, JSON, report) and a customer's profile count only the orders placed up to the
/// as-of instant; those placed after it are stated, never summed. A small shop written here, the expected figures
/// computed by hand from its rows.
/// </summary>
public sealed class OrderTotalsTests : IDisposable
{
    // The as-of day: its end, 2025-06-30 23:59:59.999… in Asia/Ho_Chi_Minh, is the as-of instant.
    private const string AsOf = "2025-06-30";

    private readonly string _folder;

    public OrderTotalsTests()
    {
        _folder = Directory.CreateTempSubdirectory("crmkit-asof-").FullName;
        File.WriteAllText(Path.Combine(_folder, "customers.csv"), """
            customer_id,name,kind,created_at,phone
            KH1,Trần Thị Hà,individual,2025-01-05T10:00:00+07:00,0912345678
            KH2,Nguyễn Văn An,individual,2025-01-06T10:00:00+07:00,0987654321
            """);
        // Up to the as-of instant: HD01–HD05 and the guest sale HD09. After it: HD06–HD08 and the guest sale HD10.
        // HD05 is placed half an hour before the end of the as-of day, HD06 ten minutes after it.
        File.WriteAllText(Path.Combine(_folder, "orders.csv"), """
            order_id,customer_id,placed_at,total,currency,status
            HD01,KH1,2025-01-05T10:30:00+07:00,250000,VND,completed
            HD02,KH1,2025-03-10T11:00:00+07:00,480000,VND,completed
            HD03,KH2,2025-02-01T10:30:00+07:00,900000,VND,completed
            HD04,KH2,2025-05-20T09:00:00+07:00,300000,VND,cancelled
            HD05,KH1,2025-06-30T23:30:00+07:00,120000,VND,completed
            HD06,KH1,2025-07-01T00:10:00+07:00,700000,VND,completed
            HD07,KH2,2025-07-15T10:00:00+07:00,1000000,VND,completed
            HD08,KH2,2025-08-01T10:00:00+07:00,200000,VND,returned
            HD09,Khách lẻ,2025-04-01T09:00:00+07:00,50000,VND,completed
            HD10,Khách lẻ,2025-07-02T09:00:00+07:00,80000,VND,completed
            """);
        // KH1 grants Zalo marketing before the as-of day, KH2 after it: as of 2025-06-30 one customer consents.
        File.WriteAllText(Path.Combine(_folder, "consents.csv"), """
            customer_id,channel,purpose,status,at,source
            KH1,zalo,marketing,granted,2025-01-05T10:00:00+07:00,form
            KH2,zalo,marketing,granted,2025-07-10T10:00:00+07:00,form
            """);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // By hand, up to the as-of instant: completed HD01 + HD02 + HD03 + HD05 = 250,000 + 480,000 + 900,000 + 120,000
    // = 1,750,000 VND over 4 orders (average 437,500); cancelled HD04; guest sale HD09 50,000.
    // After it: HD06, HD07, HD08 and the guest sale HD10 — 4 orders, 1 of them a guest sale; completed revenue
    // 700,000 + 1,000,000 = 1,700,000 of customers' orders, 80,000 of the guest sale, 1,780,000 together.
    [Fact]
    public void Json_AsOf_CountsOrdersUpToIt_AndStatesTheOnesAfter()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--as-of", AsOf, "--no-report", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("imported").GetProperty("orders").GetInt32());
        Assert.Equal(4, root.GetProperty("orders").GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("orders").GetProperty("cancelled").GetInt32());
        Assert.Equal(0, root.GetProperty("orders").GetProperty("returned").GetInt32());
        Assert.Equal(0, root.GetProperty("orders").GetProperty("pending").GetInt32());
        Assert.Equal(1_750_000m, root.GetProperty("revenue").GetProperty("VND").GetDecimal());
        var guests = root.GetProperty("guestSales");
        Assert.Equal(1, guests.GetProperty("orders").GetInt32());
        Assert.Equal(1, guests.GetProperty("byStatus").GetProperty("completed").GetInt32());
        Assert.Equal(50_000m, guests.GetProperty("revenue").GetProperty("VND").GetDecimal());
        var after = root.GetProperty("afterAsOf");
        Assert.Equal(3, after.GetProperty("orders").GetInt32());
        Assert.Equal(1_700_000m, after.GetProperty("revenue").GetProperty("VND").GetDecimal());
        Assert.Equal(1, after.GetProperty("guestSales").GetProperty("orders").GetInt32());
        Assert.Equal(80_000m, after.GetProperty("guestSales").GetProperty("revenue").GetProperty("VND").GetDecimal());
    }

    [Fact]
    public void Json_WithoutAsOf_CountsEveryOrder_AndNothingAfter()
    {
        // The default as-of instant is the last sale (HD08): every order counts.
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--no-report", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("orders").GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("orders").GetProperty("returned").GetInt32());
        Assert.Equal(3_450_000m, root.GetProperty("revenue").GetProperty("VND").GetDecimal());
        Assert.Equal(2, root.GetProperty("guestSales").GetProperty("orders").GetInt32());
        Assert.Equal(0, root.GetProperty("afterAsOf").GetProperty("orders").GetInt32());
        Assert.Equal(0, root.GetProperty("afterAsOf").GetProperty("guestSales").GetProperty("orders").GetInt32());
        Assert.Empty(root.GetProperty("afterAsOf").GetProperty("revenue").EnumerateObject());
    }

    [Fact]
    public void Text_AsOf_TotalsUpToIt_AndALineForTheOrdersAfter()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--as-of", AsOf, "--no-report", "--lang", "en");

        Assert.True(code == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("  imported          2 customers, 8 orders", lines);
        Assert.Contains("  orders     2025-01-05 .. 2025-06-30; completed 4, returned 0, cancelled 1, pending 0", lines);
        Assert.Contains("  revenue    1,750,000 VND; average order 437,500 VND (4 completed orders)", lines);
        Assert.Contains("  guest sales 1 order without a customer (1 completed, 50,000 VND); not in the customers' figures", lines);
        Assert.Contains("  after      4 orders after the as-of date not counted (1 of them guest sales; revenue 1,780,000 VND)", lines);
        Assert.Contains("  buyers     2 (100 %), repeat buyers 1 (50 % of buyers; purchases on 2 or more days, orders on one day count once)", lines);
        // Consent as of the as-of instant too: KH2's grant of 2025-07-10 does not count yet.
        Assert.Contains("  consent    marketing by Zalo 1, SMS 0, email 0", lines);
    }

    [Fact]
    public void Text_Vietnamese_StatesTheOrdersAfterTheAsOfDate()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--as-of", AsOf, "--no-report", "--lang", "vi");

        Assert.True(code == 0, error);
        Assert.Contains("  sau mốc    4 đơn hàng đặt sau ngày tính số liệu không được tính (trong đó 1 đơn khách vãng lai; doanh thu 1.780.000 ₫)", output, StringComparison.Ordinal);
        Assert.Contains("1.750.000 ₫", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_WithoutOrdersAfter_HasNoAfterLine()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", _folder, "--no-report", "--lang", "en");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("after the as-of date", output, StringComparison.Ordinal);
        Assert.Contains("  revenue    3,450,000 VND; average order 575,000 VND (6 completed orders)", output, StringComparison.Ordinal);
        Assert.Contains("  consent    marketing by Zalo 2, SMS 0, email 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AsOf_GuestSalesUpToIt_AndANoteOnTheOrdersAfter()
    {
        var report = Path.Combine(_folder, "report.html");

        var (code, _, error) = CliRunner.Run("run", "--data", _folder, "--as-of", AsOf, "--report", report, "--lang", "en");

        Assert.True(code == 0, error);
        var html = File.ReadAllText(report);
        Assert.Contains("<p class=\"note\" data-after-as-of=\"4\">4 orders after the as-of date not counted (1 of them guest sales; revenue 1,780,000 VND): every figure of this report counts what was placed up to the as-of date.</p>", html, StringComparison.Ordinal);
        // The guest sales card: HD09 only.
        Assert.Contains("<div class=\"card\"><b>50,000 VND</b>guest sales (1 completed, no customer)</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_AsOf_CountsTheCustomersOrdersUpToIt_AndStatesTheOnesAfter()
    {
        // KH1 up to the as-of instant: HD01 + HD02 + HD05 = 250,000 + 480,000 + 120,000 = 850,000; HD06 after it.
        var (code, output, error) = CliRunner.Run("customer", "KH1", "--data", _folder, "--as-of", AsOf, "--lang", "en");
        var (jsonCode, json, jsonError) = CliRunner.Run("customer", "KH1", "--data", _folder, "--as-of", AsOf, "--json");

        Assert.True(code == 0, error);
        Assert.Contains("Orders: 3 (3 completed, revenue 850,000 VND), most recent first:", output, StringComparison.Ordinal);
        Assert.Contains("  1 orders after the as-of date not counted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("HD06", output, StringComparison.Ordinal);
        Assert.True(jsonCode == 0, jsonError);
        using var document = JsonDocument.Parse(json);
        var orders = document.RootElement.GetProperty("orders");
        Assert.Equal(3, orders.GetProperty("count").GetInt32());
        Assert.Equal(850_000m, orders.GetProperty("revenue").GetProperty("VND").GetDecimal());
        Assert.Equal(1, orders.GetProperty("afterAsOf").GetInt32());
        Assert.Equal(["HD05", "HD02", "HD01"], orders.GetProperty("recent").EnumerateArray().Select(o => o.GetProperty("id").GetString()));
    }
}
