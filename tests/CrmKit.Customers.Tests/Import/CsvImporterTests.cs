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

        // KH2's bad optional fields are warnings, but its creation time is required (no ExportedAt): rejected.
        // KH3's area without a province is dropped with a warning; KH5's shifted row has too many fields.
        Assert.Equal(["KH1", "KH3", "KH4"], result.Records.Select(c => c.Id.Value));
        Assert.Equal(
            [
                "customers.csv:3: warning: column 'phone': '0***' is too short for a Vietnamese number (4 digits with the leading 0). The field was left empty.",
                "customers.csv:3: warning: column 'email': the domain '' is not a valid domain name. The field was left empty.",
                "customers.csv:3: column 'created_at': '2024-13-01' is not a date: there is no month 13.",
                "customers.csv:3: warning: column 'birth_date': '1991-02-30' is not a date: February 1991 has 28 days. The field was left empty.",
                "customers.csv:3: warning: column 'gender': 'woman' is not one of: female, male, other. Map it in the mapping file (\"customers\": {\"values\": {\"gender\": {\"woman\": \"…\"}}}). The field was left empty.",
                "customers.csv:4: warning: column 'province': a city or area is given without a province; the location was left empty.",
                "customers.csv:5: column 'customer_id': customer 'KH1' appears earlier in the file (line 2); this row was skipped.",
                "customers.csv:6: column 'customer_id': the row has no customer id, phone or email to know the customer by; the row was skipped.",
                "customers.csv:8: the row has 11 fields but the header has 9; the row was skipped.",
            ],
            result.Issues.Select(i => i.ToString()));
        Assert.Equal(
            [ImportIssueSeverity.Warning, ImportIssueSeverity.Warning, ImportIssueSeverity.Error, ImportIssueSeverity.Warning, ImportIssueSeverity.Warning, ImportIssueSeverity.Warning, ImportIssueSeverity.Error, ImportIssueSeverity.Error, ImportIssueSeverity.Error],
            result.Issues.Select(i => i.Severity));

        var an = result.Records[0];
        Assert.Equal(Instant.FromUtc(2024, 1, 5, 2, 30), an.CreatedAt); // 09:30 in Asia/Ho_Chi_Minh (UTC+7)
        Assert.Equal(new LocalDate(1990, 5, 17), an.BirthDate);
        Assert.Equal("+84912345678", an.Phones.Single().E164);
        Assert.Equal(new Location("Hà Nội", null, AreaType.Urban), an.Location);
        Assert.Null(result.Records[1].Location);
        Assert.Equal("Phạm \"Tí\" Dũng", result.Records[2].DisplayName);
    }

    [Fact]
    public void ReadCustomers_MissingRequiredColumn_ReportsItOnceWithTheNearestKnownNames()
    {
        var result = Importer.ReadCustomers(new StringReader("customer_id,full_name,creatd_at\nKH1,An,2024-01-01\n"), "customers.csv");
        Assert.Empty(result.Records);
        Assert.Equal(
            [
                "customers.csv:1: warning: column 'creatd_at': the column is not read; did you mean 'created_at' or 'Created at'? Rename it, or map it with --map.",
                "customers.csv:1: no column for the required field 'created_at' (looked for: 'created_at', 'Ngày tạo', 'Created at'); the header has: 'customer_id', 'full_name', 'creatd_at'; nearest known names of unused columns: 'creatd_at' → 'created_at' or 'Created at'.",
            ],
            result.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void ReadCustomers_NoIdColumn_KnowsCustomersByPhoneAndWarnsOfNoNames()
    {
        var options = new CsvImportOptions { ExportedAt = Instant.FromUtc(2025, 1, 1, 0, 0) };
        var result = new CsvImporter(options).ReadCustomers(new StringReader("phone,email,province\n0912 345 678,,\n,an@example.com,\n,,\n,,Hà Nội\n"), "customers.csv");
        Assert.Equal(["+84912345678", "an@example.com"], result.Records.Select(c => c.Id.Value));
        Assert.All(result.Records, c => Assert.Equal(options.ExportedAt, c.CreatedAt));
        Assert.Equal(
            [
                "customers.csv:1: warning: no column holds the customers' names, so each is shown by its id. no column for the field 'name' (looked for: 'name', 'Tên khách hàng', 'Họ và tên', 'Họ tên', 'Customer Name', 'Full Name'); the header has: 'phone', 'email', 'province'.",
                "customers.csv:5: column 'customer_id': the row has no phone or email to know the customer by; the row was skipped.",
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

        // The column is English-style ('150000.5' and '12.5' prove it), so '150,000' is 150000; a negative total is a return.
        Assert.Equal(["HD1:150000 VND:Completed", "HD3:150000 VND:Completed", "HD5:12.5 USD:Returned", "HD6:1 VND:Returned"], result.Records.Select(o => $"{o.Id.Value}:{o.Total}:{o.Status}"));
        Assert.Equal(
            [
                "orders.csv:3: column 'customer_id': customer 'KH9' is not among the imported customers.",
                "orders.csv:5: column 'total': '150000.5' has more decimals than VND allows (0).",
                "orders.csv:7: warning: column 'total': order 'HD6' has a negative amount (-1); it was read as a return of 1 VND.",
                "orders.csv:8: column 'status': 'shipped' is not one of: completed, returned, cancelled, pending. Map it in the mapping file (\"orders\": {\"values\": {\"status\": {\"shipped\": \"…\"}}}).",
            ],
            result.Issues.Select(i => i.ToString()));
        Assert.Equal(new Money(12.5m, Currency.Usd), result.Records[2].Total);
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
        Assert.Equal("c.csv:2: column 'created_at': '2024-03-31 02:30' does not exist in Europe/Berlin: the clocks went forward from 02:00 to 03:00; write it with its UTC offset.", Assert.Single(result.Issues).ToString());
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

                // The import composes text to Unicode NFC (the generators write some names decomposed), so the
                // round trip is equal up to that: compare the documents after composing both.
                var expected = withoutAttributes.OrderBy(c => c.Id).ToArray();
                var ok = read.Issues.IsEmpty
                    && Serialization.CrmKitJson.Serialize(read.Customers).Normalize(System.Text.NormalizationForm.FormC) == Serialization.CrmKitJson.Serialize(expected).Normalize(System.Text.NormalizationForm.FormC);
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
