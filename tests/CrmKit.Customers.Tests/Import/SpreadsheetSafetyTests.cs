using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Every CSV cell CrmKit writes is safe to open in a spreadsheet (OWASP "CSV Injection": text starting with = + - @,
/// tab or carriage return is written after an apostrophe), and the import reads the apostrophe back off, so that
/// export followed by import gives back the same text.
/// </summary>
public class SpreadsheetSafetyTests
{
    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("+84912345678;+84987654321", "+84912345678;+84987654321")] // phone numbers: nothing to run
    [InlineData("-5", "-5")]
    [InlineData("-1,250.00", "-1,250.00")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("- 5", "'- 5")]
    [InlineData("Nguyễn Văn An", "Nguyễn Văn An")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Cell_NeutralisesFormulaLikeTextOnly(string text, string written)
    {
        Assert.Equal(written, SpreadsheetSafety.Cell(text));
        Assert.Equal(text, SpreadsheetSafety.Unescape(written));
    }

    [Property(MaxTest = 300)]
    public Property Unescape_UndoesCell(NonNull<string> text)
        => (SpreadsheetSafety.Unescape(SpreadsheetSafety.Cell(text.Get)!) == text.Get || text.Get.StartsWith('\'')).ToProperty();

    [Fact]
    public void WriteFolder_FormulaLikeText_IsWrittenAsTextAndReadBackUnchanged()
    {
        const string Name = "=cmd|' /C calc'!A0";
        const string Tag = "=hyperlink(\"http://evil\",\"x\")";
        var at = Instant.FromUtc(2025, 1, 1, 0, 0);
        var customer = new Customer
        {
            Id = new CustomerId("@K1"),
            DisplayName = Name,
            CreatedAt = at,
            Tags = [Tag],
            History = new CustomerHistory
            {
                Orders = OrderHistory.From([new Order { Id = new("+O1+cmd"), CustomerId = new("@K1"), PlacedAt = at, Total = Money.Vnd(100000), Lines = [new OrderLine("-SKU+cmd()", 1, Money.Vnd(100000), "=1+1")] }]),
                Interactions = [new Interaction { Id = new("I1"), CustomerId = new("@K1"), At = at, Channel = ContactChannel.Sms, Direction = InteractionDirection.Outbound, Outcome = InteractionOutcome.Reached, Subject = "@subject", StaffId = "=NV1" }],
            },
        };
        using var folder = new TemporaryFolder();

        CustomerDataSet.From([customer]).WriteFolder(folder.Path);
        var read = CustomerDataSet.ReadFolder(folder.Path, new CsvImportOptions { ExportedAt = at });

        var files = string.Join("\n", Directory.GetFiles(folder.Path).Select(File.ReadAllText));
        foreach (var line in files.Split('\n'))
        {
            foreach (var cell in line.Split(','))
            {
                var text = cell.Trim('"');
                Assert.False(SpreadsheetSafety.IsFormulaLike(text), $"a cell a spreadsheet would run: {cell}");
            }
        }

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        Assert.Equal(customer, Assert.Single(read.Customers));
    }
}
