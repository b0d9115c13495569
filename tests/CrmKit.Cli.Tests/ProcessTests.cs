using CrmKit.Testing;

namespace CrmKit.Cli.Tests;

/// <summary>The built tool run as a separate process, as a user runs it: output streams and exit codes.</summary>
public class ProcessTests
{
    private static (int ExitCode, string Output, string Error) Crmkit(string workingDirectory, params string[] args) => CliProcess.Crmkit(workingDirectory, args);

    [Fact]
    public void Run_Seeds_PrintsTheSummaryAndWritesTheReportIntoTheWorkingFolder()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-process-").FullName;
        try
        {
            var (code, output, error) = Crmkit(folder, "run", "--data", RepositoryRoot.Path("seeds", "store"));

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error);
            var lines = output.Split('\n');
            Assert.Equal($"CrmKit run over {RepositoryRoot.Path("seeds", "store")}, as of 2026-10-31 20:49 (Asia/Ho_Chi_Minh)", lines[0]);
            foreach (var label in new[] { "imported", "merged", "segments", "CLV", "agenda", "review", "report", "done in" })
            {
                Assert.Contains(lines, l => l.StartsWith($"  {label}", StringComparison.Ordinal));
            }

            Assert.True(new FileInfo(Path.Combine(folder, "crmkit-report.html")).Length > 100_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_BrokenInput_ExitCodesTellBadInputFromUsage()
    {
        var folder = Directory.CreateTempSubdirectory("crmkit-process-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "customers.csv"), "customer_id,name,created_at\nKH1,An,2025-01-01\nKH2,Bình,yesterday\n,Chi,2025-01-01\n");

            var lenient = Crmkit(folder, "run", "--data", folder, "--no-report", "--max-rejected", "50");
            var tooMany = Crmkit(folder, "run", "--data", folder, "--no-report");
            var strict = Crmkit(folder, "run", "--data", folder, "--no-report", "--strict", "--max-rejected", "50");
            var missing = Crmkit(folder, "run", "--data", Path.Combine(folder, "absent"));
            var usage = Crmkit(folder, "run", "--review-days");

            Assert.Equal(0, lenient.ExitCode);
            Assert.StartsWith("customers.csv:3: warning: column 'created_at': 'yesterday' is not a date", lenient.Error, StringComparison.Ordinal);
            Assert.Contains("customers.csv:4: row rejected — column 'customer_id': the row has no customer id, phone or email to know the customer by; the row was skipped.", lenient.Error, StringComparison.Ordinal);
            Assert.Equal(1, tooMany.ExitCode);
            Assert.Equal(1, strict.ExitCode);
            Assert.Equal(1, missing.ExitCode);
            Assert.Equal($"crmkit: The data folder '{Path.Combine(folder, "absent")}' does not exist; check the path given to --data.\n", missing.Error);
            Assert.Equal(2, usage.ExitCode);
            Assert.Equal("crmkit: --review-days has no value.\nRun 'crmkit run --help' for its options.\n", usage.Error); // named in the language (seventh trial), not System.CommandLine's sentence
            Assert.Equal(["customers.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Help_ExplainsEveryOptionOfRun()
    {
        var (code, output, _) = Crmkit(AppContext.BaseDirectory, "run", "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--data", "--sample", "--customers", "--orders", "--interactions", "--tickets", "--feedback", "--as-of", "--zone", "--review-days", "--report", "--no-report", "--json", "--strict", "--preset", "--map", "--encoding", "--delimiter", "--number-format", "--date-format", "--date-order", "--sheet", "--rejects", "--max-rejected", "--referrals" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
