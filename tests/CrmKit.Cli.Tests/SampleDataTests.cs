using System.Diagnostics;
using System.Text.Json;

namespace CrmKit.Cli.Tests;

/// <summary>
/// <c>--sample</c> (the sample shop shipped beside the tool) and the default when no data is given: the checkout's
/// seeds/store inside a checkout, a usage error naming <c>--data</c> and <c>--sample</c> anywhere else.
/// </summary>
public class SampleDataTests
{
    [Fact]
    public void Run_Sample_ReadsTheCopyBesideTheTool_AndCountsWhatTheCheckoutsSeedsGive()
    {
        var sample = CliRunner.Run("run", "--sample", "--no-report", "--json");
        var checkout = CliRunner.Run("run", "--data", RepositoryRoot.Path("seeds", "store"), "--no-report", "--json");

        Assert.Equal(0, sample.ExitCode);
        var s = JsonDocument.Parse(sample.Output).RootElement;
        var c = JsonDocument.Parse(checkout.Output).RootElement;
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "seeds", "store"), s.GetProperty("source").GetString());
        Assert.Equal(c.GetProperty("customers").GetInt32(), s.GetProperty("customers").GetInt32());
        Assert.Equal(c.GetProperty("imported").GetProperty("orders").GetInt32(), s.GetProperty("imported").GetProperty("orders").GetInt32());
    }

    [Theory]
    [InlineData("run", "--data")]
    [InlineData("segment", "--data")]
    [InlineData("care agenda", "--data")]
    [InlineData("replay", "--data")]
    [InlineData("clv summary", "--transactions")]
    public void Command_SampleAndItsDataOption_IsWrongUsageNamingBoth(string command, string dataOption)
    {
        var value = dataOption == "--data" ? RepositoryRoot.Path("seeds", "store") : RepositoryRoot.Path("seeds", "store", "orders.csv");
        var (code, output, error) = CliRunner.Run([.. command.Split(' '), .. Journey(command), "--sample", dataOption, value]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"crmkit: Invalid --sample: give either --sample or a {(dataOption == "--data" ? "data folder" : "file")} with {dataOption}, not both.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SampleAndFiles_IsWrongUsage()
    {
        var (code, _, error) = CliRunner.Run("run", "--sample", "--orders", RepositoryRoot.Path("seeds", "store", "orders.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith("crmkit: Invalid --sample: give either the bundled sample or the files (--customers, --orders …), not both.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--data")]
    [InlineData("segment", "--data")]
    [InlineData("care agenda", "--data")]
    [InlineData("replay", "--data")]
    [InlineData("clv summary", "--transactions")]
    [InlineData("clv predict", "--transactions")]
    public void Command_NoDataOutsideACheckout_IsWrongUsageNamingTheDataOptionAndSample(string command, string dataOption)
    {
        var empty = Directory.CreateTempSubdirectory("crmkit-nodata-").FullName;
        try
        {
            var (code, output, error) = CrmkitIn(empty, [.. command.Split(' '), .. Journey(command)]);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Equal(
                $"crmkit: Invalid {dataOption}: no data given, and the working folder '{empty}' is not in a CrmKit checkout. Give your shop's data with {dataOption} {(dataOption == "--data" ? "FOLDER" : "FILE")}, or run on the bundled sample shop with --sample.\n"
                + "Run 'crmkit --help' for the commands and options.\n",
                error.ReplaceLineEndings("\n"));
            Assert.Empty(Directory.GetFileSystemEntries(empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    // The built tool run as a process in workingDirectory (the working folder decides the default data).
    private static (int ExitCode, string Output, string Error) CrmkitIn(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crmkit.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "crmkit did not finish within two minutes");
        return (process.ExitCode, output.Result, error.Result);
    }

    // replay needs a journey and a period before it looks for data.
    private static string[] Journey(string command) => command == "replay"
        ? ["--journey", RepositoryRoot.Path("seeds", "journeys", "after-sale.json"), "--from", "2025-10-01", "--to", "2025-10-03"]
        : [];
}
