using System.IO.Compression;
using System.Text.Json;

namespace CrmKit.Packaging.Tests;

/// <summary>
/// The tool package as a user gets it: installed with <c>dotnet tool install</c> from the packed feed, run in an empty
/// folder far from any checkout, on the sample shop that ships inside it.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public class ToolPackageTests(PackedFeed feed)
{
    [Fact]
    public void ToolPackage_CarriesTheSampleShop_FileForFile()
    {
        using var zip = ZipFile.OpenRead(feed.Package("CrmKit.Cli"));
        var store = RepositoryRoot.Path("seeds", "store");
        var expected = Directory.GetFiles(store, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var packed = zip.Entries.Where(e => e.FullName.StartsWith("tools/net10.0/any/seeds/store/", StringComparison.Ordinal)).ToList();

        Assert.Contains("customers.csv", expected);
        Assert.Equal(expected, packed.Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var entry in packed)
        {
            Assert.Equal(new FileInfo(Path.Combine(store, entry.Name)).Length, entry.Length);
        }
    }

    [Fact]
    public void InstalledTool_RunSample_InAnEmptyFolder_CountsTheCustomersTheCheckoutRunCounts()
    {
        var tools = feed.NewFolder("tools");
        PackedFeed.Dotnet(feed.Work, "tool", "install", "--tool-path", tools, "--add-source", feed.Folder, "CrmKit.Cli", "--version", feed.Version);
        var crmkit = Path.Combine(tools, OperatingSystem.IsWindows() ? "crmkit.exe" : "crmkit");
        var empty = feed.NewFolder("empty");

        var installed = JsonDocument.Parse(PackedFeed.Run(crmkit, empty, "run", "--sample", "--no-report", "--json"));
        var noData = PackedFeed.Start(crmkit, empty, "run", "--no-report");
        // The checkout's own run: the built tool, from the repository root, with no data option (the quick start's default).
        var checkout = JsonDocument.Parse(PackedFeed.Dotnet(RepositoryRoot.Path(), Path.Combine(AppContext.BaseDirectory, "crmkit.dll"), "run", "--no-report", "--json"));

        Assert.StartsWith(Path.GetFullPath(tools), installed.RootElement.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal(RepositoryRoot.Path("seeds", "store"), checkout.RootElement.GetProperty("source").GetString());
        var customers = installed.RootElement.GetProperty("customers").GetInt32();
        Assert.True(customers > 1000, $"the sample shop has {customers} customers");
        Assert.Equal(checkout.RootElement.GetProperty("customers").GetInt32(), customers);
        Assert.Equal(checkout.RootElement.GetProperty("imported").GetProperty("orders").GetInt32(), installed.RootElement.GetProperty("imported").GetProperty("orders").GetInt32());
        Assert.Empty(Directory.GetFileSystemEntries(empty));

        Assert.Equal(2, noData.ExitCode);
        Assert.Equal(string.Empty, noData.Output);
        Assert.Equal(
            $"crmkit: Invalid --data: no shop data was given (the working folder '{empty}' is not a CrmKit checkout with its sample shop). Give the folder holding your shop's exported files with --data FOLDER, or an orders file alone with --preset kiotviet --orders FILE (your platform's preset: crmkit presets), or try the bundled sample shop with --sample.\n"
            + "Run 'crmkit run --help' for its options.\n",
            noData.Error.ReplaceLineEndings("\n"));
    }
}
