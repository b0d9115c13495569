using System.Globalization;
using System.Text.Json;
using CrmKit.Customers.Import;
using ExcelDataReader;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Excel workbooks are read as their CSV twins (the committed KiotViet and Sapo fixtures hold the same rows in both):
/// typed cells — a phone stored as a number, dates stored as Excel dates — mean what the CSV text means, and a workbook
/// is recognised by its content whatever its file name.
/// </summary>
public class ImportExcelTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private static string Fixture(params string[] parts) => RepositoryRoot.Path(["tests", "fixtures", "imports", .. parts]);

    private static CsvImportOptions Preset(string name) => AtFixedExport with { Mapping = ImportMapping.Preset(name) };

    private static CustomerDataSet ReadTwin(string preset, string extension, bool withOrders = true)
        => CustomerDataSet.Read(
            new CustomerFiles { Customers = Fixture(preset, "customers." + extension), Orders = withOrders ? Fixture(preset, "orders." + extension) : null },
            Preset(preset));

    // Every field the twins must agree on: identity, names, phones, emails, birth dates, creation times, and each
    // order's placed-at instant, total, status, channel and lines.
    private static string Describe(Customer c) => string.Join(" | ",
    [
        c.Id.Value, c.DisplayName, c.Kind.ToString(), c.CreatedAt.ToString(), string.Join(";", c.Phones.Select(p => p.E164)), string.Join(";", c.Emails.Select(e => e.Value)),
        c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", c.Gender?.ToString() ?? "-", c.Location?.Province ?? "-", c.Location?.City ?? "-", string.Join(";", c.Tags),
        .. c.History.Orders.Select(o => $"{o.Id} {o.PlacedAt} {o.Total} {o.Status} {o.Channel} [{string.Join("; ", o.Lines.Select(l => $"{l.Sku} {l.Quantity} × {l.UnitPrice}"))}]"),
    ]);

    private static string Describe(GuestSale g) => $"{g.OrderId} {g.PlacedAt} {g.Total} {g.Status} line {g.Line}";

    // The raw value ExcelDataReader gives for a cell, to show that the fixture really stores it typed.
    private static object RawCell(string path, string keyColumn, string key, string column)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ExcelDataReader asks for code page 1252
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        reader.Read();
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()).ToList();
        while (reader.Read())
        {
            if (reader.GetValue(header.IndexOf(keyColumn))?.ToString() == key)
            {
                return reader.GetValue(header.IndexOf(column));
            }
        }

        throw new InvalidOperationException($"No row with {keyColumn} = {key} in {path}.");
    }

    [Fact]
    public void Read_KiotVietXlsx_PhoneStoredAsANumber_GetsItsLeadingZeroBack()
    {
        var xlsx = Fixture("kiotviet", "customers.xlsx");
        Assert.Equal(912000111d, RawCell(xlsx, "Mã khách hàng", "KH000008", "Điện thoại"));

        var read = ReadTwin("kiotviet", "xlsx", withOrders: false);

        Assert.Empty(read.Issues);
        Assert.Equal("+84912000111", Assert.Single(read.Customers.Single(c => c.Id.Value == "KH000008").Phones).E164);
    }

    [Fact]
    public void Read_KiotVietXlsx_DateCells_GiveTheLocalDatesOfTheCsvTwin()
    {
        var xlsx = Fixture("kiotviet", "customers.xlsx");
        Assert.Equal(new DateTime(1990, 8, 13, 0, 0, 0, DateTimeKind.Unspecified), RawCell(xlsx, "Mã khách hàng", "KH000001", "Ngày sinh"));
        Assert.Equal(new DateTime(2024, 3, 2, 9, 15, 0, DateTimeKind.Unspecified), RawCell(xlsx, "Mã khách hàng", "KH000001", "Ngày tạo"));

        var fromXlsx = ReadTwin("kiotviet", "xlsx", withOrders: false).Customers;
        var fromCsv = ReadTwin("kiotviet", "csv", withOrders: false).Customers;

        var zone = AtFixedExport.ShopTimeZone;
        Assert.Equal(fromCsv.Select(c => (c.Id, c.BirthDate, c.CreatedAt.InZone(zone).LocalDateTime)), fromXlsx.Select(c => (c.Id, c.BirthDate, c.CreatedAt.InZone(zone).LocalDateTime)));
        Assert.Equal(6, fromXlsx.Count(c => c.BirthDate is not null)); // KH000001–3, 5, 7 and 10 have one

        // 13/08/1990 and 02/03/2024 09:15 (day first; 09:15 in Asia/Ho_Chi_Minh is 02:15 UTC) in the CSV text.
        var lan = fromXlsx.Single(c => c.Id.Value == "KH000001");
        Assert.Equal((new LocalDate(1990, 8, 13), Instant.FromUtc(2024, 3, 2, 2, 15)), (lan.BirthDate, lan.CreatedAt));
    }

    [Fact]
    public void Read_XlsxNamedCsv_IsReadAsAWorkbook()
    {
        var read = CustomerDataSet.Read(new CustomerFiles { Customers = Fixture("broken", "customers_really_xlsx.csv") }, Preset("kiotviet"));

        Assert.Empty(read.Issues);
        var file = Assert.Single(read.Files);
        Assert.Equal(("customers_really_xlsx.csv", "xlsx", "DanhSachKhachHang", (string?)null, (char?)null, 10), (file.File, file.Type, file.Sheet, file.Encoding, file.Delimiter, file.RowsKept));
        Assert.Equal(ReadTwin("kiotviet", "xlsx", withOrders: false).Customers.Select(Describe), read.Customers.Select(Describe));
    }

    [Theory]
    [InlineData("kiotviet")]
    [InlineData("sapo")]
    public void Read_XlsxAndCsvTwins_AgreeFieldByField(string preset)
    {
        var csv = ReadTwin(preset, "csv");
        var xlsx = ReadTwin(preset, "xlsx");

        Assert.Empty(csv.Issues);
        Assert.Empty(xlsx.Issues);
        Assert.Equal(["csv", "csv"], csv.Files.Select(f => f.Type));
        Assert.Equal(["xlsx", "xlsx"], xlsx.Files.Select(f => f.Type));
        Assert.Equal(csv.Customers.Select(Describe), xlsx.Customers.Select(Describe));
        Assert.Equal(csv.GuestSales.Select(Describe), xlsx.GuestSales.Select(Describe));
        Assert.Equal(csv.Files.Select(f => (f.Kind, f.RowsRead, f.RowsKept)), xlsx.Files.Select(f => (f.Kind, f.RowsRead, f.RowsKept)));

        // Not vacuous: the counts computed outside CrmKit (the fixture's expected.json) hold for the workbooks.
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture(preset, "expected.json")));
        Assert.Equal(expected.RootElement.GetProperty("customers").GetInt32(), xlsx.Customers.Length);
        var byStatus = xlsx.Customers.SelectMany(c => c.History.Orders).GroupBy(o => o.Status).ToDictionary(g => g.Key.ToString().ToLowerInvariant(), g => g.Count());
        Assert.Equal(
            expected.RootElement.GetProperty("orders").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).OrderBy(p => p.Name, StringComparer.Ordinal),
            byStatus.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.RootElement.GetProperty("guestSales").GetProperty("orders").GetInt32(), xlsx.GuestSales.Count(g => g.IsRevenue));
    }
}
