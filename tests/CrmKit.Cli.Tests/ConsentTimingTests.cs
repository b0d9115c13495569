namespace CrmKit.Cli.Tests;

/// <summary>
/// Found by a newcomer trial: consent columns of a customers export are dated at the file's modification time when
/// no export time is known; a file saved after the last order then grants consent "after" the as-of instant, and
/// every marketing message was skipped without a word. The run now says so, with the way out.
/// </summary>
public sealed class ConsentTimingTests
{
    private static string Shop(DateTime customersWritten)
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-consent-").FullName;
        File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,phone,consent.zalo.marketing\nKH001,Nguyễn Văn An,0912 345 678,granted\nKH002,Trần Thị Hà,0903 111 222,granted\n");
        File.WriteAllText(Path.Combine(folder, "orders.csv"), "order_id,customer_id,placed_at,total,status\nHD01,KH001,2026-01-05T10:15:00+07:00,1250000,completed\nHD02,KH002,2026-03-14T18:40:00+07:00,850000,completed\n");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "customers.csv"), customersWritten);
        return folder;
    }

    [Fact]
    public void Run_ConsentFileSavedAfterTheLastOrder_AsOfGivenBeforeIt_SaysTheConsentsDoNotCount()
    {
        // Without --as-of the job now runs as of the export (SeventhTrialTests); a day before it still leaves them out, said.
        var (code, _, error) = CliRunner.Run("run", "--data", Shop(new DateTime(2026, 12, 1, 6, 1, 0, DateTimeKind.Utc)), "--no-report", "--as-of", "2026-03-14");
        Assert.Equal(0, code);
        Assert.Contains(
            "crmkit: 2 consent decisions of 2 customers are dated after the as-of instant 2026-03-14 23:59 (the latest 2026-12-01 13:01, source customers.csv) and do not count in this run:",
            error,
            StringComparison.Ordinal);
        Assert.Contains("run with --as-of 2026-12-01,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConsentFileSavedAfterTheLastOrder_NoAsOf_RunsAsOfTheExport_NoWarning()
    {
        var (code, output, error) = CliRunner.Run("run", "--data", Shop(new DateTime(2026, 12, 1, 6, 1, 0, DateTimeKind.Utc)), "--no-report");
        Assert.Equal(0, code);
        Assert.Contains("as of 2026-12-01 13:01, the export time of customers.csv", output, StringComparison.Ordinal);
        Assert.DoesNotContain("consent decisions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConsentFileFromBeforeTheAsOfDay_NoWarning()
    {
        var (code, _, error) = CliRunner.Run("run", "--data", Shop(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), "--no-report");
        Assert.Equal(0, code);
        Assert.DoesNotContain("consent decisions", error, StringComparison.Ordinal);
    }
}
