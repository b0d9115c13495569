using System.Text.Json;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Every preset against its fixture, written in the platform's shape with invented people (the UCI excerpt is real
/// data): customers, orders by status, revenue per currency and guest sales equal the figures computed by hand in the
/// fixture's expected.json (tests/fixtures/imports/README.md), for the CSV and the Excel file alike.
/// </summary>
public class PresetFixtureTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "kiotviet", "csv" }, { "kiotviet", "xlsx" },
        { "sapo", "csv" }, { "sapo", "xlsx" },
        { "haravan", "csv" }, { "haravan", "xlsx" },
        { "shopify", "csv" },
        { "woocommerce", "csv" },
        { "transactions", "csv" },
        { "online-retail", "csv" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_PresetFixture_GivesTheHandComputedFigures(string preset, string type)
    {
        var expected = Expected.Load(preset);
        var data = CustomerDataSet.Read(expected.Files(type), new CsvImportOptions { Mapping = ImportMapping.Preset(preset) });
        var orders = data.Customers.SelectMany(c => c.History.Orders).ToList();

        Assert.DoesNotContain(data.Issues, i => i.Severity == ImportIssueSeverity.Error);
        Assert.Equal(expected.Customers, data.Customers.Length);
        Assert.Equal(expected.Orders, Enum.GetValues<OrderStatus>().ToDictionary(s => EnumText.Format(s), s => orders.Count(o => o.Status == s)));
        Assert.Equal(expected.Revenue, orders.Where(o => o.IsRevenue).GroupBy(o => o.Total.Currency.Code).ToDictionary(g => g.Key, g => g.Sum(o => o.Total.Amount)));
        Assert.Equal(expected.GuestOrders, data.GuestSales.Count(g => g.IsRevenue));
        Assert.Equal(expected.GuestRevenue, data.GuestSales.Where(g => g.IsRevenue).Sum(g => g.Total.Amount));
        Assert.All(data.Files, f => Assert.Equal(type, f.Type));
    }

    [Fact]
    public void Read_OnlineRetail_ReadsInvoiceLinesAsOrdersInLondonTime()
    {
        var data = CustomerDataSet.Read(Expected.Load("online-retail").Files("csv"), new CsvImportOptions { Mapping = ImportMapping.Preset("online-retail") });
        var orders = data.Customers.SelectMany(c => c.History.Orders).ToDictionary(o => o.Id.Value);

        // InvoiceNo 536365, 12/1/2010 8:26, customer 17850: seven lines (first: 85123A, 6 × 2.55 GBP).
        var first = orders["536365"];
        Assert.Equal(new CustomerId("17850"), first.CustomerId);
        Assert.Equal(Instant.FromUtc(2010, 12, 1, 8, 26), first.PlacedAt);   // London is on UTC in December
        Assert.Equal(7, first.Lines.Length);
        Assert.Equal(new OrderLine("85123A", 6, new Money(2.55m, Currency.FromCode("GBP")), "WHITE HANGING HEART T-LIGHT HOLDER"), first.Lines[0]);
        Assert.Equal(first.Lines.Sum(l => l.Amount.Amount), first.Total.Amount);

        // C536379 (a 'C' invoice): a cancellation with a positive amount, never negative revenue.
        Assert.Equal(OrderStatus.Cancelled, orders["C536379"].Status);
        Assert.True(orders["C536379"].Total.Amount > 0);
        Assert.Equal("Europe/London", data.Files.Single().Zone);
    }

    [Fact]
    public void PresetNames_AreTheShippedMappings()
        => Assert.Equal(["haravan", "kiotviet", "online-retail", "sapo", "shopify", "transactions", "woocommerce"], ImportMapping.PresetNames.ToArray());

    [Fact]
    public void Preset_Unknown_ListsThePresets()
    {
        var ex = Assert.Throws<InvalidValueException>(() => ImportMapping.Preset("kiot"));
        Assert.Equal("Invalid --preset: 'kiot' is not a preset (nearest known: 'kiotviet'); the presets are: haravan, kiotviet, online-retail, sapo, shopify, transactions, woocommerce. Or describe your files with a mapping file (--map FILE).", ex.Message);
    }

    /// <summary>A fixture's expected.json.</summary>
    private sealed record Expected(string Folder, string OrdersFile, string? CustomersFile, int Customers, Dictionary<string, int> Orders, Dictionary<string, decimal> Revenue, int GuestOrders, decimal GuestRevenue)
    {
        public static Expected Load(string preset)
        {
            var folder = RepositoryRoot.Path("tests", "fixtures", "imports", preset);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
            var root = json.RootElement;
            var files = root.GetProperty("files");
            var customers = files.TryGetProperty("customers", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new Expected(
                folder,
                files.GetProperty("orders").GetString()!,
                customers,
                root.GetProperty("customers").GetInt32(),
                root.GetProperty("orders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
                root.GetProperty("revenue").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()),
                root.GetProperty("guestSales").GetProperty("orders").GetInt32(),
                root.GetProperty("guestSales").GetProperty("revenue").GetDecimal());
        }

        public CustomerFiles Files(string type) => new()
        {
            Orders = Path.Combine(Folder, Path.ChangeExtension(OrdersFile, type)),
            Customers = CustomersFile is null ? null : Path.Combine(Folder, Path.ChangeExtension(CustomersFile, type)),
        };
    }
}
