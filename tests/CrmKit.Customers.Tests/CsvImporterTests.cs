using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests;

public class CsvImporterTests
{
    private static readonly CsvImporter Importer = new();

    [Fact]
    public void ReadCustomers_BrokenRows_ReportsEachWithLineAndColumnAndKeepsTheValidOnes()
    {
        const string csv = """
            customer_id,name,created_at,phone,email,birth_date,gender,province,area
            KH1,Nguyễn Văn An,2024-01-05 09:30,0912 345 678,an@gmail.com,17/05/1990,male,Hà Nội,urban
            KH2,Trần Thị Bình,2024-13-01,0912,binh@,1991-02-30,woman,,
            KH3,Lê Văn Cường,2024-02-01T08:00:00+07:00,+84 987 654 321;0243 826 1234,,,,,rural
            KH1,Duplicate Row,2024-01-05,,,,,,
            ,No Id,2024-01-05,,,,,,
            KH4,"Phạm ""Tí"" Dũng",2024-03-01,,,,other,Đà Nẵng,suburban
            KH5,Too,Many,Fields,,,,,,,
            """;

        var result = Importer.ReadCustomers(new StringReader(csv), "customers.csv");

        Assert.Equal(["KH1", "KH4"], result.Records.Select(c => c.Id.Value));
        Assert.Equal(
            [
                "customers.csv:3: column 'created_at': '2024-13-01' is not a date or date-time in an accepted format (ISO 8601 such as 2025-01-29T10:15:00+07:00, or uuuu-MM-dd'T'HH:mm:ss, uuuu-MM-dd HH:mm:ss, uuuu-MM-dd'T'HH:mm, uuuu-MM-dd HH:mm, dd/MM/uuuu HH:mm:ss, dd/MM/uuuu HH:mm).",
                "customers.csv:3: column 'phone': '0***' is too short for a Vietnamese number (4 digits with the leading 0).",
                "customers.csv:3: column 'email': the domain '' is not a valid domain name.",
                "customers.csv:3: column 'birth_date': '1991-02-30' is not a date in any of the accepted formats (uuuu-MM-dd, dd/MM/uuuu, d/M/uuuu).",
                "customers.csv:3: column 'gender': 'woman' is not one of: female, male, other.",
                "customers.csv:4: column 'province': a city or area is given without a province.",
                "customers.csv:5: column 'customer_id': customer 'KH1' appears earlier in the file; this row was skipped.",
                "customers.csv:6: column 'customer_id': the value is empty; it is required.",
                "customers.csv:8: the row has 11 fields but the header has 9; the row was skipped.",
            ],
            result.Issues.Select(i => i.ToString()));

        var an = result.Records[0];
        Assert.Equal(Instant.FromUtc(2024, 1, 5, 2, 30), an.CreatedAt); // 09:30 in Asia/Ho_Chi_Minh (UTC+7)
        Assert.Equal(new LocalDate(1990, 5, 17), an.BirthDate);
        Assert.Equal("+84912345678", an.Phones.Single().E164);
        Assert.Equal(new Location("Hà Nội", null, AreaType.Urban), an.Location);
        Assert.Equal("Phạm \"Tí\" Dũng", result.Records[1].DisplayName);
    }

    [Fact]
    public void ReadCustomers_MissingRequiredColumn_ReportsItOnce()
    {
        var result = Importer.ReadCustomers(new StringReader("customer_id,full_name\nKH1,An\n"), "customers.csv");
        Assert.Empty(result.Records);
        Assert.Equal(
            [
                "customers.csv:1: column 'name': required column is missing; the header has: customer_id, full_name.",
                "customers.csv:1: column 'created_at': required column is missing; the header has: customer_id, full_name.",
            ],
            result.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void ReadCustomers_EmptyFile_IsReported()
        => Assert.Equal("customers.csv: the file is empty; a header row is needed.", Assert.Single(Importer.ReadCustomers(new StringReader(string.Empty), "customers.csv").Issues).ToString());

    [Fact]
    public void ReadCustomers_CustomColumnNamesAndAttributes_AreUsed()
    {
        var options = new CsvImportOptions
        {
            Customers = new CustomerColumns
            {
                Id = "ma_kh",
                Name = "ten",
                CreatedAt = "ngay_tao",
                Phones = "sdt",
                Attributes = System.Collections.Immutable.ImmutableDictionary<string, (string, AttributeKind)>.Empty.Add("so_con", ("children", AttributeKind.Number)),
            },
        };
        var result = new CsvImporter(options).ReadCustomers(new StringReader("ma_kh;ten;ngay_tao;sdt;so_con\nKH1;An;01/02/2024;0912345678;2\n".Replace(';', ',')), "kh.csv");
        var customer = Assert.Single(result.Records);
        Assert.Equal(2m, customer.Attributes["children"].AsNumber());
        Assert.Equal(new LocalDate(2024, 2, 1), customer.CreatedAt.InZone(options.ShopTimeZone).Date);
    }

    [Fact]
    public void ReadOrders_BadAmountsAndUnknownCustomers_AreReported()
    {
        const string csv = """
            order_id,customer_id,placed_at,total,currency,status
            HD1,KH1,2025-01-20 10:00,150000,VND,completed
            HD2,KH9,2025-01-21 10:00,150000,VND,completed
            HD3,KH1,2025-01-22 10:00,"150,000",VND,completed
            HD4,KH1,2025-01-23 10:00,150000.5,VND,completed
            HD5,KH1,2025-01-24 10:00,12.5,USD,returned
            HD6,KH1,2025-01-25 10:00,-1,VND,completed
            HD7,KH1,2025-01-26 10:00,1000,VNĐ,shipped
            """;

        var result = Importer.ReadOrders(new StringReader(csv), "orders.csv", id => id.Value == "KH1");

        Assert.Equal(["HD1", "HD5"], result.Records.Select(o => o.Id.Value));
        Assert.Equal(
            [
                "orders.csv:3: column 'customer_id': customer 'KH9' is not among the imported customers.",
                "orders.csv:4: column 'total': '150,000' is not an amount (digits with an optional '.' decimal point, no thousands separators).",
                "orders.csv:5: column 'total': '150000.5' has more decimals than VND allows (0).",
                "orders.csv:7: column 'order total': Invalid order total: -1 VND is negative. Record a return as an order with status Returned.",
                "orders.csv:8: column 'currency': 'VNĐ' is not a known ISO 4217 currency code.",
                "orders.csv:8: column 'status': 'shipped' is not one of: completed, returned, cancelled.",
            ],
            result.Issues.Select(i => i.ToString()));
        Assert.Equal(new Money(12.5m, Currency.Usd), result.Records[1].Total);
    }

    [Fact]
    public void ReadFeedback_ScoreOffScale_IsReported()
    {
        const string csv = "feedback_id,customer_id,at,kind,score\nF1,KH1,2025-01-01,nps,10\nF2,KH1,2025-01-01,star_rating,0\nF3,KH1,2025-01-01,ces,seven\n";
        var result = Importer.ReadFeedback(new StringReader(csv), "feedback.csv");
        Assert.Equal("F1", Assert.Single(result.Records).Id.Value);
        Assert.Equal(
            ["feedback.csv:3: column 'score': 0 is outside the star_rating scale 1..5.", "feedback.csv:4: column 'score': 'seven' is not a whole number."],
            result.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void ReadCustomers_BrokenQuoting_IsReportedAndTheRestImported()
    {
        const string csv = "customer_id,name,created_at\nKH1,\"An\" Best,2024-01-01\nKH2,Bình,2024-01-01\n";
        var result = Importer.ReadCustomers(new StringReader(csv), "customers.csv");
        Assert.Equal("KH2", Assert.Single(result.Records).Id.Value);
        Assert.Equal("customers.csv:2: the row is not valid CSV: a quote inside an unquoted field, or an unterminated quoted field; the row was skipped.", Assert.Single(result.Issues).ToString());
    }

    [Fact]
    public void ReadLocalTime_InADstGap_IsRejectedWithAHint()
    {
        var options = new CsvImportOptions { ShopTimeZone = DateTimeZoneProviders.Tzdb["Europe/Berlin"] };
        var result = new CsvImporter(options).ReadCustomers(new StringReader("customer_id,name,created_at\nKH1,An,2024-03-31 02:30\n"), "c.csv");
        Assert.Equal("c.csv:2: column 'created_at': '2024-03-31 02:30' does not exist in Europe/Berlin (the clocks skipped it). Give the time with its UTC offset.", Assert.Single(result.Issues).ToString());
    }

    [Property(MaxTest = 60)]
    public Property WriteThenRead_GivesBackEqualCustomers()
        => Prop.ForAll(Generators.Customers(12).ToArbitrary(), customers =>
        {
            var folder = Path.Combine(Path.GetTempPath(), "crmkit-csv-" + Guid.NewGuid().ToString("N"));
            try
            {
                var withoutAttributes = customers.Select(c => c with { Attributes = c.Attributes.Clear() }).ToArray();
                CustomerDataSet.From(withoutAttributes).WriteFolder(folder);
                var read = CustomerDataSet.ReadFolder(folder);
                var expected = withoutAttributes.OrderBy(c => c.Id).ToArray();
                var ok = read.Issues.IsEmpty && read.Customers.SequenceEqual(expected);
                if (!ok)
                {
                    throw new InvalidOperationException(string.Join("\n", read.Issues) + "\n" + Serialization.CrmKitJson.Serialize(read.Customers) + "\n" + Serialization.CrmKitJson.Serialize(expected));
                }

                return ok;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
}
