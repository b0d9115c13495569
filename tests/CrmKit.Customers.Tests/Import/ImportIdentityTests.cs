using System.Text;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// How order rows join their customer: the same customer id is always one customer; a row without an id joins a
/// customer by phone or email only if its name is compatible (the rule the duplicate finder merges by).
/// </summary>
public class ImportIdentityTests
{
    private static readonly CsvImportOptions AtFixedExport = new() { ExportedAt = Instant.FromUtc(2026, 1, 1, 0, 0) };

    private static CustomerDataSet ReadOrders(string csv, string? customersCsv = null)
    {
        using var folder = new TemporaryFolder();
        var files = new CustomerFiles
        {
            Orders = folder.Write("orders.csv", Encoding.UTF8.GetBytes(csv)),
            Customers = customersCsv is null ? null : folder.Write("customers.csv", Encoding.UTF8.GetBytes(customersCsv)),
        };
        return CustomerDataSet.Read(files, AtFixedExport);
    }

    private static string Describe(Customer c) => $"{c.Id.Value} {c.DisplayName}: {string.Join(" ", c.History.Orders.Select(o => o.Id.Value))}";

    [Fact]
    public void Read_OrdersOnlyFamilyPhoneWithTwoNames_MakesTwoCustomers()
    {
        var read = ReadOrders(
            "order_id,customer_name,customer_phone,placed_at,total\n"
            + "HD1,Nguyễn Văn An,0912345678,2025-01-02 10:00,150000\n"
            + "HD2,Vũ Thị Hồng Nhung,+84 912 345 678,2025-01-03 10:00,90000\n"
            + "HD3,Nguyen V. An,0912 345 678,2025-01-04 10:00,50000\n"
            + "HD4,VŨ THỊ HỒNG NHUNG,0912345678,2025-01-05 10:00,70000\n"
            + "HD5,,0912345678,2025-01-06 10:00,10000\n");

        Assert.True(read.Issues.IsEmpty, string.Join("\n", read.Issues));
        Assert.Equal(
            ["+84912345678 Nguyễn Văn An: HD1 HD3 HD5", "+84912345678#2 Vũ Thị Hồng Nhung: HD2 HD4"],
            read.Customers.Select(Describe));
    }

    [Fact]
    public void Read_SameCustomerIdWithAnotherName_IsOneCustomer()
    {
        var read = ReadOrders(
            "order_id,customer_id,customer_name,customer_phone,placed_at,total\n"
            + "HD1,KH1,Nguyễn Văn An,0912345678,2025-01-02 10:00,150000\n"
            + "HD2,KH1,Anh An,0912345678,2025-01-03 10:00,90000\n");

        Assert.Equal(["KH1 Nguyễn Văn An: HD1 HD2"], read.Customers.Select(Describe));
    }

    [Fact]
    public void Read_OrderByPhoneOfACustomerWithAnotherName_IsNotJoinedToThatCustomer()
    {
        var read = ReadOrders(
            "order_id,customer_name,customer_phone,placed_at,total\n"
            + "HD1,Vũ Thị Hồng Nhung,0912345678,2025-01-03 10:00,90000\n"
            + "HD2,Nguyen Van An,0912345678,2025-01-04 10:00,50000\n",
            "customer_id,name,phone,gender,birth_date\nKH1,Nguyễn Văn An,0912345678,male,1990-05-02\n");

        Assert.Equal(
            ["+84912345678 Vũ Thị Hồng Nhung: HD1", "KH1 Nguyễn Văn An: HD2"],
            read.Customers.Select(Describe));
    }
}
