using System.Collections.Concurrent;

namespace CrmKit.Cli.Tests;

/// <summary>Runs the tool in-process and captures what it prints.</summary>
internal static class CliRunner
{
    // Arguments joined with a separator no argument contains → the one run of those arguments in this test run.
    private static readonly ConcurrentDictionary<string, Lazy<(int ExitCode, string Output, string Error)>> SharedRuns = new(StringComparer.Ordinal);

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CrmKitCommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The result of <see cref="Run"/> with <paramref name="args"/>, run once per test run and shared by every test that
    /// asks for the same arguments in the same order. Only for runs that read the repository's seeds and write no file
    /// (their output depends on the arguments alone), e.g. <c>run --data seeds/store --no-report --json</c>, read by
    /// ReportTests, CareEngineRunTests and SampleDataTests. A run that writes a file, or reads one a test made, goes
    /// through <see cref="Run"/>. Returns the exit code and what the run wrote to standard output and standard error.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Shared(params string[] args)
        => SharedRuns.GetOrAdd(string.Join('\u001f', args), _ => new(() => Run(args), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
