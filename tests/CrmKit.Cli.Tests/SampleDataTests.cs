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
        var checkout = CliRunner.Shared("run", "--data", RepositoryRoot.Path("seeds", "store"), "--no-report", "--json");

        Assert.Equal(0, sample.ExitCode);
        var s = JsonDocument.Parse(sample.Output).RootElement;
        var c = JsonDocument.Parse(checkout.Output).RootElement;
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "seeds", "store"), s.GetProperty("source").GetString());
        Assert.Equal(c.GetProperty("customers").GetInt32(), s.GetProperty("customers").GetInt32());
        Assert.Equal(c.GetProperty("imported").GetProperty("orders").GetInt32(), s.GetProperty("imported").GetProperty("orders").GetInt32());
    }

    /// <summary>Every command that reads a shop, with the option that gives it its data.</summary>
    public static TheoryData<string, string> ShopCommands() => new()
    {
        { "run", "--data" },
        { "segment", "--data" },
        { "care agenda", "--data" },
        { "replay", "--data" },
        { "clv summary", "--data" },
        { "clv fit", "--data" },
        { "clv predict", "--data" },
    };

    [Theory]
    [MemberData(nameof(ShopCommands))]
    public void Command_SampleAndItsDataOption_IsWrongUsageNamingBoth(string command, string dataOption)
    {
        var value = dataOption == "--data" ? RepositoryRoot.Path("seeds", "store") : RepositoryRoot.Path("seeds", "store", "orders.csv");
        var (code, output, error) = CliRunner.Run([.. command.Split(' '), .. RequiredOptions(command), "--sample", dataOption, value]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"crmkit: Invalid --sample: give either --sample or a {(dataOption == "--data" ? "data folder" : "file")} with {dataOption}, not both.", error, StringComparison.Ordinal);
    }

    // clv's other data option, a transactions file, excludes --sample too.
    [Theory]
    [InlineData("summary")]
    [InlineData("predict")]
    public void Clv_SampleAndTransactionsFile_IsWrongUsageNamingBoth(string command)
    {
        var (code, output, error) = CliRunner.Run("clv", command, "--sample", "--transactions", RepositoryRoot.Path("seeds", "store", "orders.csv"));

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("crmkit: Invalid --sample: give either --sample or a file with --transactions, not both.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SampleAndFiles_IsWrongUsage()
    {
        var (code, _, error) = CliRunner.Run("run", "--sample", "--orders", RepositoryRoot.Path("seeds", "store", "orders.csv"));

        Assert.Equal(2, code);
        Assert.StartsWith("crmkit: Invalid --sample: give either the bundled sample or the files (--customers, --orders …), not both.", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShopCommands))]
    public void Command_NoDataOutsideACheckout_IsWrongUsageNamingTheDataOptionAndSample(string command, string dataOption)
    {
        var empty = Directory.CreateTempSubdirectory("crmkit-nodata-").FullName;
        try
        {
            var (code, output, error) = CliProcess.Crmkit(empty, [.. command.Split(' '), .. RequiredOptions(command)]);

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Equal(
                $"crmkit: Invalid {dataOption}: no shop data was given (the working folder '{empty}' is not a CrmKit checkout with its sample shop). Give the folder holding your shop's exported files with {dataOption} FOLDER, or an orders file alone with --preset kiotviet --orders FILE (your platform's preset: crmkit presets), or try the bundled sample shop with --sample.\n"
                + $"Run 'crmkit {command} --help' for its options.\n",
                error.ReplaceLineEndings("\n"));
            Assert.Empty(Directory.GetFileSystemEntries(empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    // The options a command needs before it looks for data: replay a journey and a period, clv fit a model.
    private static string[] RequiredOptions(string command) => command switch
    {
        "replay" => ["--journey", RepositoryRoot.Path("seeds", "journeys", "after-sale.json"), "--from", "2025-10-01", "--to", "2025-10-03"],
        "clv fit" => ["--model", "bg-nbd"],
        _ => [],
    };
}
