using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// A column that mixes both day/month orders (or both number styles) keeps none of its values that read differently
/// in the two: those after the first value of the other kind are rejected at once, and those before it — read in the
/// column's order while nothing contradicted it — are taken back at the end of the file, wherever the reader had put
/// them (customers, orders, order lines, history files, the single-file API; the streaming purchase log reports them).
/// Found by the sixth
/// trial: under a day-first order, the rows read before the first month-only value stayed day first.
/// </summary>
public sealed class ImportMixedColumnTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private static readonly CsvImportOptions Kwd = AtFixedExport with { DefaultCurrency = Currency.FromCode("KWD") };

    private static readonly DateTimeZone Saigon = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    private const string TwoCustomers = "customer_id,name,created_at\nK1,An,2024-01-01T00:00:00Z\nK2,Binh,2024-01-01T00:00:00Z\n";

    private static CustomerDataSet Read(CsvImportOptions options, params (string Name, string Text)[] files)
    {
        using var folder = new TemporaryFolder();
        foreach (var (name, text) in files)
        {
            folder.Write(name, Encoding.UTF8.GetBytes(text));
        }

        return CustomerDataSet.ReadFolder(folder.Path, options);
    }

    private static string[] Issues(CustomerDataSet read) => [.. read.Issues.OrderBy(i => i.Line).Select(i => i.ToString())];

    private static Dictionary<string, LocalDate> PlacedOn(CustomerDataSet read)
        => read.Customers.SelectMany(c => c.History.Orders).ToDictionary(o => o.Id.Value, o => o.PlacedAt.InZone(Saigon).Date);

    [Fact]
    public void DetectedOrder_LaterContradicted_RejectsTheTwoWayValuesReadBeforeAndAfter()
    {
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\n"
            + "O1,K1,25/12/2024,100000\n"   // line 2: day first only — decides the column
            + "O2,K1,05/06/2024,100000\n"   // line 3: 5 June or 6 May — read day first, retracted at the end
            + "O3,K2,13/06/2024,100000\n"   // line 4: day first only
            + "O4,K2,12/25/2024,100000\n"   // line 5: month first only — the column mixes both
            + "O5,K2,07/08/2024,100000\n"   // line 6: rejected at once
            + "O6,K2,08/08/2024,100000\n")); // line 7: the same date both ways — kept

        Assert.Equal(
            new Dictionary<string, LocalDate> { ["O1"] = new(2024, 12, 25), ["O3"] = new(2024, 6, 13), ["O6"] = new(2024, 8, 8) },
            PlacedOn(read));
        Assert.Equal(
            [
                "orders.csv:3: column 'placed_at': '05/06/2024' reads both day first and month first, and this column has values that can only be read day first (line 2: '25/12/2024') and values that can only be read month first (line 5: '12/25/2024'); correct the values written in the wrong order, or pass --date-order dmy or mdy to read the whole column in one order.",
                "orders.csv:5: column 'placed_at': '12/25/2024' can only be read month first, but this column is day first (line 2: '25/12/2024'); pass --date-format to say which.",
                "orders.csv:6: column 'placed_at': '07/08/2024' reads both day first and month first, and this column has values that can only be read day first (line 2: '25/12/2024') and values that can only be read month first (line 5: '12/25/2024'); correct the values written in the wrong order, or pass --date-order dmy or mdy to read the whole column in one order.",
            ],
            Issues(read));
        var orders = read.Files.Single(f => f.Kind == ImportFileKind.Orders);
        Assert.Equal((6, 3), (orders.RowsRead, orders.RowsRejected));
    }

    [Fact]
    public void PresetOrder_ConfirmedThenContradicted_RejectsTheTwoWayValuesReadAfterTheConfirmation()
    {
        // An order that came with a preset or a mapping is checked against the column.
        var options = AtFixedExport with { Mapping = new ImportMapping { Format = new ImportFormat { DateOrder = DateOrder.DayFirst } } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\n"
            + "O1,K1,25/12/2024,100000\n"   // line 2: confirms day first
            + "O2,K1,05/06/2024,100000\n"   // line 3: read day first, retracted at the end
            + "O3,K2,06/15/2024,100000\n")); // line 4: month first only

        Assert.Equal(new Dictionary<string, LocalDate> { ["O1"] = new(2024, 12, 25) }, PlacedOn(read));
        Assert.Equal(
            [
                "orders.csv:3: column 'placed_at': '05/06/2024' reads both day first and month first, and this column has values that can only be read month first (line 4: '06/15/2024') though the date order is set to day first; pass --date-order mdy if the file is written month first.",
                "orders.csv:4: column 'placed_at': '06/15/2024' can only be read month first, but the date order is set to day first; pass --date-order mdy if the file is written month first.",
            ],
            Issues(read));
    }

    [Fact]
    public void UsersOwnOrder_IsReadAsGiven_AndRejectsOnlyTheValuesItCannotRead()
    {
        // Trial 30: the hint said to pass --date-order, and then the column was still rejected as mixed. The user's own
        // --date-order reads every value it can (05/06/2024: 5 June) and rejects only the ones it cannot.
        var options = AtFixedExport with { Format = new ImportFormat { DateOrder = DateOrder.DayFirst } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,25/12/2024,100000\nO2,K1,05/06/2024,100000\nO3,K2,06/15/2024,100000\nO4,K2,07/08/2024,100000\n"));

        Assert.Equal(
            new Dictionary<string, LocalDate> { ["O1"] = new(2024, 12, 25), ["O2"] = new(2024, 6, 5), ["O4"] = new(2024, 8, 7) },
            PlacedOn(read));
        Assert.Equal(
            ["orders.csv:4: column 'placed_at': '06/15/2024' can only be read month first, but the date order is set to day first; pass --date-order mdy if the file is written month first."],
            Issues(read));
    }

    [Fact]
    public void VndColumn_AStrayEnglishAmount_DoesNotMakeTheColumnMixed()
    {
        // Trial 30: one '1,250.50' in a Vietnamese-style VND column took back every '250.000 ₫'. Neither is two-way in VND:
        // 250.000 read English-style has three decimals, and 1,250.50 has two; VND has none.
        var options = AtFixedExport with { Mapping = new ImportMapping { Format = new ImportFormat { NumberFormat = NumberFormat.Vietnamese } } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,2024-06-01,250.000 ₫\nO2,K1,2024-06-02,\"1,250.50\"\nO3,K2,2024-06-03,1.250.000\n"));

        Assert.Equal([250_000m, 1_250_000m], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Total.Amount).Order());
        Assert.Equal([3], read.Issues.Select(i => i.Line));
    }

    [Fact]
    public void ColumnInOneOrder_KeepsEveryTwoWayValue()
    {
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,25/12/2024,100000\nO2,K1,05/06/2024,100000\nO3,K2,13/06/2024,100000\nO4,K2,07/08/2024,100000\n"));

        Assert.Empty(read.Issues);
        Assert.Equal(
            new Dictionary<string, LocalDate> { ["O1"] = new(2024, 12, 25), ["O2"] = new(2024, 6, 5), ["O3"] = new(2024, 6, 13), ["O4"] = new(2024, 8, 7) },
            PlacedOn(read));
    }

    [Fact]
    public void LineItemOrder_OneRowRetracted_IsNotImportedWhole()
    {
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,sku,quantity,unit_price,total\n"
            + "O1,K1,25/12/2024,A,1,100000,100000\n"
            + "O2,K1,05/06/2024,A,1,100000,200000\n"   // line 3: O2's first row, read day first
            + "O2,,,B,1,100000,\n"                     // line 4: O2's second row
            + "O3,K2,12/25/2024,A,1,100000,100000\n")); // line 5: month first only

        Assert.Equal(["O1"], PlacedOn(read).Keys);
        var issues = Issues(read);
        Assert.Contains("orders.csv:3: order 'O2' was not imported, because one of its rows was rejected.", issues);
        Assert.Contains(issues, i => i.StartsWith("orders.csv:3: column 'placed_at': '05/06/2024' reads both", StringComparison.Ordinal));
        Assert.Equal(3, read.Files.Single(f => f.Kind == ImportFileKind.Orders).RowsRejected); // lines 3 and 4 (O2), 5
    }

    [Fact]
    public void OptionalCustomerDates_Retracted_AreLeftEmpty_AndTheCustomerIsKept()
    {
        var read = Read(AtFixedExport, ("customers.csv",
            "customer_id,name,created_at,birth_date\n"
            + "K1,An,2024-01-01T00:00:00Z,25/12/1990\n"
            + "K2,Binh,2024-01-01T00:00:00Z,05/06/1991\n"   // line 3: 5 June or 6 May
            + "K3,Chi,2024-01-01T00:00:00Z,12/25/1992\n"));  // line 4: month first only

        Assert.Equal(["K1", "K2", "K3"], read.Customers.Select(c => c.Id.Value));
        Assert.Equal(new LocalDate(1990, 12, 25), read.Customers[0].BirthDate);
        Assert.Null(read.Customers[1].BirthDate);
        Assert.Null(read.Customers[2].BirthDate);
        var k2 = Assert.Single(read.Issues, i => i.Line == 3);
        Assert.Equal(ImportIssueSeverity.Warning, k2.Severity);
        Assert.EndsWith("to read the whole column in one order. The field was left empty; the row was kept.", k2.Reason, StringComparison.Ordinal);
        Assert.Equal(0, read.Files.Single(f => f.Kind == ImportFileKind.Customers).RowsRejected);
    }

    [Fact]
    public void CreatedAtRetracted_TakesTheExportTime_AsAMissingOneDoes()
    {
        var read = Read(AtFixedExport, ("customers.csv",
            "customer_id,name,created_at\nK1,An,25/12/2024\nK2,Binh,05/06/2024\nK3,Chi,12/25/2024\n"));

        Assert.Equal(new LocalDate(2024, 12, 25), read.Customers[0].CreatedAt.InZone(Saigon).Date);
        Assert.Equal(AtFixedExport.ExportedAt, read.Customers[1].CreatedAt);
        Assert.Equal(AtFixedExport.ExportedAt, read.Customers[2].CreatedAt);
    }

    [Fact]
    public void HistoryFile_RetractedRows_AreNotPutOnTheCustomers()
    {
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("interactions.csv",
            "interaction_id,customer_id,channel,direction,outcome,at\n"
            + "I1,K1,sms,outbound,reached,25/12/2024\n"
            + "I2,K1,sms,outbound,reached,05/06/2024\n"     // line 3: retracted
            + "I3,K2,sms,outbound,reached,12/25/2024\n"     // line 4: month first only
            + "I4,K2,sms,outbound,reached,13/06/2024\n"));  // line 5: kept

        Assert.Equal(
            [new LocalDate(2024, 12, 25), new LocalDate(2024, 6, 13)],
            read.Customers.SelectMany(c => c.History.Interactions).Select(i => i.At.InZone(Saigon).Date));
        Assert.Equal([3, 4], read.Issues.Where(i => i.Severity == ImportIssueSeverity.Error).Select(i => i.Line).Order());
    }

    [Fact]
    public void AmountColumn_MixingBothStyles_RejectsTheAmountsReadableBothWays()
    {
        // In Kuwaiti dinars (three decimals) 125.000 is 125000 Vietnamese-style or 125.000 English-style: both amounts.
        var read = Read(Kwd, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\n"
            + "O1,K1,2024-06-01,1.250.000\n"   // line 2: Vietnamese style only
            + "O2,K1,2024-06-02,125.000\n"     // line 3: 125000 or 125 — read Vietnamese, retracted
            + "O3,K2,2024-06-03,\"1,250.50\"\n")); // line 4: English style only

        Assert.Equal([1_250_000m], read.Customers.SelectMany(c => c.History.Orders).Select(o => o.Total.Amount));
        Assert.Equal(
            "orders.csv:3: column 'total': '125.000' could be 125000 (Vietnamese style) or 125 (English style), and this column has values written in the Vietnamese style (line 2: '1.250.000') and values written in the English style (line 4: '1,250.50'); correct the values written in the wrong style, or pass --number-format vi or en to read the whole column in one style.",
            Issues(read)[0]);
    }

    [Fact]
    public void OrderLines_PriceRetracted_TakesTheLineOffItsOrder()
    {
        var read = Read(Kwd, ("customers.csv", TwoCustomers),
            ("orders.csv", "order_id,customer_id,placed_at,total\nO1,K1,2024-06-01,1000000\nO2,K2,2024-06-02,1000000\n"),
            ("order_lines.csv", "order_id,sku,quantity,unit_price\nO1,A,1,1.250.000\nO1,B,1,125.000\nO2,C,1,\"1,250.50\"\n"));

        var lines = read.Customers.SelectMany(c => c.History.Orders).ToDictionary(o => o.Id.Value, o => o.Lines.Select(l => l.Sku).ToArray());
        Assert.Equal(["A"], lines["O1"]);
        Assert.Empty(lines["O2"]);
        Assert.Equal([3, 4], read.Issues.Where(i => i.Severity == ImportIssueSeverity.Error).Select(i => i.Line).Order());
    }

    [Fact]
    public void SingleFileApi_LeavesOutTheRetractedRows()
    {
        var result = new CsvImporter(AtFixedExport).ReadInteractions(
            new StringReader("interaction_id,customer_id,channel,direction,outcome,at\nI1,K1,sms,outbound,reached,25/12/2024\nI2,K1,sms,outbound,reached,05/06/2024\nI3,K2,sms,outbound,reached,12/25/2024\n"), "interactions.csv");

        Assert.Equal([new LocalDate(2024, 12, 25)], result.Records.Select(i => i.At.InZone(Saigon).Date));
        Assert.Equal([3, 4], result.Issues.Select(i => i.Line));
    }

    [Fact]
    public void PurchaseLog_Streams_AndReportsTheRowsTakenBackAtTheEnd()
    {
        var issues = new List<ImportIssue>();
        var text = "customer_id,placed_at,total\nK1,25/12/2024,100000\nK1,05/06/2024,100000\nK2,13/06/2024,100000\nK2,12/25/2024,100000\n";

        var rows = PurchaseTable.Read(new StringReader(text), "log.csv", issues, CsvImportOptions.Default, Saigon).ToList();

        // Streamed: line 3 was yielded before line 5 showed the column mixed; its error comes at the end of the file.
        Assert.Equal([2, 3, 4], rows.Select(r => r.Line));
        Assert.Equal([(5, ImportIssueSeverity.Error), (3, ImportIssueSeverity.Error)], issues.Select(i => (i.Line, i.Severity)));
    }

    [Fact]
    public void LineItemOrder_ContinuationRowReadLast_DoesNotMakeTheColumnOptional()
    {
        // Review: O3's first row fails, so its second row reads placed_at as optional; O2 (required) is still taken back.
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,sku,quantity,unit_price,total\n"
            + "O1,K1,25/12/2024,A,1,100000,100000\n"
            + "O2,K1,05/06/2024,A,1,100000,100000\n"
            + "O3,K2,12/25/2024,A,1,100000,200000\n"
            + "O3,K2,12/25/2024,B,1,100000,\n"));

        Assert.Equal(["O1"], PlacedOn(read).Keys);
        Assert.Equal(ImportIssueSeverity.Error, Assert.Single(read.Issues, i => i.Line == 3).Severity);
    }

    [Fact]
    public void CustomAttributeColumn_MixingBothOrders_LeavesTheEarlierTwoWayValuesEmpty()
    {
        var options = AtFixedExport with
        {
            Customers = new CustomerColumns { Attributes = ImmutableDictionary<string, (string Name, AttributeKind Kind)>.Empty.Add("visit", ("visit", AttributeKind.Date)) },
        };
        var read = Read(options, ("customers.csv",
            "customer_id,name,created_at,visit\nK1,An,2024-01-01,25/12/2024\nK2,Binh,2024-01-01,05/06/2024\nK3,Chi,2024-01-01,12/25/2024\nK4,Dung,2024-01-01,07/08/2024\n"));

        Assert.Equal(["K1", "K2", "K3", "K4"], read.Customers.Select(c => c.Id.Value));
        Assert.Equal([true, false, false, false], read.Customers.Select(c => c.Attributes.ContainsKey("visit")));
        Assert.Equal([3, 4, 5], read.Issues.Where(i => i.Severity == ImportIssueSeverity.Warning).Select(i => i.Line).Order());
        Assert.All(read.Issues, i => Assert.EndsWith(". The attribute was left empty; the row was kept.", i.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void MappingsDayFirstPattern_ValueOnlyMonthFirst_MakesTheColumnMixed()
    {
        // Review: with a pattern dd/MM/yyyy, 06/15/2024 fell back to the built-in forms and was read month first,
        // beside 05/06/2024 read day first by the pattern, without a word.
        var options = AtFixedExport with { Mapping = new ImportMapping { Format = new ImportFormat { DateFormats = ["dd/MM/yyyy"] } } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,05/06/2024,100000\nO2,K1,06/15/2024,100000\nO3,K2,07/08/2024,100000\nO4,K2,25/08/2024,100000\n"));

        Assert.Equal(new Dictionary<string, LocalDate> { ["O4"] = new(2024, 8, 25) }, PlacedOn(read));
        Assert.Equal([2, 3, 4], read.Issues.Select(i => i.Line).Order());
    }

    [Fact]
    public void UsersDayFirstPattern_ConfirmedByTheColumn_RejectsOnlyTheValueItCannotRead()
    {
        var options = AtFixedExport with { Format = new ImportFormat { DateFormats = ["dd/MM/yyyy"] } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,05/06/2024,100000\nO2,K1,06/15/2024,100000\nO3,K2,07/08/2024,100000\nO4,K2,25/08/2024,100000\n"));

        Assert.Equal(new Dictionary<string, LocalDate> { ["O1"] = new(2024, 6, 5), ["O3"] = new(2024, 8, 7), ["O4"] = new(2024, 8, 25) }, PlacedOn(read));
        Assert.Equal([3], read.Issues.Select(i => i.Line));
    }

    [Fact]
    public void UsersOwnOrder_NeverConfirmedAndContradicted_ReadsNoTwoWayValue()
    {
        // Fourth trial: --date-order dmy over a file written month first throughout. Nothing in the column can be read
        // day first alone, and a value can only be read month first: the values readable both ways are not read.
        var options = AtFixedExport with { Format = new ImportFormat { DateOrder = DateOrder.DayFirst } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,05/04/2024,100000\nO2,K1,06/15/2024,100000\nO3,K2,07/08/2024,100000\n"));

        Assert.Empty(PlacedOn(read));
        Assert.Equal(
            [
                "orders.csv:2: column 'placed_at': '05/04/2024' reads both day first and month first, and this column has values that can only be read month first (line 3: '06/15/2024') though the date order is set to day first; pass --date-order mdy if the file is written month first.",
                "orders.csv:3: column 'placed_at': '06/15/2024' can only be read month first, but the date order is set to day first; pass --date-order mdy if the file is written month first.",
                "orders.csv:4: column 'placed_at': '07/08/2024' reads both day first and month first, and this column has values that can only be read month first (line 3: '06/15/2024') though the date order is set to day first; pass --date-order mdy if the file is written month first.",
            ],
            Issues(read));
    }

    [Fact]
    public void CustomAttributeColumn_UsersOwnOrderConfirmed_IsReadAsGiven()
    {
        // Review: attribute columns were built without the user's --date-order, so it was checked there.
        var options = AtFixedExport with
        {
            Format = new ImportFormat { DateOrder = DateOrder.DayFirst },
            Customers = new CustomerColumns { Attributes = ImmutableDictionary<string, (string Name, AttributeKind Kind)>.Empty.Add("visit", ("visit", AttributeKind.Date)) },
        };
        var read = Read(options, ("customers.csv",
            "customer_id,name,created_at,visit\nK1,An,2024-01-01,25/12/2024\nK2,Binh,2024-01-01,05/06/2024\nK3,Chi,2024-01-01,06/15/2024\nK4,Dung,2024-01-01,07/08/2024\n"));

        Assert.Equal([true, true, false, true], read.Customers.Select(c => c.Attributes.ContainsKey("visit")));
        Assert.Equal([4], read.Issues.Select(i => i.Line));
    }

    [Fact]
    public void ExplicitDayFirstPattern_ColumnInThatOrder_KeepsEverything()
    {
        var options = AtFixedExport with { Format = new ImportFormat { DateFormats = ["dd/MM/yyyy"] } };
        var read = Read(options, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,05/06/2024,100000\nO2,K1,25/08/2024 10:30,100000\nO3,K2,2024-08-07,100000\n"));

        Assert.Empty(read.Issues);
        Assert.Equal(
            new Dictionary<string, LocalDate> { ["O1"] = new(2024, 6, 5), ["O2"] = new(2024, 8, 25), ["O3"] = new(2024, 8, 7) },
            PlacedOn(read));
    }

    [Fact]
    public void MixedMessage_InVietnamese()
    {
        var read = Read(AtFixedExport, ("customers.csv", TwoCustomers), ("orders.csv",
            "order_id,customer_id,placed_at,total\nO1,K1,25/12/2024,100000\nO2,K1,05/06/2024,100000\nO3,K2,12/25/2024,100000\n"));

        Assert.EndsWith(
            "'05/06/2024' đọc được cả theo ngày/tháng/năm lẫn tháng/ngày/năm, mà cột này vừa có giá trị chỉ đọc được theo ngày/tháng/năm (dòng 2: '25/12/2024') vừa có giá trị chỉ đọc được theo tháng/ngày/năm (dòng 4: '12/25/2024'); hãy sửa các giá trị ghi sai thứ tự, hoặc dùng --date-order dmy hay mdy để đọc cả cột theo một thứ tự.",
            read.Issues.Single(i => i.Line == 3).Describe(CultureInfo.GetCultureInfo("vi-VN")),
            StringComparison.Ordinal);
    }

    /// <summary>
    /// Any column of dates written at random day first, month first or both ways: when both orders are proven, no kept
    /// row holds a date that the other order reads differently; when one is, every row is kept at that order's date.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property NoKeptValueOfAMixedColumn_ReadsDifferentlyTheOtherWay()
    {
        var dates = Gen.Choose(1, 28).SelectMany(d => Gen.Choose(1, 12).Select(m => new LocalDate(2024, m, d)));
        var rows = dates.SelectMany(date => Gen.Elements(true, false).Select(dayFirst => (date, dayFirst))).NonEmptyListOf();
        return Prop.ForAll(rows.ToArbitrary(), written =>
        {
            var text = "customer_id,placed_at,total\n" + string.Concat(written.Select(w =>
                $"K1,{(w.dayFirst ? $"{w.date.Day:00}/{w.date.Month:00}" : $"{w.date.Month:00}/{w.date.Day:00}")}/2024,1\n"));
            var result = new CsvImporter(AtFixedExport).ReadOrders(new StringReader(text), "orders.csv");
            var kept = result.Records.Select(o => (Line: int.Parse(o.Id.Value[(o.Id.Value.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture), Date: o.PlacedAt.InZone(Saigon).Date)).ToList();
            var ambiguous = written.Select(w => w.date.Day <= 12 && w.date.Day != w.date.Month).ToList();
            var provesDay = written.Where((w, i) => !ambiguous[i] && w.date.Day > 12 && w.dayFirst).Any();
            var provesMonth = written.Where((w, i) => !ambiguous[i] && w.date.Day > 12 && !w.dayFirst).Any();
            var byLine = kept.ToDictionary(r => r.Line - 2, r => r.Date);
            if (provesDay && provesMonth)
            {
                return byLine.Keys.All(i => !ambiguous[i]);
            }

            // One order proven (or none: day first by default): every row kept; the ones written the other way only
            // where they read the same both ways.
            var dayFirstColumn = !provesMonth;
            return byLine.Count == written.Count(w => !(w.date.Day > 12 && w.dayFirst != dayFirstColumn))
                && byLine.All(kv => written[kv.Key].dayFirst == dayFirstColumn || written[kv.Key].date.Day == written[kv.Key].date.Month
                    ? kv.Value == written[kv.Key].date
                    : kv.Value != written[kv.Key].date);
        });
    }
}
