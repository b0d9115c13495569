using System.Diagnostics;
using System.Globalization;

namespace CrmKit.Packaging.Tests;

/// <summary>
/// The solution packed once per test run (<c>dotnet pack CrmKit.sln -c Release</c>, a version of its own so that no
/// cached package is used) into a local feed, shared by every packaging test through <see cref="PackedFeedGroup"/>;
/// removed, with the packages restored from it into the NuGet cache, when the run ends.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>The packages CrmKit ships, by id.</summary>
    public static readonly string[] Shipped =
    [
        "CrmKit.CareProcess", "CrmKit.Cli", "CrmKit.Clv", "CrmKit.Customers", "CrmKit.Engine", "CrmKit.Engine.EntityFrameworkCore", "CrmKit.EntityFrameworkCore", "CrmKit.Extensions.DependencyInjection", "CrmKit.Review", "CrmKit.Segmentation",
    ];

    public PackedFeed()
    {
        Work = Directory.CreateTempSubdirectory("crmkit-packages-").FullName;
        Version = "0.1.0-packtest." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "." + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture);
        Folder = Path.Combine(Work, "feed");
        Dotnet(RepositoryRoot.Path(), "pack", RepositoryRoot.Path("CrmKit.sln"), "-c", "Release", "-o", Folder, $"-p:Version={Version}");
    }

    /// <summary>A temporary folder for the tests' own files (the feed is in it).</summary>
    public string Work { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>The feed: the folder with the .nupkg files.</summary>
    public string Folder { get; }

    /// <summary>The path of the package <paramref name="id"/>.</summary>
    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>A new empty folder below <see cref="Work"/>.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(Work, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose()
    {
        Directory.Delete(Work, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Shipped)
        {
            var folder = Path.Combine(cache, package.ToLowerInvariant(), Version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/>, asserting it succeeds within 20 minutes; returns its standard output.</summary>
    public static string Dotnet(string workingDirectory, params string[] args) => Run("dotnet", workingDirectory, args);

    /// <summary>Runs <paramref name="program"/>, asserting it succeeds within 20 minutes; returns its standard output.</summary>
    public static string Run(string program, string workingDirectory, params string[] args)
    {
        var (code, output, error) = Start(program, workingDirectory, args);
        Assert.True(code == 0, $"{program} {string.Join(' ', args)} exited with {code}:\n{output}\n{error}");
        return output;
    }

    /// <summary>Runs <paramref name="program"/> (for at most 20 minutes: a loaded machine packs slowly); returns its exit code and output streams.</summary>
    public static (int ExitCode, string Output, string Error) Start(string program, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            // Not left running (a pack holds the build servers and the output folder) when the test gives up on it.
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 20 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
