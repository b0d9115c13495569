using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void Run_NoArguments_UsesTheBundledSeedsAndMergesTheDuplicates()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", RepositoryRoot.Path("seeds", "store"), "--no-report");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("imported      5,114 customers, 11,154 orders", output, StringComparison.Ordinal);
        Assert.Contains("  read       orders.csv: 11,154 rows, 11,154 kept, 0 rejected, 0 warnings (utf-8, ','-delimited; zone Asia/Ho_Chi_Minh)", output, StringComparison.Ordinal);
        Assert.Contains("merged          116 duplicate records → 4,998 customers", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BrokenFiles_ReportsEachRejectedRowAndUsesTheRest()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-broken-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,created_at,phone\nKH1,An,2025-01-01,0912345678\nKH2,Bình,2025-02-30,0912\n");
            File.WriteAllText(Path.Combine(folder, "orders.csv"), "order_id,customer_id,placed_at,total\nHD1,KH1,2025-01-02 10:00,150000\nHD2,KH9,2025-01-02 10:00,150000\nHD3,KH1,,90000\n");

            var (code, output, error) = CliRunner.Run("run", "--data", folder, "--no-report");
            var (lenientCode, _, _) = CliRunner.Run("run", "--data", folder, "--no-report", "--max-rejected", "50");
            var (strictCode, _, _) = CliRunner.Run("run", "--data", folder, "--strict", "--max-rejected", "50", "--no-report");

            // A bad creation time or phone leaves the field empty (warnings); an order of an unknown customer creates it.
            // Half of orders.csv is rejected (an order without a placed-at time): more than the default 1 %, so exit 1.
            Assert.Equal(1, code);
            Assert.Equal(0, lenientCode);
            Assert.Equal(1, strictCode);
            Assert.Equal(
                [
                    "customers.csv:3: warning: column 'phone': '0***' is too short for a Vietnamese number (4 digits with the leading 0). The field was left empty; the row was kept.",
                    "customers.csv:3: warning: column 'created_at': '2025-02-30' is not a date: February 2025 has 28 days. The field was left empty; the row was kept.",
                    "orders.csv:3: warning: column 'customer_id': customer 'KH9' is not in customers.csv; the customer was created from the order.",
                    "orders.csv:4: row rejected — column 'placed_at': the value is empty; it is required.",
                    "crmkit: orders.csv: 1 of 3 rows rejected (33.3 %), more than --max-rejected 1 %; see the issues above, or --rejects FILE for all of them.",
                ],
                error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("imported          3 customers, 2 orders", output, StringComparison.Ordinal);
            Assert.Contains("  read       orders.csv: 3 rows, 2 kept, 1 rejected, 1 warning", output, StringComparison.Ordinal);
            Assert.Contains("  review     last 90 days: ", output, StringComparison.Ordinal);

            var (filesCode, filesOutput, _) = CliRunner.Run("run", "--customers", Path.Combine(folder, "customers.csv"), "--orders", Path.Combine(folder, "orders.csv"), "--no-report", "--max-rejected", "50");
            Assert.Equal(0, filesCode);
            Assert.Contains($"CrmKit run over {Path.Combine(folder, "customers.csv")} and {Path.Combine(folder, "orders.csv")}, as of 2025-01-02 10:00 (Asia/Ho_Chi_Minh)", filesOutput, StringComparison.Ordinal);
            Assert.Contains("imported          3 customers, 2 orders", filesOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_MissingFolder_IsBadInput()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", "/nonexistent/crmkit");
        Assert.Equal(1, code);
        Assert.Equal("crmkit: The data folder '/nonexistent/crmkit' does not exist; check the path given to --data.\n", error);
    }

    [Fact]
    public void UnknownOption_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("run", "--colour");
        Assert.Equal(2, code);
        Assert.Equal("crmkit: Unrecognized command or argument '--colour'.\nRun 'crmkit run --help' for its options.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_OrderLinesWithoutOrdersOrCustomers_IsWrongUsage()
    {
        var (code, _, error) = CliRunner.Run("run", "--order-lines", "order_lines.csv");
        Assert.Equal(2, code);
        Assert.Equal("crmkit: Invalid --order-lines: this file needs --customers or --orders too. Give --customers FILE and/or --orders FILE, or a folder with --data.\nRun 'crmkit run --help' for its options.\n", error);
    }

    [Fact]
    public void Run_MissingCustomersFile_NamesTheOption()
    {
        var (code, _, error) = CliRunner.Run("run", "--customers", "/nonexistent/customers.csv");
        Assert.Equal(1, code);
        Assert.Equal("crmkit: The file '/nonexistent/customers.csv' given with --customers does not exist.\n", error);
    }
}
