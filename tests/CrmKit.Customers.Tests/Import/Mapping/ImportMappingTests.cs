using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class ImportMappingTests
{
    [Fact]
    public void Parse_BrokenMapping_ListsEveryProblemWithItsJsonPath()
    {
        const string json = """
            {
              "name": "my-shop",
              "fromat": {},
              "format": { "numberFormat": "de", "dateOrder": "dym", "zone": "Asia/Hanoi", "currency": "VNDD", "delimiter": ":", "encoding": "utf-9", "dateFormats": ["dd/MM/yyyy HH:mm o"] },
              "customers": {
                "columns": { "customer_id": "Mã KH", "nmae": "Tên", "phone": 7 },
                "values": { "gender": { "Nam": "man" }, "name": { "A": "B" } },
                "amount": "lines"
              },
              "orders": {
                "columns": { "total": ["Tổng", "Tổng cộng"], "consent.email.marketing": "Nhận email" },
                "values": { "status": { "Xong": "completed", "xong": "cancelled" } },
                "amount": "sum"
              }
            }
            """;

        var ex = Assert.Throws<InvalidValueException>(() => ImportMapping.Parse(json, "shop.json"));

        Assert.Equal(
            """
            Invalid shop.json: 15 problems:
              $.fromat: unknown key (nearest known: 'format'); the keys here are: name, description, source, format, customers, orders, order_lines, consents, interactions, feedback, tickets, referrals.
              $.customers.amount: only the orders file has this setting.
              $.customers.columns.nmae: 'nmae' is not a field of the customers file (nearest known: 'name'); the fields are: customer_id, name, first_name, last_name, created_at, kind, phone, email, birth_date, gender, income_tier, province, city, area, tags, source, time_zone, stage, consent.<channel>.<purpose>.
              $.customers.columns.phone: expected a column name or a list of column names.
              $.customers.values.gender.Nam: 'man' is not one of: female, male, other.
              $.customers.values.name: 'name' is not a field with a fixed set of values in the customers file.
              $.orders.values.status.xong: the value is already mapped to 'completed' (values are matched ignoring case and spaces).
              $.orders.amount: 'sum' is not one of: total, lines.
              $.format.zone: 'Asia/Hanoi' is not a TZDB time zone id such as 'Asia/Ho_Chi_Minh' or 'Europe/London'.
              $.format.currency: 'VNDD' is not a known ISO 4217 currency code such as VND or USD.
              $.format.delimiter: ':' is not one of: ',', ';', '|', tab.
              $.format.dateFormats[0]: 'dd/MM/yyyy HH:mm o' is not a date pattern: The character o is not a format specifier for this pattern type, and should be quoted to act as a literal. Note that each type of pattern has its own set of valid format specifiers.
              $.format.encoding: 'utf-9' is not a text encoding CrmKit knows; use one of utf-8 (utf8), utf-16 (utf-16le, unicode), utf-16be, utf-32 (utf-32le), utf-32be, windows-1258 (cp1258, 1258), windows-1252 (cp1252, 1252), latin1 (iso-8859-1), us-ascii (ascii), or another code page name or number known to .NET, such as shift_jis or 932.
              $.format.numberFormat: 'de' is not a number format; use vi (1.250.000,50), en (1,250,000.50) or auto.
              $.format.dateOrder: 'dym' is not a date order; use dmy (28/08/2025), mdy (08/28/2025), ymd (25/08/28) or auto. The mapping format is in docs/importing.md (crmkit docs importing prints it).
            """.ReplaceLineEndings(Environment.NewLine),
            ex.Message);
    }

    [Fact]
    public void Parse_CommentsAndCaseVariantsOfOneValue_AreAccepted()
    {
        var mapping = ImportMapping.Parse("""{ "_comment": "shop X", "orders": { "columns": { "order_id": "Số HĐ" }, "values": { "currency": { "VND": "VND", "vnd": "VND" } } } }""");
        Assert.Equal(["Số HĐ"], mapping.For(ImportFileKind.Orders).Columns["order_id"].ToArray());
        Assert.Equal("VND", mapping.For(ImportFileKind.Orders).Values["currency"]["Vnd"]);
    }

    [Fact]
    public void Parse_NotJson_SaysWhere()
    {
        var ex = Assert.Throws<InvalidValueException>(() => ImportMapping.Parse("{ \"orders\": { \"columns\": } }", "shop.json"));
        Assert.Equal("Invalid shop.json: is not valid JSON: line 1, position 26: '}' is an invalid start of a value. The mapping format is in docs/importing.md (crmkit docs importing prints it).", ex.Message);
    }

    [Fact]
    public void Presets_AllParseAndNameOnlyKnownFields()
    {
        foreach (var name in ImportMapping.PresetNames)
        {
            var preset = ImportMapping.Preset(name);
            Assert.Equal(name, preset.Name);
            Assert.False(string.IsNullOrWhiteSpace(preset.Description));
            Assert.False(string.IsNullOrWhiteSpace(preset.Source));
            Assert.True(preset.Files.ContainsKey(ImportFileKind.Orders), $"{name} maps no orders file");
        }
    }

    [Fact]
    public void Then_LaysAMappingOverAPreset_FieldByField()
    {
        var preset = ImportMapping.Preset("sapo");
        var extra = ImportMapping.Parse("""
            {
              "format": { "zone": "Europe/London" },
              "customers": {
                "columns": { "phone": "Di động", "consent.zalo.marketing": "Đồng ý Zalo" },
                "values": { "gender": { "Trai": "male" } }
              }
            }
            """, "extra.json");

        var laid = extra.Then(preset);
        var customers = laid.For(ImportFileKind.Customers);
        var presetCustomers = preset.For(ImportFileKind.Customers);

        // The file's columns replace the preset's for those fields only.
        Assert.Equal(["Di động"], customers.Columns["phone"].AsEnumerable());
        Assert.Equal(["Đồng ý Zalo"], customers.Columns["consent.zalo.marketing"].AsEnumerable());
        Assert.Equal(["Mã khách hàng", "Mã KH"], customers.Columns["customer_id"].AsEnumerable());
        Assert.Equal(presetCustomers.Columns.Count + 1, customers.Columns.Count);
        Assert.Equal("male", customers.Values["gender"]["Trai"]);
        Assert.Equal("male", customers.Values["gender"]["Nam"]); // value translations are added to the preset's
        Assert.Equal("female", customers.Values["gender"]["Nữ"]);
        // Formats value by value: the file's zone, the preset's number format, day order and currency.
        Assert.Equal("Europe/London", laid.Format.Zone!.Id);
        Assert.Equal(preset.Format.NumberFormat, laid.Format.NumberFormat);
        Assert.Equal(preset.Format.DateOrder, laid.Format.DateOrder);
        Assert.Equal(preset.Format.Currency, laid.Format.Currency);
        // Kinds of file the mapping does not name are the preset's as they were; the name is the preset's.
        Assert.Same(preset.For(ImportFileKind.Orders), laid.For(ImportFileKind.Orders));
        Assert.Equal("sapo", laid.Name);
        Assert.Same(extra, extra.Then(null));
    }

    // Review: a column the file gives to one field stayed the preset's for another (the field sorting first kept it,
    // the other got nothing, silently). A column feeds one field: the file's.
    [Fact]
    public void Then_AColumnTheFileGivesAField_IsTakenFromThePresetsOtherField()
    {
        var preset = ImportMapping.Parse("""{ "customers": { "columns": { "kind": ["Loại khách", "Kiểu"], "source": "Nguồn" } }, "orders": { "guestCustomers": ["Khách lẻ"] } }""", "preset");
        var extra = ImportMapping.Parse("""{ "customers": { "columns": { "tags": "Loại khách", "consent.sms.marketing": "Nguồn" } }, "orders": { "guestCustomers": ["khách lẻ", "Vãng lai"] } }""", "extra.json");

        var laid = extra.Then(preset);

        var columns = laid.For(ImportFileKind.Customers).Columns;
        Assert.Equal(["Loại khách"], columns["tags"].AsEnumerable());
        Assert.Equal(["Kiểu"], columns["kind"].AsEnumerable());          // the preset's other column for kind stays
        Assert.False(columns.ContainsKey("source"));                      // its only column went to the file's field
        Assert.Equal(["Khách lẻ", "Vãng lai"], laid.For(ImportFileKind.Orders).GuestCustomers.AsEnumerable()); // added, case-folded
    }

    // Sixth trial: --date-order mdy over the kiotviet preset still tried the preset's dd/MM/yyyy patterns first, so
    // 11/12/2026 (written month first: 12 November) was read as 11 December, silently.
    [Fact]
    public void Then_ADateOrderGiven_DropsTheFallbacksPatternsOfTheOtherOrder()
    {
        var given = new ImportFormat { DateOrder = DateOrder.MonthFirst };
        var preset = new ImportFormat { DateOrder = DateOrder.DayFirst, DateFormats = ["dd/MM/yyyy HH:mm:ss", "d/M/yyyy", "'ngày' dd 'tháng' MM", "MM/dd/yyyy", "yyyy-MM-dd", "HH:mm"] };

        Assert.Equal(["MM/dd/yyyy", "yyyy-MM-dd", "HH:mm"], given.Then(preset).DateFormats.AsEnumerable());
        Assert.Equal(["dd/MM/yyyy HH:mm:ss", "d/M/yyyy", "'ngày' dd 'tháng' MM", "yyyy-MM-dd", "HH:mm"], new ImportFormat { DateOrder = DateOrder.DayFirst }.Then(preset).DateFormats.AsEnumerable());
        Assert.Equal(preset.DateFormats.AsEnumerable(), new ImportFormat().Then(preset).DateFormats.AsEnumerable());       // no order given: all kept
        Assert.Equal(["d/M/yyyy"], new ImportFormat { DateOrder = DateOrder.MonthFirst, DateFormats = ["d/M/yyyy"] }.Then(preset).DateFormats.AsEnumerable()); // own patterns kept as given
    }

    [Fact]
    public void Read_KiotVietPresetWithMonthFirstGiven_ReadsAmbiguousDatesMonthFirst()
    {
        using var folder = new TemporaryFolder();
        var orders = folder.Write("orders.csv", System.Text.Encoding.UTF8.GetBytes(
            "Mã hóa đơn,Thời gian,Mã khách hàng,Tên khách hàng,Khách cần trả,Trạng thái\n"
            + "HD1,11/12/2026 15:00,KH1,Long,480.000,Hoàn thành\n"
            + "HD2,07/26/2026 15:00,KH1,Long,690.000,Hoàn thành\n"));
        var options = new CsvImportOptions
        {
            Mapping = ImportMapping.Preset("kiotviet"),
            Format = new ImportFormat { DateOrder = DateOrder.MonthFirst },
            ExportedAt = Instant.FromUtc(2027, 1, 1, 0, 0),
        };

        var read = CustomerDataSet.Read(new CustomerFiles { Orders = orders }, options);

        Assert.Empty(read.Issues);
        // 15:00 in Asia/Ho_Chi_Minh (UTC+7) is 08:00 UTC.
        Assert.Equal([Instant.FromUtc(2026, 7, 26, 8, 0), Instant.FromUtc(2026, 11, 12, 8, 0)], read.Customers.Single().History.Orders.Select(o => o.PlacedAt).Order());
    }
}
