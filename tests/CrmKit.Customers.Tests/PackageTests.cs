using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace CrmKit.Customers.Tests;

public class PackageTests
{
    [Fact]
    public void Pack_CrmKitCustomers_ContainsAssemblyXmlDocsReadmeLicenceAndSymbols()
    {
        var output = Directory.CreateTempSubdirectory("crmkit-pack-").FullName;
        try
        {
            var project = RepositoryRoot.Path("src", "CrmKit.Customers", "CrmKit.Customers.csproj");
            var (exitCode, log) = Dotnet("pack", project, "-c", "Release", "-o", output, "-p:Version=0.0.1-test");
            Assert.True(exitCode == 0, log);

            var package = Path.Combine(output, "CrmKit.Customers.0.0.1-test.nupkg");
            Assert.True(File.Exists(Path.Combine(output, "CrmKit.Customers.0.0.1-test.snupkg")), "no symbol package (snupkg)");
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net10.0/CrmKit.Customers.dll", entries);
            Assert.Contains("lib/net10.0/CrmKit.Customers.xml", entries);
            Assert.Contains("README.md", entries);

            using var nuspecStream = zip.GetEntry("CrmKit.Customers.nuspec")!.Open();
            var nuspec = XDocument.Load(nuspecStream);
            var ns = nuspec.Root!.GetDefaultNamespace();
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.Contains(metadata.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "NodaTime");

            using var xmlDocs = new StreamReader(zip.GetEntry("lib/net10.0/CrmKit.Customers.xml")!.Open());
            Assert.Contains("T:CrmKit.Customers.PhoneNumber", xmlDocs.ReadToEnd(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int ExitCode, string Log) Dotnet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
