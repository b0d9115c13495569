using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>The rules of reading a shop's export, each on a small file written in the test.</summary>
public sealed class ImportRulesTests : IDisposable
{
    private static readonly Instant Exported = Instant.FromUtc(2025, 12, 1, 0, 0);
    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_VietnameseHeadersWithoutPreset_AreRecognisedAndVietnameseAmountsKeepTheirMagnitude()
    {
        var orders = Write("orders.csv", """
            Mã hóa đơn,Thời gian,Mã khách hàng,Tên khách hàng,Điện thoại,Khách cần trả,Trạng thái
            HD1,13/08/2025 19:09,KH1,Nguyễn Thị Lan,0912 345 678,125.000,Hoàn thành
            HD2,14/08/2025 10:05,KH1,Nguyễn Thị Lan,0912 345 678,1.250.000,Hoàn thành
            HD3,15/08/2025 10:05,KH2,Trần Văn Minh,0903 111 222,89.000,Đã hủy
            """);

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Empty(data.Issues);
        var lan = data.Customers.Single(c => c.Id.Value == "KH1");
        Assert.Equal("Nguyễn Thị Lan", lan.DisplayName);
        Assert.Equal([125_000m, 1_250_000m], lan.History.Orders.Select(o => o.Total.Amount));
        Assert.Equal(OrderStatus.Cancelled, data.Customers.Single(c => c.Id.Value == "KH2").History.Orders.Single().Status);
        Assert.Equal("Vietnamese style, detected from line 3 ('1.250.000')", data.Files.Single().NumberFormats["Khách cần trả"].Description);
        Assert.Equal("day first, detected from line 2 ('13/08/2025 19:09')", data.Files.Single().DateOrders["Thời gian"].Description);
        Assert.Equal((ColumnFormatSource.Detected, NumberFormat.Vietnamese, 3, "1.250.000"), data.Files.Single().NumberFormats["Khách cần trả"] is var n ? (n.Source, n.Style, n.EvidenceLine, n.EvidenceText) : default);
        Assert.Equal((ColumnFormatSource.Detected, DateOrder.DayFirst, 2, "13/08/2025 19:09"), data.Files.Single().DateOrders["Thời gian"] is var d ? (d.Source, d.Order, d.EvidenceLine, d.EvidenceText) : default);
    }

    [Fact]
    public void Read_AmountsNothingDecides_AreRejectedWithAHintNeverReadAtAnotherMagnitude()
    {
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH1,2025-08-13,125.000\nHD2,KH1,2025-08-14,89.000\nHD3,KH1,2025-08-15,90000\n");

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Equal(["HD3"], data.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value));
        Assert.Equal(
            [
                "orders.csv:2: column 'total': '125.000' could be 125000 (Vietnamese style) or 125 (English style); nothing else in the column decides; pass --number-format vi or en.",
                "orders.csv:3: column 'total': '89.000' could be 89000 (Vietnamese style) or 89 (English style); nothing else in the column decides; pass --number-format vi or en.",
            ],
            data.Issues.Select(i => i.ToString()));
        var vietnamese = Read(new CustomerFiles { Orders = orders }, new ImportFormat { NumberFormat = NumberFormat.Vietnamese });
        Assert.Equal([125_000m, 89_000m, 90_000m], vietnamese.Customers.SelectMany(c => c.History.Orders).Select(o => o.Total.Amount));
    }

    [Fact]
    public void Read_AColumnMixingStyles_IsCaught()
    {
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH1,2025-08-13,1.250.000\nHD2,KH1,2025-08-14,\"1,250,000.00\"\n");

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Equal(["HD1"], data.Customers.SelectMany(c => c.History.Orders).Select(o => o.Id.Value));
        Assert.Equal(
            "orders.csv:3: column 'total': '1,250,000.00' is written in the English style, but this column is Vietnamese-style (line 2: '1.250.000'); pass --number-format to say which.",
            Assert.Single(data.Issues).ToString());
    }

    [Fact]
    public void Read_BadOptionalField_KeepsTheCustomerAndAllTheirOrders()
    {
        var customers = Write("customers.csv", "customer_id,name,created_at,gender,birth_date\nKH1,Nguyễn Văn An,2024-01-05,Đàn ông,1990-05-17\nKH2,Trần Thị Bình,2024-01-06,Nữ,31/02/1991\n");
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH1,2025-01-20 10:00,150000\nHD2,KH2,2025-01-21 10:00,90000\n");

        var data = Read(new CustomerFiles { Customers = customers, Orders = orders });

        Assert.Equal([1, 1], data.Customers.Select(c => c.History.Orders.Count));
        Assert.Null(data.Customers[0].Gender);
        Assert.Equal(Gender.Female, data.Customers[1].Gender);   // 'Nữ' is a built-in word
        Assert.Null(data.Customers[1].BirthDate);
        Assert.Equal(
            [
                "customers.csv:2: warning: column 'gender': 'Đàn ông' is not one of: female, male, other. Map it in the mapping file (\"customers\": {\"values\": {\"gender\": {\"Đàn ông\": \"…\"}}}). The field was left empty; the row was kept.",
                "customers.csv:3: warning: column 'birth_date': '31/02/1991' is not a date: February 1991 has 28 days. The field was left empty; the row was kept.",
            ],
            data.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Read_Messages_ShowCodesAsWrittenAndMaskPersonalData()
    {
        var orders = Write("orders.csv", "order_id,customer_id,customer_name,customer_phone,placed_at,total,status\nHD1,KH1,Lê Văn Cường,0912 345,2025-01-20 10:00,150000,Đang giao\n");

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Equal(
            [
                "orders.csv:2: warning: column 'customer_phone': '09***45' is too short for a Vietnamese number (7 digits with the leading 0). The field was left empty.",
                "orders.csv:2: column 'status': 'Đang giao' is not one of: completed, returned, cancelled, pending. Map it in the mapping file (\"orders\": {\"values\": {\"status\": {\"Đang giao\": \"…\"}}}).",
            ],
            data.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Read_OrdersOnly_DerivesCustomersByIdPhoneOrEmailAndCountsGuestSalesApart()
    {
        var orders = Write("orders.csv", """
            order_id,customer_id,customer_name,customer_phone,customer_email,placed_at,total
            HD1,,Nguyễn Thị Lan,0912 345 678,,2025-08-13 10:00,100000
            HD2,,,+84 912 345 678,lan@example.com,2025-08-14 10:00,200000
            HD3,,,,LAN@example.com,2025-08-15 10:00,300000
            HD4,KH9,Phạm Bảo,,,2025-08-16 10:00,400000
            HD5,,,,,2025-08-17 10:00,500000
            """);

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Empty(data.Issues);
        Assert.Equal(["+84912345678", "KH9"], data.Customers.Select(c => c.Id.Value));
        var lan = data.Customers[0];
        Assert.Equal("Nguyễn Thị Lan", lan.DisplayName);
        Assert.Equal([100_000m, 200_000m, 300_000m], lan.History.Orders.Select(o => o.Total.Amount));
        Assert.Equal(Instant.FromUtc(2025, 8, 13, 3, 0), lan.CreatedAt);   // the first order, 10:00 in Vietnam
        var guest = Assert.Single(data.GuestSales);
        Assert.Equal(("HD5", 500_000m, 6), (guest.OrderId.Value, guest.Total.Amount, guest.Line));
    }

    [Fact]
    public void Read_ChannelAndSourceWordsOfThePlatforms_AreReadWithoutAMapping()
    {
        var customers = Write("customers.csv", """
            customer_id,name,created_at,source
            KH1,Nguyễn Thị Lan,2024-01-05,Online Store
            KH2,Trần Văn Bình,2024-01-06, Tại cửa hàng
            KH3,Lê Thu Hà,2024-01-07,Người quen giới thiệu
            KH4,Phạm Bảo,2024-01-08,TikTok
            """);
        var orders = Write("orders.csv", """
            order_id,customer_id,placed_at,total,channel
            HD1,KH1,2025-08-13 10:00,100000,online
            HD2,KH1,2025-08-14 10:00,100000,Trực tuyến
            HD3,KH2,2025-08-15 10:00,100000,Point of Sale
            HD4,KH2,2025-08-16 10:00,100000,Bán trực tiếp
            HD5,KH3,2025-08-17 10:00,100000,Shopee
            HD6,KH3,2025-08-18 10:00,100000,zalo
            HD7,KH4,2025-08-19 10:00,100000,TikTok Shop
            HD8,KH4,2025-08-20 10:00,100000,in_store
            HD9,KH4,2025-08-21 10:00,100000,Tại quầy
            """);

        var data = Read(new CustomerFiles { Customers = customers, Orders = orders });

        Assert.Equal(
            [AcquisitionSource.Website, AcquisitionSource.WalkIn, AcquisitionSource.Referral, null],
            data.Customers.Select(c => c.Source));
        Assert.Equal(
            [SalesChannel.Website, SalesChannel.Website, SalesChannel.InStore, SalesChannel.InStore, SalesChannel.Marketplace, SalesChannel.Social, null, SalesChannel.InStore, SalesChannel.InStore],
            data.Customers.SelectMany(c => c.History.Orders).Select(o => o.Channel));
        // TikTok means a social network on one platform and a marketplace on another: it needs the mapping's word.
        Assert.Equal(
            [("customers.csv", 5, "source"), ("orders.csv", 8, "channel")],
            data.Issues.Select(i => (Path.GetFileName(i.File), i.Line, i.Column)));
    }

    [Fact]
    public void Read_LineItemExport_GroupsTheRowsOfAnOrderAndSumsLinesWithoutATotal()
    {
        var orders = Write("orders.csv", """
            order_id,placed_at,customer_id,sku,quantity,unit_price
            A1,2025-08-13 10:00,KH1,SKU1,2,100000
            A1,,,SKU2,1,50000
            A2,2025-08-14 10:00,KH1,SKU1,-1,100000
            """);

        var data = Read(new CustomerFiles { Orders = orders });

        var history = data.Customers.Single().History.Orders;
        Assert.Equal([("A1", 250_000m, OrderStatus.Completed, 2), ("A2", 100_000m, OrderStatus.Returned, 1)], history.Select(o => (o.Id.Value, o.Total.Amount, o.Status, o.Lines.Length)));
        Assert.Equal("orders.csv:4: warning: column 'quantity': order 'A2' has a negative amount (-100000); it was read as a return of 100000 VND.", Assert.Single(data.Issues).ToString());
    }

    [Fact]
    public void Read_TimesWithoutOffset_AreLocalTimesOfTheZoneAndDatesStayOnTheirDay()
    {
        var orders = Write("orders.csv", "customer_id,placed_at,total\n00001,1997-01-01,29.33\n00001,1997-01-18 19:00,29.73\n00002,1997-06-15T08:00:00+0100,10.00\n");

        var data = Read(new CustomerFiles { Orders = orders }, new ImportFormat { Zone = DateTimeZoneProviders.Tzdb["Europe/London"], Currency = Currency.Usd });

        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        Assert.Equal(
            [new LocalDateTime(1997, 1, 1, 0, 0), new LocalDateTime(1997, 1, 18, 19, 0), new LocalDateTime(1997, 6, 15, 8, 0)],
            data.Customers.SelectMany(c => c.History.Orders).Select(o => o.PlacedAt.InZone(london).LocalDateTime));
    }

    [Fact]
    public void Read_ConsentColumns_GoIntoTheLedgerAtTheExportTime()
    {
        var customers = Write("customers.csv", "Customer ID,Email,Accepts Email Marketing\nC1,an@example.com,yes\nC2,binh@example.com,no\n");
        var mapping = ImportMapping.Parse("""{ "customers": { "columns": { "consent.email.marketing": "Accepts Email Marketing" } } }""");

        var data = CustomerDataSet.Read(new CustomerFiles { Customers = customers }, new CsvImportOptions { Mapping = mapping, ExportedAt = Exported });

        Assert.True(data.Customers[0].Consents.IsGrantedAt(ContactChannel.Email, ContactPurpose.Marketing, Exported));
        var withdrawn = Assert.Single(data.Customers[1].Consents);
        Assert.Equal((ConsentStatus.Withdrawn, Exported, "customers.csv"), (withdrawn.Status, withdrawn.At, withdrawn.Source));
    }

    // Seventh newcomer trial (issue 21): the CLI's default as-of day follows the export time of undated consent columns,
    // so the data set says which files had them and at which instant their decisions are dated.
    [Fact]
    public void Read_ConsentColumns_FileSaysItsConsentsAreDatedAtTheExport_OthersSayNothing()
    {
        var customers = Write("customers.csv", "customer_id,name,consent.zalo.marketing\nKH1,An,yes\nKH2,Bình,\n");
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nW1,KH1,2025-08-13,100000\n");
        var modified = new DateTime(2026, 3, 12, 10, 30, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(customers, modified);

        var given = CustomerDataSet.Read(new CustomerFiles { Customers = customers, Orders = orders }, new CsvImportOptions { ExportedAt = Exported });
        var byModification = CustomerDataSet.Read(new CustomerFiles { Customers = customers, Orders = orders });

        Assert.Equal(Exported, given.Files.Single(f => f.Kind == ImportFileKind.Customers).ConsentsExportedAt);
        Assert.Equal(Instant.FromUtc(2026, 3, 12, 10, 30), byModification.Files.Single(f => f.Kind == ImportFileKind.Customers).ConsentsExportedAt);
        Assert.Null(given.Files.Single(f => f.Kind == ImportFileKind.Orders).ConsentsExportedAt); // no consent column
    }

    [Fact]
    public void Read_ConsentColumnWithNoDecision_HasNoConsentExportTime()
    {
        var customers = Write("customers.csv", "customer_id,name,consent.zalo.marketing\nKH1,An,\nKH2,Bình,maybe\n");

        var data = CustomerDataSet.Read(new CustomerFiles { Customers = customers }, new CsvImportOptions { ExportedAt = Exported });

        Assert.Null(Assert.Single(data.Files).ConsentsExportedAt);
    }

    [Fact]
    public void Read_AmbiguousValueUnderAWrongConfiguredStyle_IsRejectedNotReadAThousandTimesSmaller()
    {
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nW1,KH1,2025-08-13,361.000\nW2,KH1,2025-08-14,\"1,250,000.00\"\n");

        var data = Read(new CustomerFiles { Orders = orders }, new ImportFormat { NumberFormat = NumberFormat.English });

        Assert.Equal([1_250_000m], data.Customers.SelectMany(c => c.History.Orders).Select(o => o.Total.Amount));
        Assert.Equal(
            "orders.csv:2: column 'total': '361.000' reads as 361 in the English style this column is read in, with more decimals than VND has (0); written Vietnamese-style it would be 361000. Pass --number-format vi if so.",
            Assert.Single(data.Issues).ToString());
    }

    [Fact]
    public void Read_FallbackColumns_AreTriedRowByRow()
    {
        var orders = Write("orders.csv", "order_id,placed_at,total,Billing Phone,Phone\nA1,2025-08-13 10:00,100000,0912 345 678,\nA2,2025-08-14 10:00,200000,,+84 912 345 678\n");
        var mapping = ImportMapping.Parse("""{ "orders": { "columns": { "customer_phone": ["Billing Phone", "Phone"] } } }""");

        var data = CustomerDataSet.Read(new CustomerFiles { Orders = orders }, new CsvImportOptions { ExportedAt = Exported, Mapping = mapping });

        Assert.Equal(2, Assert.Single(data.Customers).History.Orders.Count);
        Assert.Empty(data.GuestSales);
    }

    [Fact]
    public void Read_PurchaseLogWithLineTotalsAndNoOrderIds_MakesOneOrderPerRow()
    {
        var orders = Write("orders.csv", "placed_at,customer_phone,Thành tiền\n2025-09-01,0912345678,1.100.000\n2025-09-02,0912345678,450.000\n");

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Empty(data.Issues);
        Assert.Equal([1_100_000m, 450_000m], data.Customers.Single().History.Orders.Select(o => o.Total.Amount));
    }

    [Fact]
    public void Read_RowCounts_CountRowsOfTheWrongWidthAndEveryRowOfARejectedOrder()
    {
        var orders = Write("orders.csv", "order_id,placed_at,customer_id,sku,quantity,unit_price\nA1,2025-08-13 10:00,KH1,S1,1,100000\nA1,,,S2,x,50000\nA2,2025-08-14 10:00,KH1,S1,1,100000\nA3,2025-08-15 10:00,KH1\n");

        var data = Read(new CustomerFiles { Orders = orders });

        var file = data.Files.Single();
        Assert.Equal((4, 3, 1), (file.RowsRead, file.RowsRejected, file.RowsKept));
        Assert.Equal(["A2"], data.Customers.Single().History.Orders.Select(o => o.Id.Value));
    }

    [Fact]
    public void Read_WalkInPlaceholder_IsAGuestSaleWithoutAMapping()
    {
        var orders = Write("orders.csv", "order_id,customer_id,placed_at,total\nHD1,Khách lẻ,2025-08-13,100000\n");

        var data = Read(new CustomerFiles { Orders = orders });

        Assert.Empty(data.Customers);
        Assert.Equal("HD1", Assert.Single(data.GuestSales).OrderId.Value);
    }

    [Fact]
    public void Group_IssuesOfOneKind_AreCountedWithTheirFirstLines()
    {
        var issues = Enumerable.Range(2, 14).Select(line => new ImportIssue("orders.csv", line, "InvoiceDate", $"'{line}/13/10 8:26' is not a date.")).Append(new ImportIssue("orders.csv", 20, "Quantity", "'x' is not a whole number."));

        var groups = ImportIssueGroup.Of(issues);

        Assert.Equal(
            [
                "orders.csv: 14 rows rejected in column 'InvoiceDate', such as line 2: '2/13/10 8:26' is not a date. — lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 …",
                "orders.csv:20: column 'Quantity': 'x' is not a whole number.",
            ],
            groups.Select(g => g.ToString()));
    }

    private static CustomerDataSet Read(CustomerFiles files, ImportFormat? format = null)
        => CustomerDataSet.Read(files, new CsvImportOptions { ExportedAt = Exported, Format = format ?? ImportFormat.Unset });

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
