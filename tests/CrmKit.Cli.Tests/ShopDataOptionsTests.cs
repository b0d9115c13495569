using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>
/// Every command that reads a shop takes <c>crmkit run</c>'s data options and gives its verdict (newcomer trial, issue 21):
/// each command is run as a process, as a user runs it, on a shop whose customers file is saved as Windows-1258 (as Excel
/// saves CSV on Vietnamese Windows) — without <c>--encoding</c> it exits 1 with run's message; with it, the names are read —
/// and on an orders file with a rejected row (exit 1 above <c>--max-rejected</c>, 0 when the option allows it).
/// </summary>
public sealed class ShopDataOptionsTests : IDisposable
{
    // The verdict line run prints for the Windows-1258 file (ImportRunTests pins the same file under 'run').
    private const string NotUtf8 = "crmkit: customers.csv could not be read: the file is not UTF-8: byte 0xDE at offset 2 (line 1); it looks like Windows-1258";

    private readonly string _folder = Directory.CreateTempSubdirectory("crmkit-shopdata-").FullName;

    public ShopDataOptionsTests()
    {
        File.Copy(RepositoryRoot.Path("tests", "fixtures", "imports", "broken", "customers_cp1258.csv"), Path.Combine(_folder, "customers.csv"));
        File.WriteAllLines(Path.Combine(_folder, "orders.csv"),
        [
            "order_id,customer_id,placed_at,total",
            "HD1,KH000101,2025-01-05 10:00,250000",
            "HD2,KH000101,2025-03-05 10:00,450000",
            "HD3,KH000102,2025-02-05 10:00,150000",
            "HD4,KH000103,2025-02-07 10:00,350000",
            "HD5,KH000104,2025-04-07 10:00,950000",
            "HD6,KH000102,2025-05-07 10:00,120000",
        ]);
    }

    /// <summary>Each command that reads a shop, with what it needs besides the data options ({0}: a scratch folder).</summary>
    public static TheoryData<string> Commands => new()
    {
        "run --no-report",
        "customer lan",
        "segment",
        "segment --members new --out {0}/members.csv",
        "care agenda",
        "care agenda --out {0}/agenda.csv",
        "replay --journey " + RepositoryRoot.Path("seeds", "journeys", "win-back.json") + " --from 2025-01-01 --to 2025-05-07",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_WindowsEncodedCustomersWithoutEncoding_ExitsOneWithRunsMessage(string command)
    {
        var (code, _, error) = Crmkit(command);

        Assert.True(code == 1, $"exit {code}: {error}");
        Assert.Contains(NotUtf8, error, StringComparison.Ordinal);
        Assert.Contains("pass --encoding windows-1258.", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_WindowsEncodedCustomersWithEncoding_ReadsAsAskedAndExitsZero(string command)
    {
        var (code, _, error) = Crmkit(command, "--encoding", "windows-1258");

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.DoesNotContain("could not be read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_WithEncoding_ShowsTheNameReadFromTheWindowsFile()
    {
        var (code, output, error) = Crmkit("customer lan", "--encoding", "windows-1258");

        Assert.True(code == 0, error);
        Assert.StartsWith("Customer KH000101 — Nguyễn Thị Lan (individual)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentMembers_WithEncoding_WritesTheNamesReadFromTheWindowsFile()
    {
        var (code, _, error) = Crmkit("segment --members new --out {0}/members.csv", "--encoding", "windows-1258");

        Assert.True(code == 0, error);
        // KH000104's only order is 30 days before the as-of day (the last order, 2025-05-07): the one 'new' customer.
        Assert.Equal(
            ["Customer ID,Name,Phone,Email,Orders (completed),Days since first purchase", "KH000104,Phạm Quốc Bảo,0977 444 555,bao.pham@example.vn,1,30"],
            File.ReadAllLines(Path.Combine(_folder, "members.csv")).Select(l => l.TrimStart('\uFEFF')));
    }

    [Fact]
    public void Customer_CustomersFileGivenAlone_IsReadWithTheEncodingGiven()
    {
        // The file options of run, one by one: a customers file alone (no orders) is read with the encoding given.
        var (code, output, error) = CliProcess.Crmkit(_folder, "customer", "bao", "--customers", Path.Combine(_folder, "customers.csv"), "--encoding", "windows-1258", "--lang", "en");

        Assert.True(code == 0, error);
        Assert.StartsWith("Customer KH000104 — Phạm Quốc Bảo", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_RejectedRowAboveMaxRejected_ExitsOneWithRunsMessageAndZeroWhenAllowed(string command)
    {
        File.AppendAllLines(Path.Combine(_folder, "orders.csv"), ["HD7,KH000103,2025-05-01 10:00,n/a"]);

        var (code, _, error) = Crmkit(command, "--encoding", "windows-1258");
        var (allowedCode, _, allowedError) = Crmkit(command, "--encoding", "windows-1258", "--max-rejected", "20");

        Assert.True(code == 1, $"exit {code}: {error}");
        Assert.Contains("crmkit: orders.csv: 1 of 7 rows rejected (14.3 %), more than --max-rejected 1 %; see the issues above, or --rejects FILE for all of them.", error, StringComparison.Ordinal);
        Assert.True(allowedCode == 0, $"exit {allowedCode}: {allowedError}");
        Assert.DoesNotContain("rows rejected", allowedError, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int ExitCode, string Output, string Error) Crmkit(string command, params string[] options)
        => CliProcess.Crmkit(_folder, [.. string.Format(System.Globalization.CultureInfo.InvariantCulture, command, _folder).Split(' '), "--data", _folder, "--lang", "en", .. options]);
}
