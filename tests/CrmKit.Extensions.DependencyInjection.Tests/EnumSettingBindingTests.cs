using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Serialization;
using CrmKit.Review;
using CrmKit.Segmentation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrmKit.Extensions.DependencyInjection.Tests;

public class EnumSettingBindingTests
{
    private static CrmKitOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddCrmKit(crm => crm.Bind(configuration.GetSection("CrmKit")));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CrmKitOptions>>().Value;
    }

    /// <summary>Issue 17 item 1: the configuration binder reads enums with Enum.Parse, so "Flag,Erase" became Erase.</summary>
    [Theory]
    [InlineData("Flag,Erase")]
    [InlineData("Flag, Erase")]
    [InlineData("1")]
    [InlineData("Nuke")]
    public void Bind_EnumSettingListNumberOrUnknown_FailsValidationWithItsPath(string text)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CrmKit:PersonalData:RetentionAction"] = text }).Build();
        var services = new ServiceCollection();
        services.AddCrmKit(crm => crm.Bind(configuration.GetSection("CrmKit")));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal($"CrmKit:PersonalData:RetentionAction: '{text}' is not one of Flag, Erase.", ex.Message);
    }

    /// <summary>
    /// Trial fault: a bad value threw the binder's raw "Failed to convert … at 'Engine:Hosting:PollInterval'" (no CrmKit:,
    /// alone), and a typo'd key was ignored. Now every one is a problem with its full key, listed together at start.
    /// </summary>
    [Fact]
    public void Bind_BadValuesAndUnknownKeys_AreListedTogetherWithTheirFullKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CrmKit:Engine:Hosting:PollInterval"] = "ten-seconds",
            ["CrmKit:Engine:BuiltInJourneys"] = "no",
            ["CrmKit:Engine:Dispach:BatchSize"] = "50",
            ["CrmKit:Clv:Horizon"] = "fifty",
            ["CrmKit:Care:LookbackHours"] = "24",
            ["CrmKit:Engine:Dispatch:BatchSize"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddCrmKit(crm => crm.Bind(configuration.GetSection("CrmKit")).AddEngine());
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "CrmKit:Clv:Horizon: 'fifty' is not a number (invariant culture, e.g. 0.01).",
                "CrmKit:Engine:BuiltInJourneys: 'no' is not true or false.",
                "CrmKit:Engine:Dispach:BatchSize: there is no setting 'Dispach' under CrmKit:Engine (settings: BuiltInJourneys, Dispatch, Hosting, JourneyFolder, Journeys).",
                "CrmKit:Engine:Hosting:PollInterval: 'ten-seconds' is not a time span ([d.]hh:mm:ss, e.g. 00:00:10).",
            ],
            ex.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bind_GoodValues_BindWithoutProblems()
    {
        var options = Bound(("CrmKit:Engine:Hosting:PollInterval", "00:00:05"), ("CrmKit:Engine:BuiltInJourneys", "false"), ("CrmKit:Engine:Dispatch:BatchSize", "50"), ("CrmKit:Clv:Horizon", "26.5"));

        Assert.Empty(options.BindingProblems);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Engine.Hosting.PollInterval);
        Assert.False(options.Engine.BuiltInJourneys);
        Assert.Equal(50, options.Engine.Dispatch.BatchSize);
        Assert.Equal(26.5, options.Clv.Horizon);
    }

    [Theory]
    [InlineData("Erase")]
    [InlineData("erase")]
    [InlineData(" ERASE ")]
    public void Bind_EnumSettingByName_Binds(string text)
        => Assert.Equal(RetentionAction.Erase, Bound(("CrmKit:PersonalData:RetentionAction", text)).PersonalData.RetentionAction);

    [Fact]
    public void Bind_OtherSettings_StillBindBesideTheEnumOnes()
    {
        var options = Bound(("CrmKit:PersonalData:RetentionAction", "Erase"), ("CrmKit:PersonalData:RetentionYears", "5"), ("CrmKit:Care:LookbackHours", "48"), ("CrmKit:TimeZone", "Asia/Bangkok"));
        Assert.Equal((RetentionAction.Erase, 5, 48, "Asia/Bangkok"), (options.PersonalData.RetentionAction, options.PersonalData.RetentionYears, options.Care.LookbackHours, options.TimeZone));
    }

    /// <summary>Every enum setting, found by reflection, rejects a list of two of its names: a new one cannot skip the rule.</summary>
    [Fact]
    public void Bind_EveryEnumSetting_RejectsAListOfTwoNames()
    {
        var settings = EnumSettingBinding.EnumSettings(new CrmKitOptions()).ToList();
        Assert.Contains(settings, s => s.Path == "PersonalData:RetentionAction");
        foreach (var (path, _, property) in settings)
        {
            var names = Enum.GetNames(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            var options = new CrmKitOptions();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [path] = $"{names[0]},{names[^1]}" }).Build();
            EnumSettingBinding.Bind(configuration, options);
            Assert.Equal($"CrmKit:{path}: '{names[0]},{names[^1]}' is not one of {string.Join(", ", names)}.", Assert.Single(options.BindingProblems).ToString());
        }
    }

    /// <summary>Every public enum of every CrmKit package, through CrmKit's JSON: each name reads, a list and a number do not.</summary>
    [Fact]
    public void Json_EveryEnumOfEveryPackage_ReadsNamesOnly()
    {
        var assemblies = new[] { typeof(Customer), typeof(Rule), typeof(ProcessDefinition), typeof(BetaGeoModel), typeof(ReviewOptions), typeof(CrmKitOptions) }.Select(t => t.Assembly).Distinct().ToList();
        var enums = assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum).ToList();
        Assert.True(enums.Count >= 30, $"only {enums.Count} enums found");
        foreach (var type in enums)
        {
            var names = Enum.GetNames(type);
            foreach (var name in names)
            {
                var camel = char.ToLowerInvariant(name[0]) + name[1..];
                Assert.Equal(name, JsonSerializer.Deserialize($"\"{camel}\"", type, CrmKitJson.Options)!.ToString());
            }

            if (names.Length > 1)
            {
                var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($"\"{names[0]},{names[1]}\"", type, CrmKitJson.Options));
                Assert.StartsWith("expected one of ", ex.Message, StringComparison.Ordinal);
            }

            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"0\"", type, CrmKitJson.Options));
        }
    }
}
