using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>The purchase-log reader CrmKit.Clv reads transactions with, public since issue 20.</summary>
public sealed class PurchaseTableTests
{
    private static readonly DateTimeZone Saigon = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    [Fact]
    public void Read_GoodAndBadRows_YieldsTypedRows_AndAnIssuePerBadRow()
    {
        var issues = new List<ImportIssue>();
        var text = "customer_id,placed_at,total\nKH1,2025-08-01 23:30,150000\nKH2,2025-08-02 10:00,-5\nKH1,2025-08-03T01:00:00Z,20000\n";

        var rows = PurchaseTable.Read(new StringReader(text), "log.csv", issues, CsvImportOptions.Default, Saigon).ToList();

        // 2025-08-03T01:00Z is 08:00 in Saigon (UTC+7), still 3 August.
        Assert.Equal(
            [new PurchaseRow("KH1", new LocalDate(2025, 8, 1), 150000m, 2), new PurchaseRow("KH1", new LocalDate(2025, 8, 3), 20000m, 4)],
            rows);
        Assert.Equal("log.csv:3: column 'total': '-5' is not an amount ≥ 0.", Assert.Single(issues).ToString());
    }

    [Fact]
    public void Read_NullArgument_ThrowsAtTheCall()
        => Assert.Equal("issues", Assert.Throws<ArgumentNullException>(() => PurchaseTable.Read(new StringReader(string.Empty), "log.csv", null!, CsvImportOptions.Default, Saigon)).ParamName);
}
