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
        Assert.Contains("imported      5,114 customers, 11,154 orders (0 rows rejected)", output, StringComparison.Ordinal);
        Assert.Contains("merged          116 duplicate records → 4,998 customers", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BrokenFiles_ReportsEachRejectedRowAndUsesTheRest()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-broken-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,created_at,phone\nKH1,An,2025-01-01,0912345678\nKH2,Bình,2025-02-30,0912\n");
            File.WriteAllText(Path.Combine(folder, "orders.csv"), "order_id,customer_id,placed_at,total\nHD1,KH1,2025-01-02 10:00,150000\nHD2,KH9,2025-01-02 10:00,150000\n");

            var (code, output, error) = CliRunner.Run("run", "--data", folder, "--no-report");
            var (strictCode, _, _) = CliRunner.Run("run", "--data", folder, "--strict", "--no-report");

            Assert.Equal(0, code);
            Assert.Equal(1, strictCode);
            Assert.Equal(
                [
                    "rejected: customers.csv:3: column 'created_at': '2025-02-30' is not a date or date-time in an accepted format (ISO 8601 such as 2025-01-29T10:15:00+07:00, or uuuu-MM-dd'T'HH:mm:ss, uuuu-MM-dd HH:mm:ss, uuuu-MM-dd'T'HH:mm, uuuu-MM-dd HH:mm, dd/MM/uuuu HH:mm:ss, dd/MM/uuuu HH:mm).",
                    "rejected: customers.csv:3: column 'phone': '0***' is too short for a Vietnamese number (4 digits with the leading 0).",
                    "rejected: orders.csv:3: column 'customer_id': customer 'KH9' is not among the imported customers.",
                ],
                error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("imported          1 customers, 1 orders (3 rows rejected)", output, StringComparison.Ordinal);
            Assert.Contains("  CLV        not fitted: BG/NBD: The BG/NBD fit failed: no customer made a repeat purchase", output, StringComparison.Ordinal);   // the fit says why; the job goes on
            Assert.Contains("  review     last 90 days: ", output, StringComparison.Ordinal);

            var (filesCode, filesOutput, _) = CliRunner.Run("run", "--customers", Path.Combine(folder, "customers.csv"), "--orders", Path.Combine(folder, "orders.csv"), "--no-report");
            Assert.Equal(0, filesCode);
            Assert.Contains($"CrmKit run over {Path.Combine(folder, "customers.csv")}, as of 2025-01-02 10:00 (Asia/Ho_Chi_Minh)", filesOutput, StringComparison.Ordinal);
            Assert.Contains("imported          1 customers, 1 orders (3 rows rejected)", filesOutput, StringComparison.Ordinal);
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
        Assert.StartsWith("crmkit: The data file '/nonexistent/crmkit/customers.csv' does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("run", "--colour");
        Assert.Equal(2, code);
        Assert.Contains("--colour", error, StringComparison.Ordinal);
        Assert.Contains("Run 'crmkit --help'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SingleFileWithoutCustomers_IsBadInput()
    {
        var (code, _, error) = CliRunner.Run("run", "--orders", "orders.csv");
        Assert.Equal(1, code);
        Assert.Equal("crmkit: Invalid --orders: a single file needs --customers too. Give --customers FILE, or a folder with --data.\n", error);
    }

    [Fact]
    public void Run_MissingCustomersFile_NamesTheOption()
    {
        var (code, _, error) = CliRunner.Run("run", "--customers", "/nonexistent/customers.csv");
        Assert.Equal(1, code);
        Assert.Equal("crmkit: The file '/nonexistent/customers.csv' given with --customers does not exist.\n", error);
    }
}
