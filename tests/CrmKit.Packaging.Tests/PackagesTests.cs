using System.IO.Compression;
using System.Xml.Linq;

namespace CrmKit.Packaging.Tests;

/// <summary>
/// Checks every library package's contents (assembly, XML docs, README, MIT licence, symbols) and uses the packed
/// packages (<see cref="PackedFeed"/>) as a customer would: a new console project outside the
/// repository installs them from a local folder, calls AddCrmKit, classifies a customer and fits a model.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public class PackagesTests(PackedFeed feed)
{
    private static readonly string[] Shipped = PackedFeed.Shipped;

    private const string Program = """
        using CrmKit;
        using CrmKit.Customers;
        using CrmKit.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection;
        using NodaTime;

        var services = new ServiceCollection().AddCrmKit().BuildServiceProvider();
        var asOf = Instant.FromUtc(2026, 10, 31, 12, 0);
        // 300 customers drawn as BG/NBD describes them (each its own purchase rate and dropout probability, a seeded
        // generator per customer), so that the CLV fit has an interior optimum and is used.
        var customers = Enumerable.Range(1, 300).Select(i =>
        {
            var id = new CustomerId($"KH{i:D4}");
            var rng = new Random(i);
            var rate = 0.002 + (0.03 * rng.NextDouble());
            var first = 100 + rng.Next(600);
            var dropout = 0.6 * rng.NextDouble() * rng.NextDouble();
            var days = new List<double> { 0 };
            for (var t = -Math.Log(1 - rng.NextDouble()) / rate; t < first; t += -Math.Log(1 - rng.NextDouble()) / rate)
            {
                days.Add(t);
                if (rng.NextDouble() < dropout)
                {
                    break;
                }
            }

            var orders = days.Select((d, k) => new Order
            {
                Id = new OrderId($"HD{i:D4}-{k}"),
                CustomerId = id,
                PlacedAt = asOf - Duration.FromDays(first) + Duration.FromDays(d),
                Total = Money.Vnd(100_000 + (1000 * ((i * 13 + k * 7) % 500))),
                Status = OrderStatus.Completed,
            });
            return new Customer { Id = id, DisplayName = $"Khách {i}", CreatedAt = asOf - Duration.FromDays(800), History = new CustomerHistory { Orders = OrderHistory.From(orders) } };
        }).ToList();

        var value = services.GetRequiredService<CustomerValueService>().Analyse(customers, asOf);
        var segments = services.GetRequiredService<CustomerSegmentation>().Classify(customers, asOf, value.Estimates());
        Console.WriteLine($"segments of KH0001: {string.Join(",", segments.Memberships[new CrmKit.Customers.CustomerId("KH0001")].Ids)}");
        Console.WriteLine($"model: {(value.Count is null ? "none: " + string.Join("; ", value.Problems) : string.Join(",", value.CountParameters.Select(p => p.Name)))}");
        """;

    /// <summary>The packages that own a message table (Localization/Messages.resx and its .vi.resx twin).</summary>
    private static readonly string[] WithMessages = ["CrmKit.CareProcess", "CrmKit.Customers", "CrmKit.Segmentation"];

    [Fact]
    public void PackedPackages_InAFreshConsoleProject_AddCrmKitClassifyAndFit()
    {
        var version = feed.Version;
        var packages = Directory.GetFiles(feed.Folder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Shipped.Select(p => $"{p}.{version}.nupkg"), packages);
        foreach (var package in Shipped.Where(p => p != "CrmKit.Cli"))
        {
            using var zip = ZipFile.OpenRead(feed.Package(package));
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{package}.dll");
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{package}.xml");   // documentation ships with the assembly
            if (WithMessages.Contains(package))
            {
                // The messages a shop owner reads, in Vietnamese: the satellite assembly a host application loads for vi-* UI cultures.
                Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/vi/{package}.resources.dll");
            }

            Assert.True(File.Exists(Path.Combine(feed.Folder, $"{package}.{version}.snupkg")), $"{package} has no symbol package (snupkg)");
            using var nuspecStream = zip.GetEntry($"{package}.nuspec")!.Open();
            var nuspec = XDocument.Load(nuspecStream);
            var ns = nuspec.Root!.GetDefaultNamespace();
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            var dependencies = metadata.Descendants(ns + "dependency").ToList();
            Assert.NotEmpty(dependencies);
            // A package depends on the other CrmKit packages of the same release, never on another version of them.
            Assert.All(dependencies.Where(d => ((string)d.Attribute("id")!).StartsWith("CrmKit.", StringComparison.Ordinal)), d => Assert.Equal(version, (string?)d.Attribute("version")));
        }

        // The kernel's package: its documentation is the assembly's own, and it brings NodaTime.
        using (var customers = ZipFile.OpenRead(feed.Package("CrmKit.Customers")))
        {
            using var xmlDocs = new StreamReader(customers.GetEntry("lib/net10.0/CrmKit.Customers.xml")!.Open());
            Assert.Contains("T:CrmKit.Customers.PhoneNumber", xmlDocs.ReadToEnd(), StringComparison.Ordinal);
            using var nuspec = new StreamReader(customers.GetEntry("CrmKit.Customers.nuspec")!.Open());
            Assert.Contains("id=\"NodaTime\"", nuspec.ReadToEnd(), StringComparison.Ordinal);
        }

        var app = feed.NewFolder("app");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="crmkit-local" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CrmKit.Extensions.DependencyInjection" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);

        var output = Dotnet(app, "run", "--project", Path.Combine(app, "App.csproj"));

        Assert.Contains("model: r,alpha,a,b", output, StringComparison.Ordinal);
        Assert.Matches("segments of KH0001: .*individual", output);
    }

    [Fact]
    public void Tool_PublishedForThePlatform_IsReadyToRun_AndItsPackageStaysPlatformNeutral()
    {
        // Cold start (benchmarks/results/cold-start.md): published for a runtime identifier the tool and the libraries
        // it ships carry precompiled code (a ReadyToRun header in the CLI header); the tool package, built without
        // one, keeps IL only, so one package still runs on every platform.
        var work = Directory.CreateTempSubdirectory("crmkit-r2r-").FullName;
        try
        {
            var published = Path.Combine(work, "published");
            Dotnet(RepositoryRoot.Path(), "publish", RepositoryRoot.Path("src", "CrmKit.Cli", "CrmKit.Cli.csproj"), "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", published);
            foreach (var assembly in new[] { "crmkit.dll", "CrmKit.Clv.dll", "CrmKit.Customers.dll", "CrmKit.Segmentation.dll" })
            {
                Assert.True(IsReadyToRun(File.ReadAllBytes(Path.Combine(published, assembly))), $"{assembly} was published without ReadyToRun code");
            }

            // The tool package of the shared feed, packed without a runtime identifier as a user packs it.
            using var zip = ZipFile.OpenRead(feed.Package("CrmKit.Cli"));
            var tool = zip.Entries.Single(e => e.FullName.EndsWith("/any/crmkit.dll", StringComparison.Ordinal));
            using var stream = tool.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.False(IsReadyToRun(copy.ToArray()), "the platform-neutral tool package holds ReadyToRun code");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // A ReadyToRun image has a managed native header (ECMA-335 II.25.3.3, the CLI header's ManagedNativeHeader).
    private static bool IsReadyToRun(byte[] image)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static string Dotnet(string workingDirectory, params string[] args) => PackedFeed.Dotnet(workingDirectory, args);
}
