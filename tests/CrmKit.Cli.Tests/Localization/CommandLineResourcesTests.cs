using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21: System.CommandLine's Vietnamese satellite (src/System.CommandLine.vi) is found beside the tool and has
/// every text the library's neutral table has, with the same placeholders and in Vietnamese — so that an upgrade of
/// the library that adds a text fails here instead of printing English.
/// </summary>
public sealed partial class CommandLineResourcesTests
{
    private static readonly ResourceManager Table = new("System.CommandLine.Properties.Resources", typeof(RootCommand).Assembly);

    [Fact]
    public void VietnameseSatellite_HasEveryKeyOfTheLibrary_WithItsPlaceholders()
    {
        var neutral = Entries(CultureInfo.InvariantCulture, tryParents: true);
        var vietnamese = Entries(CultureInfo.GetCultureInfo("vi"), tryParents: false);
        Assert.True(neutral.Count >= 30, $"System.CommandLine's table has {neutral.Count} texts");
        Assert.Equal(neutral.Keys.Order(StringComparer.Ordinal), vietnamese.Keys.Order(StringComparer.Ordinal));
        Assert.All(neutral, e =>
        {
            Assert.Equal(Placeholders(e.Value), Placeholders(vietnamese[e.Key]));
            Assert.NotEqual(e.Value, vietnamese[e.Key]);
        });
    }

    [Fact]
    public void VietnameseSatellite_IsWhatTheLibraryReads()
    {
        Assert.Equal("Cách dùng:", Table.GetString("HelpUsageTitle", CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("Usage:", Table.GetString("HelpUsageTitle", CultureInfo.GetCultureInfo("en")));
    }

    private static Dictionary<string, string> Entries(CultureInfo culture, bool tryParents)
        => Table.GetResourceSet(culture, createIfNotExists: true, tryParents)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
