using System.Diagnostics;

namespace CrmKit.Cli.Tests;

/// <summary>Runs the built tool (or another program) as a separate process, as a user runs it, and captures its output streams.</summary>
internal static class CliProcess
{
    /// <summary>The built tool beside the test assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "crmkit.dll");

    /// <summary>Runs <c>dotnet crmkit.dll</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output, string Error) Crmkit(string workingDirectory, params string[] args)
        => Run("dotnet", workingDirectory, [Dll, .. args]);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>, its
    /// streams redirected, <paramref name="configure"/> applied to the start info (environment); fails the test when it
    /// has not finished in three minutes (and kills it with its children).
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(string program, string workingDirectory, IEnumerable<string> args, Action<ProcessStartInfo>? configure = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        configure?.Invoke(info);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within three minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
