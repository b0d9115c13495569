using System.Runtime.InteropServices;
using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// What the import keeps once instead of once per row — repeated list cells, identical order lines, locations,
/// customer ids of history rows — and that sharing changes no value and hides no row's issue.
/// </summary>
public class ImportSharingTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private static CustomerDataSet ReadFolder(params (string Name, string Csv)[] files)
    {
        using var folder = new TemporaryFolder();
        foreach (var (name, csv) in files)
        {
            folder.Write(name, Encoding.UTF8.GetBytes(csv));
        }

        return CustomerDataSet.ReadFolder(folder.Path, AtFixedExport);
    }

    [Fact]
    public void ReadCustomers_SameListCellWithABadItemOnTwoRows_ReportsItOnEachRowAndKeepsTheGoodItem()
    {
        const string csv = """
            customer_id,name,created_at,phone,tags
            KH1,An,2024-01-05,0912;0987 654 321,vip;gift
            KH2,Bình,2024-01-06,0912;0987 654 321,vip;gift
            KH3,Cường,2024-01-07,0912;0987 654 321,vip;gift
            """;

        var result = new CsvImporter().ReadCustomers(new StringReader(csv), "customers.csv");

        Assert.Equal(["KH1", "KH2", "KH3"], result.Records.Select(c => c.Id.Value));
        Assert.All(result.Records, c => Assert.Equal(["+84987654321"], c.Phones.Select(p => p.E164).ToArray()));
        Assert.All(result.Records, c => Assert.Equal(["gift", "vip"], c.Tags.ToArray()));
        Assert.Equal([2, 3, 4], result.Issues.Select(i => i.Line));
        Assert.All(result.Issues, i => Assert.Equal("phone", i.Column));
    }

    [Fact]
    public void ReadCustomers_RepeatedEnumCells_EachRowGetsItsOwnValueAndEveryBadCellIsReported()
    {
        // The same texts on several rows, in different spellings, a built-in Vietnamese word, and an unknown word twice:
        // a value remembered from an earlier row must be that row's text's value, and a bad text is never remembered.
        const string csv = """
            customer_id,name,created_at,gender,stage
            KH1,An,2024-01-05,nữ,retention
            KH2,Bình,2024-01-06,male,Retention
            KH3,Cường,2024-01-07,woman,retention
            KH4,Dung,2024-01-08,nữ,conversion
            KH5,Em,2024-01-09,woman,phone_call
            KH6,Giang,2024-01-10,Nam,retention
            KH7,Hà,2024-01-11,male,conversion
            """;

        var result = new CsvImporter().ReadCustomers(new StringReader(csv), "customers.csv");

        Assert.Equal(
            [Gender.Female, Gender.Male, null, Gender.Female, null, Gender.Male, Gender.Male],
            result.Records.Select(c => c.Gender));
        Assert.Equal(
            [LifecycleStage.Retention, LifecycleStage.Retention, LifecycleStage.Retention, LifecycleStage.Conversion, LifecycleStage.Acquisition, LifecycleStage.Retention, LifecycleStage.Conversion],
            result.Records.Select(c => c.Stage));
        Assert.Equal([true, true, true, true, false, true, true], result.Records.Select(c => c.StageRecorded));
        Assert.Equal([(4, "gender"), (6, "gender"), (6, "stage")], result.Issues.Select(i => (i.Line, i.Column)));
    }

    [Fact]
    public void ReadCustomers_RepeatedTagsAndLocation_AreOneInstance()
    {
        const string csv = """
            customer_id,name,created_at,province,city,area,tags
            KH1,An,2024-01-05,Hà Nội,Ba Đình,urban,vip;gift
            KH2,Bình,2024-01-06,Hà Nội,Ba Đình,urban,vip;gift
            KH3,Cường,2024-01-07,Hà Nội,,urban,gift
            """;

        var customers = new CsvImporter().ReadCustomers(new StringReader(csv), "customers.csv").Records;

        Assert.Same(customers[0].Location, customers[1].Location);
        Assert.NotSame(customers[0].Location, customers[2].Location);
        Assert.Equal(new Location("Hà Nội", null, AreaType.Urban), customers[2].Location);
        Assert.Same(
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(customers[0].Tags),
            System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(customers[1].Tags));
        Assert.Equal(["gift"], customers[2].Tags.ToArray());
    }

    [Fact]
    public void ReadOrderLines_IdenticalLines_AreOneInstanceAndOthersKeepTheirValues()
    {
        const string csv = """
            order_id,sku,product_name,quantity,unit_price,tags
            HD1,DEN-LONG,,1,130000,decoration;gift
            HD2,DEN-LONG,,1,130000,decoration;gift
            HD2,DEN-LONG,,2,130000,decoration;gift
            HD3,DEN-LONG,,1,130000,gift
            HD3,DEN-LONG,Đèn lồng,1,130000,decoration;gift
            """;

        var lines = new CsvImporter().ReadOrderLines(new StringReader(csv), "order_lines.csv", _ => Currency.Vnd).Records;

        Assert.Same(lines[0].Line, lines[1].Line);
        Assert.Equal(
            ["HD1 DEN-LONG 1 130000 decoration,gift", "HD2 DEN-LONG 1 130000 decoration,gift", "HD2 DEN-LONG 2 130000 decoration,gift", "HD3 DEN-LONG 1 130000 gift", "HD3 DEN-LONG 1 130000 decoration,gift Đèn lồng"],
            lines.Select(l => $"{l.OrderId} {l.Line.Sku} {l.Line.Quantity} {l.Line.UnitPrice.Amount} {string.Join(',', l.Line.Tags)}{(l.Line.ProductName is { } n ? " " + n : string.Empty)}"));
        Assert.Equal(4, lines.Select(l => l.Line).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void ExactOrderLine_SameAmountWithAnotherScale_IsNotTheSameLine()
    {
        // OrderLine equality says 1.5 USD = 1.50 USD (decimal equality); a shared line must keep the digits as read.
        var one = new OrderLine("SKU", 1, new Money(1.5m, Currency.Usd));
        var other = new OrderLine("SKU", 1, new Money(1.50m, Currency.Usd));

        Assert.Equal(one, other);
        Assert.False(ExactOrderLine.Instance.Equals(one, other));
        Assert.True(ExactOrderLine.Instance.Equals(one, new OrderLine("SKU", 1, new Money(1.5m, Currency.Usd))));
        Assert.False(ExactOrderLine.Instance.Equals(one, new OrderLine("SKU", 1, new Money(1.5m, Currency.Eur))));
        Assert.False(ExactOrderLine.Instance.Equals(one, new OrderLine("SKU", 1, new Money(1.5m, Currency.Usd), tags: ["gift"])));
    }

    [Fact]
    public void ReadFolder_HistoryRowsAndOrders_HoldTheirCustomersOwnIdString()
    {
        var read = ReadFolder(
            ("customers.csv", "customer_id,name,created_at\nKH1,An,2024-01-05\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH1,2024-02-01,100000\n"),
            ("interactions.csv", "interaction_id,customer_id,at,channel,direction,outcome\nTT1,KH1,2024-02-02T10:00:00+07:00,zalo,outbound,reached\n"),
            ("tickets.csv", "ticket_id,customer_id,opened_at,channel\nYC1,KH1,2024-02-03T10:00:00+07:00,phone_call\n"),
            ("feedback.csv", "feedback_id,customer_id,at,kind,score\nDG1,KH1,2024-02-04T10:00:00+07:00,star_rating,5\n"));

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        var customer = Assert.Single(read.Customers);
        Assert.Same(customer.Id.Value, Assert.Single(customer.History.Orders).CustomerId.Value);
        Assert.Same(customer.Id.Value, Assert.Single(customer.History.Interactions).CustomerId.Value);
        Assert.Same(customer.Id.Value, Assert.Single(customer.History.Tickets).CustomerId.Value);
        Assert.Same(customer.Id.Value, Assert.Single(customer.History.Feedback).CustomerId.Value);
    }

    [Theory]
    [InlineData("KH1,KH2,KH3", "KH0")]   // file in id order; a customer derived from the orders sorts before them
    [InlineData("KH3,KH1,KH2", "KH4")]   // file out of order
    [InlineData("KH1,KH2,KH3", "KH9")]   // everything already in order
    public void ReadFolder_Customers_AreInOrdinalIdOrder(string fileOrder, string fromOrders)
    {
        var rows = string.Join('\n', fileOrder.Split(',').Select(id => $"{id},Khách {id},2024-01-05"));
        var read = ReadFolder(
            ("customers.csv", $"customer_id,name,created_at\n{rows}\n"),
            ("orders.csv", $"order_id,customer_id,placed_at,total,currency,status\nHD1,{fromOrders},2024-02-01,100000,VND,completed\n"));

        var expected = fileOrder.Split(',').Append(fromOrders).Order(StringComparer.Ordinal);
        Assert.Equal(expected, read.Customers.Select(c => c.Id.Value));
    }

    [Fact]
    public void ReadFolder_OrderLinesOfBothFiles_AreOnTheirOrderInFileOrder()
    {
        // HD1's lines: S1 from its row of the line-item orders file, then S2 and S4 from the order lines file, whose
        // rows of HD1 come in two runs with a row of HD2 between them.
        var read = ReadFolder(
            ("customers.csv", "customer_id,name,created_at\nKH1,An,2024-01-05\nKH2,Bình,2024-01-05\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total,sku,quantity,unit_price\nHD1,KH1,2024-02-01,400000,S1,1,100000\nHD2,KH2,2024-02-02,300000,,,\nHD3,KH1,2024-02-03,50000,,,\n"),
            ("order_lines.csv", "order_id,sku,quantity,unit_price\nHD1,S2,1,100000\nHD2,S3,3,100000\nHD1,S4,2,100000\n"));

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        var orders = read.Customers.SelectMany(c => c.History.Orders).ToDictionary(o => o.Id.Value);
        Assert.Equal(["S1", "S2", "S4"], orders["HD1"].Lines.Select(l => l.Sku));
        Assert.Equal(["S3"], orders["HD2"].Lines.Select(l => l.Sku));
        Assert.True(orders["HD3"].Lines.IsEmpty);
        Assert.Equal(["HD1", "HD3"], read.Customers[0].History.Orders.Select(o => o.Id.Value));
    }

    [Fact]
    public void ReadFolder_HistoryOfInterleavedRows_GoesToEachCustomerAndEmptyKindsAreEmpty()
    {
        var read = ReadFolder(
            ("customers.csv", "customer_id,name\nKH1,An\nKH2,Bình\nKH3,Chi\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH2,2024-02-01,100000\nHD2,KH1,2024-03-01,100000\nHD3,KH2,2024-01-01,100000\n"),
            ("interactions.csv", "interaction_id,customer_id,at,channel,direction,outcome\nTT2,KH2,2024-02-02T10:00:00+07:00,zalo,outbound,reached\nTT1,KH1,2024-02-02T10:00:00+07:00,zalo,outbound,reached\nTT3,KH2,2024-02-01T10:00:00+07:00,zalo,outbound,reached\n"),
            ("consents.csv", "customer_id,channel,purpose,status,at\nKH2,zalo,marketing,granted,2024-02-02T10:00:00+07:00\nKH1,sms,marketing,withdrawn,2024-02-02T10:00:00+07:00\n"));

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        var (an, binh, chi) = (read.Customers[0], read.Customers[1], read.Customers[2]);
        Assert.Equal(["HD2"], an.History.Orders.Select(o => o.Id.Value));
        Assert.Equal(["HD3", "HD1"], binh.History.Orders.Select(o => o.Id.Value)); // by time
        Assert.Equal(["TT1"], an.History.Interactions.Select(i => i.Id.Value));
        Assert.Equal(["TT3", "TT2"], binh.History.Interactions.Select(i => i.Id.Value));
        Assert.Equal([ContactChannel.Sms], an.Consents.Current.Select(d => d.Channel));
        Assert.Equal([ContactChannel.Zalo], binh.Consents.Current.Select(d => d.Channel));

        // Created at: no created_at column, so the earlier of the export (2026-01-01) and the first order.
        Assert.Equal(Instant.FromUtc(2024, 2, 29, 17, 0), an.CreatedAt);
        Assert.Equal(AtFixedExport.ExportedAt, chi.CreatedAt);

        // A customer without rows of a kind has an empty history of it (not a default array).
        Assert.True(chi.History.IsEmpty);
        Assert.Empty(chi.History.Interactions);
        Assert.Empty(chi.History.Feedback);
        Assert.Empty(chi.History.Tickets);
        Assert.Empty(chi.History.Referrals);
        Assert.Empty(chi.Consents.Current);
    }

    [Fact]
    public void ReadOrderLines_OrdersOfOneIdenticalLine_ShareTheirLinesArray()
    {
        var read = ReadFolder(
            ("customers.csv", "customer_id,name,created_at\nKH1,An,2024-01-05\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total\nHD1,KH1,2024-02-01,100000\nHD2,KH1,2024-02-02,100000\nHD3,KH1,2024-02-03,200000\nHD4,KH1,2024-02-04,300000\n"),
            ("order_lines.csv", "order_id,sku,quantity,unit_price\nHD1,S1,1,100000\nHD2,S1,1,100000\nHD3,S1,2,100000\nHD4,S1,1,100000\nHD4,S2,1,200000\n"));

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        var orders = read.Customers[0].History.Orders.ToDictionary(o => o.Id.Value);
        Assert.Same(ImmutableCollectionsMarshal.AsArray(orders["HD1"].Lines), ImmutableCollectionsMarshal.AsArray(orders["HD2"].Lines));
        Assert.NotSame(ImmutableCollectionsMarshal.AsArray(orders["HD1"].Lines), ImmutableCollectionsMarshal.AsArray(orders["HD3"].Lines));
        Assert.Equal("S1 2", string.Join(";", orders["HD3"].Lines.Select(l => $"{l.Sku} {l.Quantity}")));
        Assert.Equal("S1 1;S2 1", string.Join(";", orders["HD4"].Lines.Select(l => $"{l.Sku} {l.Quantity}")));
    }
}
