using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Cli.Tests.Localization;

/// <summary>
/// Issue 21, "two languages, one switch": every resource exists in both languages with the same placeholders, the
/// language is chosen by --lang, then CRMKIT_LANG, then the culture, and people-facing figures are written as each
/// language writes them (expected texts worked by hand from vi-VN's conventions: '.' groups, ',' decimals, '₫').
/// </summary>
public sealed partial class LanguageTests
{
    /// <summary>
    /// Every resource table of the tool (Strings, ReportStrings, ProfileStrings …) and of the libraries it shows text
    /// from (each package's Localization.Messages, shipped as its satellite assembly), by base name.
    /// </summary>
    public static TheoryData<string> Tables()
    {
        var names = TableAssemblies
            .SelectMany(a => a.GetManifestResourceNames())
            .Where(n => n.Contains(".Localization.", StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length])
            .ToList();
        Assert.Contains("CrmKit.Cli.Localization.Strings", names);
        Assert.Contains("CrmKit.Customers.Localization.Messages", names);
        return [.. names];
    }

    // The tool and every library package with a message table.
    private static readonly System.Reflection.Assembly[] TableAssemblies =
    [
        typeof(UiLanguage).Assembly,
        typeof(Customer).Assembly,
        typeof(CrmKit.CareProcess.Planning.ContactReason).Assembly,
        typeof(CrmKit.Segmentation.Explanation).Assembly,
    ];

    internal static Dictionary<string, string> Table(string baseName, string culture)
    {
        var assembly = TableAssemblies.Single(a => baseName.StartsWith(a.GetName().Name == "crmkit" ? "CrmKit.Cli." : a.GetName().Name + ".", StringComparison.Ordinal));
        var set = new ResourceManager(baseName, assembly).GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"{baseName}: no resources for '{culture}'");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryResource_ExistsInBothLanguages_WithTheSamePlaceholders(string table)
    {
        var english = Table(table, CultureInfo.InvariantCulture.Name);
        var vietnamese = Table(table, "vi");
        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), vietnamese.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(vietnamese[key]), $"{key}: empty in Vietnamese");
            Assert.True(
                Placeholders(text).SequenceEqual(Placeholders(vietnamese[key])),
                $"{key}: placeholders {string.Join(",", Placeholders(text))} in English, {string.Join(",", Placeholders(vietnamese[key]))} in Vietnamese");
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void VietnameseResources_AreNotEnglishLeftUntranslated(string table)
    {
        var english = Table(table, CultureInfo.InvariantCulture.Name);
        var vietnamese = Table(table, "vi");
        var same = english.Where(e => e.Value.Length > 12 && e.Value == vietnamese[e.Key]).Select(e => e.Key).ToList();
        Assert.True(same.Count == 0, $"the same text in both languages: {string.Join(", ", same)}");
    }

    private static IEnumerable<int> Placeholders(string format)
        => PlaceholderPattern().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order();

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [Theory]
    [InlineData(new[] { "run", "--lang", "vi" }, null, "en-US", "vi")]
    [InlineData(new[] { "run", "--lang=EN" }, "vi", "vi-VN", "en")]
    [InlineData(new[] { "run" }, "vi-VN", "en-US", "vi")]
    [InlineData(new[] { "run" }, null, "vi-VN", "vi")]
    [InlineData(new[] { "run" }, null, "fr-FR", "en")]
    [InlineData(new[] { "run" }, null, "", "en")]
    [InlineData(new[] { "run", "--", "--lang", "vi" }, null, "en-US", "en")]
    public void Language_IsTheOption_ThenTheEnvironment_ThenTheCulture(string[] args, string? environment, string culture, string expected)
    {
        var language = UiLanguage.Resolve(args, name => name == UiLanguage.EnvironmentVariable ? environment : null, CultureInfo.GetCultureInfo(culture), out var unknown);
        Assert.Null(unknown);
        Assert.Equal(expected, language.Code);
    }

    [Fact]
    public void UnknownLanguage_IsWrongUsage_NamingTheValue()
    {
        var (code, output, error) = CliRunner.Run(["presets", "--lang", "fr"]);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("'fr' is not a language crmkit speaks; use vi or en.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsInTheChosenLanguage()
    {
        var (code, output, _) = CliRunner.Run(["--help", "--lang", "vi"]);
        Assert.Equal(0, code);
        Assert.Contains("chăm sóc khách hàng cho cửa hàng", output, StringComparison.Ordinal);
        (code, output, _) = CliRunner.Run(["--help", "--lang", "en"]);
        Assert.Equal(0, code);
        Assert.Contains("customer care for shops", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vi", "1.114.829.000 ₫", "2.390.000,50 USD", "31/10/2026", "31/10/2026 14:05", "12,5 %", "1.234.567")]
    [InlineData("en", "1,114,829,000 VND", "2,390,000.50 USD", "2026-10-31", "2026-10-31 14:05", "12.5 %", "1,234,567")]
    public void Figures_AreWrittenAsTheLanguageWritesThem(string code, string vnd, string usd, string date, string dateTime, string percent, string number)
    {
        var language = UiLanguage.Find(code)!;
        language.Apply(() =>
        {
            Assert.Equal(vnd, Display.Money(Money.Vnd(1_114_829_000m)));
            Assert.Equal(usd, Display.Money(new Money(2_390_000.5m, Currency.Usd)));
            Assert.Equal(date, Display.Date(new LocalDate(2026, 10, 31)));
            Assert.Equal(dateTime, Display.DateTime(new LocalDateTime(2026, 10, 31, 14, 5)));
            Assert.Equal(percent, Display.Percent(0.125));
            Assert.Equal(number, Display.Number(1_234_567));
            Assert.Equal("–", Display.Money(null));
            Assert.Equal("–", Display.Percent(double.NaN));
            return 0;
        });
    }
}
