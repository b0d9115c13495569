using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace CrmKit.Packaging.Tests;

/// <summary>
/// Packs the whole solution and uses the packages as a customer would: a new console project outside the repository
/// installs them from a local folder, calls AddCrmKit, classifies a customer and fits a model.
/// </summary>
public class PackagesTests
{
    private static readonly string[] Shipped =
    [
        "CrmKit.CareProcess", "CrmKit.Cli", "CrmKit.Clv", "CrmKit.Customers", "CrmKit.Engine", "CrmKit.Engine.EntityFrameworkCore", "CrmKit.EntityFrameworkCore", "CrmKit.Extensions.DependencyInjection", "CrmKit.Review", "CrmKit.Segmentation",
    ];

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

    [Fact]
    public void PackedPackages_InAFreshConsoleProject_AddCrmKitClassifyAndFit()
    {
        var work = Directory.CreateTempSubdirectory("crmkit-packages-").FullName;
        var version = "0.1.0-packtest." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "." + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        try
        {
            var feed = Path.Combine(work, "feed");
            Dotnet(RepositoryRoot.Path(), "pack", RepositoryRoot.Path("CrmKit.sln"), "-c", "Release", "-o", feed, $"-p:Version={version}");

            var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Shipped.Select(p => $"{p}.{version}.nupkg"), packages);
            foreach (var package in Shipped.Where(p => p != "CrmKit.Cli"))
            {
                using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{package}.{version}.nupkg"));
                Assert.Contains(zip.Entries, e => e.FullName == "README.md");
                Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{package}.xml");   // documentation ships with the assembly
            }

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="crmkit-local" value="{feed}" />
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
        finally
        {
            Directory.Delete(work, recursive: true);
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var package in Shipped)
            {
                var folder = Path.Combine(cache, package.ToLowerInvariant(), version);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
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

            var feed = Path.Combine(work, "feed");
            Dotnet(RepositoryRoot.Path(), "pack", RepositoryRoot.Path("src", "CrmKit.Cli", "CrmKit.Cli.csproj"), "-c", "Release", "-o", feed);
            using var zip = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(feed, "CrmKit.Cli.*.nupkg")));
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

    private static string Dotnet(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"dotnet {string.Join(' ', args)} did not finish in 10 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
