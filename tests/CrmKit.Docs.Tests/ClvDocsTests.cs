using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Docs.Tests;

/// <summary>The CLV defaults, ranges and model lists in the docs are the named constants and descriptors of CrmKit.Clv.</summary>
public partial class ClvDocsTests
{
    private static string Doc(string name) => File.ReadAllText(RepositoryRoot.Path("docs", name)).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static Dictionary<string, (string Default, string Meaning)> ClvSettingsTable()
        => SettingRow().Matches(Doc("dependency-injection.md")).ToDictionary(m => m.Groups["key"].Value, m => (m.Groups["default"].Value.Trim(), m.Groups["meaning"].Value.Trim()));

    [Fact]
    public void DependencyInjectionTable_ClvDefaultsAndRanges_AreTheNamedConstants()
    {
        var table = ClvSettingsTable();
        var inv = CultureInfo.InvariantCulture;
        Assert.Equal($"`{CountModels.Get(ClvDefaults.Model).Id}`", table["Model"].Default);
        Assert.Equal(string.Join(", ", CountModels.All.Take(CountModels.All.Length - 1).Select(m => $"`{m.Id}`")) + $" or `{CountModels.All[^1].Id}`", table["Model"].Meaning);
        Assert.Equal($"`{TimeUnits.Id(ClvDefaults.Unit)}`", table["PeriodUnit"].Default);
        Assert.Equal(string.Join(", ", TimeUnits.Ids.Take(TimeUnits.Ids.Length - 1).Select(u => $"`{u}`")) + $" or `{TimeUnits.Ids[^1]}`", table["PeriodUnit"].Meaning);
        Assert.Equal(ClvDefaults.Horizon.ToString(inv), table["Horizon"].Default);
        Assert.Equal(ClvDefaults.DiscountRate.ToString(inv), table["DiscountRate"].Default);
        Assert.Equal(string.Create(inv, $"per step (the horizon is cut into {ClvDefaults.Steps} steps), in [{ClvDefaults.MinConfiguredDiscountRate}, {ClvDefaults.MaxConfiguredDiscountRate})"), table["DiscountRate"].Meaning);
        Assert.Equal(ClvDefaults.Margin.ToString(inv), table["Margin"].Default);
        Assert.Equal(string.Create(inv, $"profit margin applied to spend, in (0, {ClvDefaults.MaxConfiguredMargin}]"), table["Margin"].Meaning);
        Assert.Equal(ClvDefaults.Penalizer.ToString(inv), table["Penalizer"].Default);
    }

    [Fact]
    public void ClvCommandLine_ModelLists_AreTheDescriptorsIds()
    {
        var ids = string.Join('|', CountModels.All.Select(m => m.Id));
        var doc = Doc("clv.md");
        Assert.Contains($"crmkit clv fit --model {ids}|gamma-gamma ", doc, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"crmkit clv predict --horizon {ClvDefaults.Horizon} [--model {ids}] [--margin 0.3] [--discount-rate {ClvDefaults.DiscountRate}]"), doc, StringComparison.Ordinal);
        Assert.Contains($"crmkit run --model auto|{ids} ", doc, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| `CrmKit:Clv:(?<key>\w+)` \| (?<default>[^|]+) \| (?<meaning>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
