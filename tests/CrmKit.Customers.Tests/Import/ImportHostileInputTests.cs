using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Hostile or broken values are rejected alone, at their file, line and column: one bad child row never drops its
/// parent's other children; repeated ids are reported; amounts and instants outside <see cref="DataLimits"/> and
/// control characters never reach the model (which refuses them too); a cell beyond the field limit stops the file
/// with a located error.
/// </summary>
public class ImportHostileInputTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private const string Customers = "customer_id,name,created_at\nK1,An,2025-01-01T00:00:00Z\nK2,Binh,2025-01-01T00:00:00Z\n";

    private static CustomerDataSet Read(params (string Name, string Text)[] files)
    {
        using var folder = new TemporaryFolder();
        foreach (var (name, text) in files)
        {
            folder.Write(name, Encoding.UTF8.GetBytes(text));
        }

        return CustomerDataSet.ReadFolder(folder.Path, AtFixedExport);
    }

    private static string[] Issues(CustomerDataSet read) => [.. read.Issues.Select(i => i.ToString())];

    // Found by the fuzz suite (issue 18): an unclosed quote in the header swallows the data rows into one header cell,
    // which messages echoed with every name and phone in it.
    [Fact]
    public void Read_UnclosedQuoteInHeader_EchoesTheCellUpToItsLineBreakOnly()
    {
        var read = Read(("customers.csv", "customer_id,\"name,created_at,phone\nK1,Trần Thị Hà,2025-01-01T00:00:00Z,+84935665215\nK2,Bùi Quốc Quang,2025-01-01T00:00:00Z,+84939857470\n"));

        var messages = string.Join("\n", Issues(read)) + string.Join("\n", read.Files.SelectMany(f => f.UnusedColumns));
        Assert.DoesNotContain("Trần Thị Hà", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("Bùi Quốc Quang", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("84935665215", messages, StringComparison.Ordinal);
        Assert.Contains("'name,created_at,phone… (the cell runs over 3 lines: an unclosed quote?)'", messages, StringComparison.Ordinal);
        Assert.Empty(read.Customers);
    }

    [Fact]
    public void Read_OneOrderInAnotherCurrency_IsRejectedAloneAndTheRestOfTheHistoryKept()
    {
        var read = Read(
            ("customers.csv", Customers),
            ("orders.csv", "order_id,customer_id,placed_at,total,currency\nO1,K1,2025-01-02T00:00:00Z,100000,VND\nO2,K1,2025-01-03T00:00:00Z,100000,VND\nO3,K1,2025-01-04T00:00:00Z,10,USD\n"),
            ("interactions.csv", "interaction_id,customer_id,at,channel,direction,outcome\nI1,K1,2025-01-05T00:00:00Z,sms,outbound,reached\n"));

        Assert.Equal(["orders.csv:4: order 'O3' is in USD, but customer 'K1' buys in VND (their first order); one customer's history has one currency. The order was not imported."], Issues(read));
        var k1 = read.Customers.Single(c => c.Id.Value == "K1");
        Assert.Equal(["O1", "O2"], k1.History.Orders.Select(o => o.Id.Value));
        Assert.Equal("I1", Assert.Single(k1.History.Interactions).Id.Value);
    }

    [Fact]
    public void Read_RepeatedIdsOfInteractionsFeedbackAndTickets_AreRejectedLikeRepeatedOrderIds()
    {
        var read = Read(
            ("customers.csv", Customers),
            ("interactions.csv", "interaction_id,customer_id,at,channel,direction,outcome\nI1,K1,2025-01-05T00:00:00Z,sms,outbound,reached\nI1,K2,2025-01-06T00:00:00Z,sms,outbound,reached\n"),
            ("tickets.csv", "ticket_id,customer_id,opened_at,channel\nT1,K1,2025-01-05T00:00:00Z,email\nT1,K1,2025-01-06T00:00:00Z,email\n"),
            ("feedback.csv", "feedback_id,customer_id,at,kind,score\nF1,K1,2025-01-05T00:00:00Z,nps,0\nF1,K1,2025-01-05T00:00:00Z,nps,0\n"),
            ("referrals.csv", "referrer_id,referred_id,at\nK1,K2,2025-01-05T00:00:00Z\nK1,K2,2025-01-06T00:00:00Z\n"));

        Assert.Equal(
            [
                "interactions.csv:3: column 'interaction_id': interaction 'I1' appears earlier in the file (line 2); this row was skipped.",
                "tickets.csv:3: column 'ticket_id': ticket 'T1' appears earlier in the file (line 2); this row was skipped.",
                "feedback.csv:3: column 'feedback_id': feedback 'F1' appears earlier in the file (line 2); this row was skipped.",
                "referrals.csv:3: column 'referred_id': referral 'K1 → K2' appears earlier in the file (line 2); this row was skipped.",
            ],
            Issues(read));
        var k1 = read.Customers.Single(c => c.Id.Value == "K1");
        Assert.Equal((1, 1, 1, 1), (k1.History.Interactions.Length, k1.History.Tickets.Length, k1.History.Feedback.Length, k1.History.Referrals.Length));
    }

    [Fact]
    public void Read_FeedbackNamingAnOrderOrTicketNotImported_IsKeptWithAWarning()
    {
        var read = Read(
            ("customers.csv", Customers),
            ("orders.csv", "order_id,customer_id,placed_at,total\nO1,K1,2025-01-02T00:00:00Z,100000\n"),
            ("feedback.csv", "feedback_id,customer_id,at,kind,score,order_id,ticket_id\nF1,K1,2025-01-05T00:00:00Z,nps,9,O9,\nF2,K1,2025-01-05T00:00:00Z,csat,4,,T9\nF3,K1,2025-01-05T00:00:00Z,csat,5,O1,\n"));

        Assert.Equal(
            [
                "feedback.csv:2: warning: column 'order_id': order 'O9' is not among the imported orders; the feedback was kept with that reference.",
                "feedback.csv:3: warning: column 'ticket_id': ticket 'T9' is not among the imported tickets; the feedback was kept with that reference.",
            ],
            Issues(read));
        Assert.Equal(["F1=O9", "F2=T9", "F3=O1"], read.Customers.Single(c => c.Id.Value == "K1").History.Feedback.Select(f => $"{f.Id}={(object?)f.OrderId ?? f.TicketId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_AmountsAndInstantsOutsideTheLimits_AreRejectedAtTheirCells()
    {
        var read = Read(
            ("customers.csv", "customer_id,name,created_at,birth_date\nK1,An,2025-01-01T00:00:00Z,1899-12-31\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total\n"
                + "O1,K1,2025-01-02T00:00:00Z,1000000000000001\n"          // 10^15 + 1
                + "O2,K1,2025-01-02T00:00:00Z,1000000000000000\n"          // 10^15: the largest accepted
                + "O3,K1,9999-12-31T23:00:00Z,10\n"
                + "O4,K1,1899-12-31T23:59:59Z,10\n"
                + "O5,K1,2199-12-31T23:59:59Z,10\n"));

        Assert.Equal(
            [
                "customers.csv:2: warning: column 'birth_date': '1899-12-31' is outside the dates CrmKit records (from 1900-01-01 to 2199-12-31). The field was left empty; the row was kept.",
                "orders.csv:2: column 'total': '1000000000000001' is beyond the largest amount CrmKit records (at most 1,000,000,000,000,000 in any currency).",
                "orders.csv:4: column 'placed_at': '9999-12-31T23:00:00Z' is outside the instants CrmKit records (from 1900-01-01 to 2199-12-31, UTC).",
                "orders.csv:5: column 'placed_at': '1899-12-31T23:59:59Z' is outside the instants CrmKit records (from 1900-01-01 to 2199-12-31, UTC).",
            ],
            Issues(read));
        Assert.Equal(["O2", "O5"], Assert.Single(read.Customers).History.Orders.Select(o => o.Id.Value));
    }

    [Fact]
    public void Model_ValuesOutsideTheLimits_AreRefusedByTheInitAccessors()
    {
        var order = new Order { Id = new("O1"), CustomerId = new("K1"), PlacedAt = Instant.FromUtc(2025, 1, 1, 0, 0), Total = Money.Vnd(1) };

        Assert.Equal("placed at", Assert.Throws<InvalidValueException>(() => order with { PlacedAt = Instant.FromUtc(9999, 12, 31, 23, 0) }).Field);
        Assert.Equal("order total", Assert.Throws<InvalidValueException>(() => order with { Total = Money.Vnd(DataLimits.MaxAmount + 1) }).Field);
        Assert.Equal("unit price", Assert.Throws<InvalidValueException>(() => new OrderLine("S", 1, Money.Vnd(decimal.MaxValue))).Field);
        Assert.Throws<InvalidValueException>(() => new Customer { Id = new("K1"), DisplayName = "An", CreatedAt = Instant.MinValue });
        Assert.Throws<InvalidValueException>(() => new Customer { Id = new("K1"), DisplayName = "An", CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0), BirthDate = new LocalDate(-1, 1, 1) });
        // The largest amounts add up without overflow: 10^13 of them stay below decimal.MaxValue.
        Assert.True(DataLimits.MaxAmount * 10_000_000_000_000m < decimal.MaxValue);
    }

    [Theory]
    [InlineData("An\u0000x", "name", "U+0000 at character 3")]
    [InlineData("Binh\u001b[31m", "name", "U+001B at character 5")]
    [InlineData("A\u0085n", "name", "U+0085 at character 2")]
    public void Read_ControlCharacterInACell_RejectsTheRowAtThatColumn(string name, string column, string where)
    {
        var read = Read(("customers.csv", $"customer_id,name,created_at\nK1,{name},2025-01-01T00:00:00Z\nK2,Chi,2025-01-01T00:00:00Z\n"));

        Assert.Equal([$"customers.csv:2: column '{column}': the value holds the control character {where}; the row was skipped."], Issues(read));
        Assert.Equal("K2", Assert.Single(read.Customers).Id.Value);
    }

    [Fact]
    public void Read_NulInsideADate_IsNotAValidDate()
    {
        var read = Read(("customers.csv", "customer_id,name,created_at\nK1,An,2025-01-01T00:00:00+07:00\u0000junk\n"));

        Assert.Equal(["customers.csv:2: column 'created_at': the value holds the control character U+0000 at character 26; the row was skipped."], Issues(read));
        Assert.Empty(read.Customers);
    }

    [Fact]
    public void Model_ControlCharactersInIdsAndTexts_AreRefused()
    {
        Assert.Throws<InvalidValueException>(() => new CustomerId("K\u00001"));
        Assert.Throws<InvalidValueException>(() => new OrderId("O\n1"));
        Assert.Throws<InvalidValueException>(() => new Customer { Id = new("K1"), DisplayName = "A\u001bn", CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0) });
        // A line break is text in a free-text field.
        Assert.Equal("Binh\nJr.", new Customer { Id = new("K1"), DisplayName = "Binh\nJr.", CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0) }.DisplayName);
    }

    [Fact]
    public void Read_CellBeyondTheFieldLimit_StopsTheFileWithALocatedError()
    {
        var huge = new string('x', (1 << 20) + 10);
        var read = Read(("customers.csv", $"customer_id,name,created_at\nK1,An,2025-01-01T00:00:00Z\nK2,{huge},2025-01-01T00:00:00Z\nK3,Chi,2025-01-01T00:00:00Z\n"));

        var issue = Assert.Single(read.Issues);
        Assert.Equal(("customers.csv", 3, ImportIssueSeverity.Error), (issue.File, issue.Line, issue.Severity));
        Assert.Contains("longer than 1,048,576 characters", issue.Reason, StringComparison.Ordinal);
        Assert.Equal("K1", Assert.Single(read.Customers).Id.Value);
        Assert.True(read.Files[0].Unreadable || read.Files[0].RowsRejected > 0);
    }

    [Fact]
    public void Read_WordsInAnAmountColumn_AreShownAsWritten()
    {
        // Issue 21: 'hai triệu' (two million, in words) was masked as a name: 'h** t****'.
        var read = Read(
            ("customers.csv", "customer_id,name,created_at\nK1,An,2025-01-01T00:00:00Z\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total\nO1,K1,2025-01-02T00:00:00Z,hai triệu\nO2,K1,2025-01-02T00:00:00Z,Trần Thị Hà\n"));

        Assert.Equal(
            [
                "orders.csv:2: column 'total': 'hai triệu' is not an amount: it has no digits.",
                "orders.csv:3: column 'total': 'T*** T** H*' is not an amount: it has no digits.",
            ],
            Issues(read));
    }

    [Fact]
    public void Read_PersonalDataInAnyColumn_IsMaskedInEveryMessage()
    {
        var read = Read(
            ("customers.csv", "customer_id,name,created_at,birth_date\nK1,An,2025-01-01T00:00:00Z,0912345678\n"),
            ("orders.csv", "order_id,customer_id,placed_at,total,currency\nO1,K1,2025-01-02T00:00:00Z,100000,Trần Thị Hà\nO2,912345678,2025-01-02T00:00:00Z,100000,VND\nO3,K1,2025-01-02T00:00:00Z,100000,Hoàn thành\n"));

        Assert.Equal(
            [
                "customers.csv:2: warning: column 'birth_date': '0*******78' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format. The field was left empty; the row was kept.",
                "orders.csv:2: column 'currency': 'T*** T** H*' is not a known ISO 4217 currency code such as VND or USD.",
                "orders.csv:3: warning: column 'customer_id': customer '9******78' is not in customers.csv; the customer was created from the order.",
                "orders.csv:4: column 'currency': 'Hoàn thành' is not a known ISO 4217 currency code such as VND or USD.",
            ],
            Issues(read));
    }

    [Fact]
    public void Read_FileWithoutAHeaderRow_DoesNotShowTheFirstCustomerInClear()
    {
        var read = Read(("customers.csv", "KH1,Trần Thị Hà,2025-01-01T00:00:00Z,0912345678\nKH2,Lê Văn Bình,2025-01-01T00:00:00Z,0912345679\n"));

        var text = string.Join("\n", Issues(read));
        Assert.Contains("the header has: 'KH1', 'T*** T** H*', '2025-01-01T00:00:00Z', '0*******78'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trần", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TerminalEscapesInAHeader_AreEscapedInMessages()
    {
        var read = Read(("orders.csv", "order_id,customer_id\u001b[2J,placed_at\nO1,K1,2025-01-02T00:00:00Z\n"));

        var text = string.Join("\n", Issues(read));
        Assert.Contains("'customer_id\\u001B[2J'", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Read_BinaryFileOrEndlessZeros_IsNotTextAtTheFirstNul()
    {
        using var folder = new TemporaryFolder();
        var zeros = folder.Write("customers.csv", new byte[300_000]);
        var read = CustomerDataSet.Read(new CustomerFiles { Customers = zeros }, AtFixedExport);
        Assert.Equal(["customers.csv:1: the file is not text: it holds a NUL byte at offset 0 (line 1), as binary files do."], Issues(read));
        Assert.True(read.Files[0].Unreadable);

        if (File.Exists("/dev/zero"))
        {
            // An endless device: the scan stops at the first byte instead of reading for ever.
            var endless = CustomerDataSet.Read(new CustomerFiles { Customers = "/dev/zero" }, AtFixedExport);
            Assert.Equal(["zero:1: the file is not text: it holds a NUL byte at offset 0 (line 1), as binary files do."], Issues(endless));
        }

        // A stray NUL in a text file is a bad cell: its row is rejected at its line and column, the rest read.
        var late = folder.Write("orders.csv", Encoding.UTF8.GetBytes("order_id,customer_id,placed_at,total\nO1,K1,2025-01-02T00:00:00Z,1\nO2,K\u00001,2025-01-02T00:00:00Z,1\n"));
        var stray = CustomerDataSet.Read(new CustomerFiles { Orders = late }, AtFixedExport);
        Assert.Equal(["orders.csv:3: column 'customer_id': the value holds the control character U+0000 at character 2; the row was skipped."], Issues(stray));
        Assert.Equal("O1", Assert.Single(stray.Customers.SelectMany(c => c.History.Orders)).Id.Value);
    }
}
