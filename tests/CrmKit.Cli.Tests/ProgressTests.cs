using Spectre.Console;

namespace CrmKit.Cli.Tests;

/// <summary>
/// The progress display of long commands: drawn on an interactive terminal, throttled, and absent — not one byte —
/// when the output is redirected or JSON is asked for.
/// </summary>
public class ProgressTests
{
    private static readonly string Store = RepositoryRoot.Path("seeds", "store");

    [Fact]
    public void Show_InteractiveConsole_DrawsEachStage_AndHoldsWarningsBackUntilTheEnd()
    {
        using var terminal = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var errorWhileRunning = "not run";

        var result = Progress.Show(console, error, (progress, warnings) =>
        {
            Assert.True(progress.IsShown);
            progress.Stage("import");
            warnings.WriteLine("customers.csv:3: warning: a held-back warning");
            progress.Stage("fit CLV models");
            var count = progress.Count("care engine", 1_000);
            for (var i = 1; i <= 1_000; i++)
            {
                count.Report(i);
            }

            errorWhileRunning = error.ToString();
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal(string.Empty, errorWhileRunning);
        Assert.Equal("customers.csv:3: warning: a held-back warning\n", error.ToString().ReplaceLineEndings("\n"));
        var drawn = terminal.ToString();
        Assert.Contains("import", drawn, StringComparison.Ordinal);
        Assert.Contains("fit CLV models", drawn, StringComparison.Ordinal);
        Assert.Contains("care engine", drawn, StringComparison.Ordinal);
        Assert.Contains("\u001b[", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_NoTerminal_RunsTheWorkWithHiddenProgress_AndWritesWarningsStraightThrough()
    {
        using var error = new StringWriter();
        var result = Progress.Show(console: null, error, (progress, warnings) =>
        {
            Assert.Same(Progress.Hidden, progress);
            Assert.False(progress.IsShown);
            progress.Stage("import");
            Assert.Same(ProgressCount.None, progress.Count("predict", 10));
            warnings.WriteLine("a warning");
            Assert.Equal("a warning\n", error.ToString().ReplaceLineEndings("\n"));
            return "done";
        });

        Assert.Equal("done", result);
    }

    [Fact]
    public void Show_WorkThrows_StillWritesTheWarningsHeldBack()
    {
        using var terminal = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes });

        var ex = Assert.Throws<InvalidOperationException>(() => Progress.Show<int>(console, error, (_, warnings) =>
        {
            warnings.WriteLine("orders.csv:9: a warning before the failure");
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("boom", ex.Message);
        Assert.Equal("orders.csv:9: a warning before the failure\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(199)]
    [InlineData(1_000_003)]
    public void ProgressCount_EveryItemReported_UpdatesTheDisplayAtMostStepsTimes(long total)
    {
        var task = new ProgressTask(1, "predict", total, autoStart: true);
        var count = new ProgressCount(task, total);

        for (var done = 1L; done <= total; done++)
        {
            count.Report(done);
        }

        Assert.InRange(count.Updates, 1, ProgressCount.Steps);
        // The last update is within one step (0.5 %) of the end; the stage's end fills the bar.
        Assert.InRange(task.Value, total - Math.Max(1, total / ProgressCount.Steps), total);
    }

    /// <summary>
    /// Commands with long work, each run as a separate process with its output redirected, as in a script or a pipe
    /// (care agenda runs run's job through the same call; --json is checked on a terminal below).
    /// </summary>
#pragma warning disable CA1861 // Built once per test run, for the theory's rows.
    public static TheoryData<string[]> LongCommands() => new()
    {
        new[] { "run", "--data", Store, "--no-report" },
        new[] { "segment", "--data", Store },
        new[] { "clv", "predict", "--horizon", "26", "--sample" },
        new[] { "replay", "--journey", RepositoryRoot.Path("seeds", "journeys", "after-sale.json"), "--from", "2025-10-01", "--to", "2025-10-03", "--data", Store },
    };
#pragma warning restore CA1861

    [Theory]
    [MemberData(nameof(LongCommands))]
    public void Command_OutputRedirected_WritesNoProgressAndNoEscapeCodes(string[] args)
    {
        var (code, output, error) = Crmkit(args, terminal: false);

        Assert.Equal(0, code);
        Assert.NotEmpty(output);
        foreach (var (name, text) in new[] { ("stdout", output), ("stderr", error) })
        {
            Assert.False(text.Contains('\u001b', StringComparison.Ordinal), $"{name} has an escape code: {Excerpt(text, '\u001b')}");
            Assert.False(text.Contains('\r', StringComparison.Ordinal), $"{name} has a carriage return: {Excerpt(text, '\r')}");
        }

        Assert.DoesNotContain("import", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Run_OnATerminal_DrawsTheStages_ButWithJsonNothing()
    {
        Skip.If(Script is null, "util-linux 'script' (to give the process a terminal) is not installed.");

        var shown = Crmkit(["run", "--data", Store, "--no-report"], terminal: true);
        var json = Crmkit(["run", "--data", Store, "--no-report", "--json"], terminal: true);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("\u001b[", shown.Output, StringComparison.Ordinal);
        foreach (var stage in new[] { "import", "merge duplicates", "fit CLV models", "classify segments", "care engine" })
        {
            Assert.Contains(stage, shown.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, json.ExitCode);
        // .NET itself switches a terminal's keypad to application mode (terminfo keypad_xmit, ESC [?1h ESC =) when it
        // sets the terminal up; beyond that, nothing but the JSON.
        var jsonText = json.Output.Replace("\u001b[?1h\u001b=", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", jsonText, StringComparison.Ordinal);
        Assert.DoesNotContain("fit CLV models", jsonText, StringComparison.Ordinal);
        Assert.StartsWith("{", jsonText.TrimStart(), StringComparison.Ordinal);
    }

    private static readonly string[] CiVariables = ["CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION", "TRAVIS", "APPVEYOR", "BITBUCKET_BUILD_NUMBER"];

    private static readonly string? Script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);

    // Runs the built tool; with terminal, under 'script', which gives it a pseudo-terminal (stdout and stderr both go
    // to the terminal, which 'script' copies to its own standard output).
    private static (int ExitCode, string Output, string Error) Crmkit(string[] args, bool terminal)
    {
        if (!terminal)
        {
            return CliProcess.Crmkit(Path.GetTempPath(), args);
        }

        var command = string.Join(' ', new[] { "dotnet", CliProcess.Dll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return CliProcess.Run(Script!, Path.GetTempPath(), ["--quiet", "--return", "--command", command, "/dev/null"], info =>
        {
            info.Environment["TERM"] = "xterm-256color";
            // Spectre.Console treats a CI server as no interactive terminal; this test is about the terminal.
            foreach (var ci in CiVariables)
            {
                info.Environment.Remove(ci);
            }
        });
    }

    private static string Excerpt(string text, char c)
    {
        var at = text.IndexOf(c, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 40), Math.Min(80, text.Length - Math.Max(0, at - 40)));
    }
}
