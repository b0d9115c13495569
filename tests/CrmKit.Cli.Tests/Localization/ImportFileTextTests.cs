using System.Collections.Immutable;
using CrmKit.Cli.Localization;
using CrmKit.Customers.Import;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: how a file was read (each column's number style or date order and how it was decided) is written in
/// Vietnamese from the importer's <see cref="ColumnReading"/> values, never by reading its English description; English
/// writes the description as it always was.
/// </summary>
public sealed class ImportFileTextTests
{
    // The descriptions are deliberately not the importer's: the Vietnamese text must come from the values alone.
    private static readonly ImportedFile File = new()
    {
        Kind = ImportFileKind.Orders,
        File = "orders.csv",
        Type = "csv",
        Encoding = "utf-8",
        Delimiter = ',',
        Zone = "Asia/Ho_Chi_Minh",
        NumberFormats = ImmutableDictionary<string, ColumnReading>.Empty
            .Add("total", new ColumnReading(ColumnFormatSource.Detected, "(total)") { Style = NumberFormat.Vietnamese, EvidenceLine = 3, EvidenceText = "1.250.000" })
            .Add("qty", new ColumnReading(ColumnFormatSource.Adopted, "(qty)") { Style = NumberFormat.Vietnamese })
            .Add("fee", new ColumnReading(ColumnFormatSource.Undecided, "(fee)") { Style = NumberFormat.Auto, AmbiguousCount = 2 }),
        DateOrders = ImmutableDictionary<string, ColumnReading>.Empty
            .Add("placed_at", new ColumnReading(ColumnFormatSource.Defaulted, "(placed_at)") { Order = DateOrder.DayFirst, AmbiguousCount = 12 })
            .Add("paid_at", new ColumnReading(ColumnFormatSource.Adopted, "(paid_at)") { Order = DateOrder.MonthFirst }),
    };

    [Fact]
    public void Describe_Vietnamese_IsWrittenFromTheColumnReadings()
    {
        Assert.Equal(
            "utf-8, phân cách bằng ','; fee: chưa rõ kiểu ghi số (2 giá trị đọc được theo cả hai kiểu); qty: kiểu số Việt Nam (1.250.000,50), giống các cột số tiền khác của tệp; "
            + "total: kiểu số Việt Nam (1.250.000,50), nhận ra từ dòng 3 ('1.250.000'); paid_at: tháng/ngày/năm, giống các cột ngày khác của tệp; "
            + "placed_at: ngày/tháng/năm theo mặc định (không giá trị nào quyết định được; 12 giá trị đọc được theo cả hai cách); múi giờ Asia/Ho_Chi_Minh",
            UiLanguage.Vietnamese.Apply(() => ImportFileText.Describe(File)));
    }

    [Fact]
    public void Describe_English_WritesTheImportersDescriptions()
        => Assert.Equal(
            "utf-8, ','-delimited; fee: (fee); qty: (qty); total: (total); paid_at: (paid_at); placed_at: (placed_at); zone Asia/Ho_Chi_Minh",
            UiLanguage.English.Apply(() => ImportFileText.Describe(File)));
}
