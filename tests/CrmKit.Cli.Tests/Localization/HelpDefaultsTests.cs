using System.CommandLine;
using System.Text.RegularExpressions;
using CrmKit.Cli.Localization;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: <c>--help</c> states each option's default once. System.CommandLine writes <c>[default: 90]</c>
/// (<c>[mặc định: 90]</c> through the Vietnamese satellite) for every option with a default value, so the description
/// must not say it again ("… Default 90. [default: 90]").
/// </summary>
public sealed partial class HelpDefaultsTests
{
    public static TheoryData<string> Languages() => ["en", "vi"];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryOptionWithADefault_DescriptionDoesNotRepeatIt(string language)
    {
        var withDefault = UiLanguage.Find(language)!.Apply(() => Options(CrmKitCommandLine.Build(TextWriter.Null, TextWriter.Null))
            .Where(o => o.Option.HasDefaultValue)
            .Select(o => (o.Path, o.Option.Name, o.Option.Description))
            .ToList());

        // Guard against vacuity: the commands have a few dozen options with a default value factory.
        Assert.True(withDefault.Count >= 20, $"{withDefault.Count} options with a default");
        var repeated = withDefault.Where(o => o.Description is { } d && DefaultSentence().IsMatch(d)).Select(o => $"{o.Path} {o.Name}: {o.Description}").ToList();
        Assert.True(repeated.Count == 0, "Descriptions that repeat the default System.CommandLine shows:\n" + string.Join("\n", repeated));
    }

    [Fact]
    public void RunHelp_ShowsTheDefaultOnce_InEachLanguage()
    {
        var (_, en, _) = CliRunner.Run(["run", "--help", "--lang", "en"]);
        Assert.Single(Regex.Matches(en, @"\[default: 90\]"));
        Assert.DoesNotContain("Default 90", en, StringComparison.Ordinal);

        var (_, vi, _) = CliRunner.Run(["run", "--help", "--lang", "vi"]);
        Assert.Single(Regex.Matches(vi, @"\[mặc định: 90\]"));
        Assert.DoesNotContain("Mặc định 90", vi, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSentence_FindsTheRepeatedDefaultInBothLanguages()
    {
        Assert.Matches(DefaultSentence(), "The review period (1 to 36,525). Default 90.");
        Assert.Matches(DefaultSentence(), "Kỳ đánh giá (từ 1 đến 36.525). Mặc định 90.");
        Assert.Matches(DefaultSentence(), "Where to write the report. Default: crmkit-report.html.");
        Assert.DoesNotMatch(DefaultSentence(), "Exit with code 1 when any row is rejected (by default up to --max-rejected of them may be).");
    }

    // Every option of every command, with the command's path (run, clv fit …); recursive options once, on the root.
    private static IEnumerable<(string Path, Option Option)> Options(Command command, string path = "crmkit")
        => command.Options.Select(o => (path, o)).Concat(command.Subcommands.SelectMany(c => Options(c, path + " " + c.Name)));

    // A sentence of the description that states a default: "Default 90.", "Default: …", "Mặc định 90.".
    [GeneratedRegex(@"(^|[.;)]\s+)(Default|Mặc định)\b")]
    private static partial Regex DefaultSentence();
}
