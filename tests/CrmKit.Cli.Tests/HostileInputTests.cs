namespace CrmKit.Cli.Tests;

/// <summary>
/// Issue 18, item 5: values outside their documented range are refused where they enter (an option: wrong usage,
/// exit code 2; a file: bad input, exit code 1, with the JSON path), and no exception other than CrmKit's reaches the
/// user: each input below crashed the tool with an unhandled exception before.
/// </summary>
public sealed class HostileInputTests
{
    private static string Help(string command) => $"\nRun 'crmkit {command} --help' for its options.";

    private static string Write(string name, string text)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("crmkit-hostile-").FullName, name);
        File.WriteAllText(file, text);
        return file;
    }

    public static TheoryData<string[], string> OutOfRangeOptions => new()
    {
        { ["run", "--as-of", "9999-12-31", "--no-report"], "crmkit: Invalid --as-of: 9999-12-31 is outside 1900-01-01 to 2999-12-31." + Help("run") },
        { ["segment", "--as-of", "9999-12-31"], "crmkit: Invalid --as-of: 9999-12-31 is outside 1900-01-01 to 2999-12-31." + Help("segment") },
        { ["care", "agenda", "--as-of", "1899-12-31"], "crmkit: Invalid --as-of: 1899-12-31 is outside 1900-01-01 to 2999-12-31." + Help("care agenda") },
        { ["run", "--review-days", "2147483647", "--no-report"], "crmkit: Invalid --review-days: 2147483647 is not a number of days from 1 to 36,525." + Help("run") },
        { ["run", "--review-days", "0", "--no-report"], "crmkit: Invalid --review-days: 0 is not a number of days from 1 to 36,525." + Help("run") },
        { ["care", "agenda", "--lookback-days", "2147483647"], "crmkit: Invalid --lookback-days: 2147483647 is not a number of days from 1 to 36,525." + Help("care agenda") },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeOptions))]
    public void Option_OutOfRange_IsWrongUsage_BeforeAnyWork(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.Trim().ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void Catalogue_RfmRecencyBoundOf1e20_IsBadInputWithItsPath()
    {
        var file = Write("segments.json", """
            {"rfm":{"method":"fixed","recencyDays":[1e20,120,60,30],"frequency":[2,3,5,8],"monetary":[1,2,3,4]},
             "segments":[{"id":"all","name":"All","rule":true}]}
            """);
        var (code, _, error) = CliRunner.Run("segment", "--segments", file);
        Assert.Equal(1, code);
        Assert.Equal("crmkit: Invalid rule: segments.json: $.rfm.recencyDays[0]: expected a whole number of days from 0 to 36,525, found 100000000000000000000.", error.Trim());
    }

    [Fact]
    public void Catalogue_RfmWindowOfIntMax_IsBadInputWithItsPath()
    {
        var file = Write("segments.json", """{"rfm":{"method":"quintiles","windowDays":2147483647},"segments":[{"id":"all","name":"All","rule":true}]}""");
        var (code, _, error) = CliRunner.Run("segment", "--segments", file);
        Assert.Equal(1, code);
        Assert.Equal("crmkit: Invalid rule: segments.json: $.rfm.windowDays: expected a whole number of days from 1 to 36,525, found 2147483647.", error.Trim());
    }

    [Fact]
    public void Catalogue_LoneSurrogate_IsBadInputWithItsLineAndColumn()
    {
        var file = Write("segments.json", "{\"segments\":[\n{\"id\":\"all\",\"name\":\"A\\ud800\",\"rule\":true}]}");
        var (code, _, error) = CliRunner.Run("segment", "--segments", file);
        Assert.Equal(1, code);
        Assert.Equal(
            "crmkit: Invalid rule: segments.json: $: not valid JSON: line 2, column 22: a lone surrogate \\uD800 stands for no character (JSON text must be valid Unicode).",
            error.Trim());
    }

    [Fact]
    public void Explain_WindowOfIntMaxDays_NeverEscapesAsAnUnhandledException()
    {
        // Whether such a window is refused when the rule is read is issue 17's (documented ranges of rule numbers);
        // here: whatever happens, the user gets a crmkit message and a documented exit code, not a stack trace.
        var file = Write("segments.json", """{"segments":[{"id":"w","name":"W","rule":{"field":"orders.count","days":2147483647,"op":">=","value":1}}]}""");
        var (code, _, error) = CliRunner.Run("segment", "--segments", file, "--explain", "KH00002", "--as-of", "2026-10-31");
        Assert.True(code is 0 or 1 or 3, $"exit code {code}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.True(code == 0 || error.StartsWith("crmkit: ", StringComparison.Ordinal), error);
    }

    private static string Process(string transitions) => $$"""
        {"id":"p","name":"P","initial":"a",
         "states":[{"id":"a"},{"id":"b"}],
         "triggers":[{"id":"go"}],
         "transitions":[{{transitions}}]}
        """;

    [Fact]
    public void ProcessFile_TimerOf11400Years_IsRefusedWhenRead()
    {
        // 11,400 years (4,163,850 days, written in hours as durations are) passed validation and threw at Start().
        var file = Write("p.json", Process("""{"from":"a","to":"b","timer":{"type":"after","delay":"99932400:00:00"}}"""));
        var (code, _, error) = CliRunner.Run("care", "diagram", file);
        Assert.Equal(1, code);
        Assert.Contains("p.json:4:62: $.transitions[0].timer.delay: 4,163,850 days is longer than 36,525 days (ProcessLimits.MaxDelayDays)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessFile_EffectWhoseTypeIsNotTheFirstProperty_IsReadCorrectly()
    {
        var file = Write("p.json", Process("""{"from":"a","to":"b","trigger":"go","effects":[{"role":"care","type":"assign"}]}"""));
        var (code, output, error) = CliRunner.Run("care", "diagram", file);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, code);
        Assert.Contains("a --> b", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessFile_LoneSurrogate_IsBadInputWithItsLocation()
    {
        var file = Write("p.json", Process("""{"from":"a","to":"b","trigger":"go","effects":[{"type":"assign","role":"\udc00"}]}"""));
        var (code, _, error) = CliRunner.Run("care", "diagram", file);
        Assert.Equal(1, code);
        Assert.Contains("p.json:4:89: a lone surrogate \\uDC00 stands for no character", error, StringComparison.Ordinal);
    }
}
