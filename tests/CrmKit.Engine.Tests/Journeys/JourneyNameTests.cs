using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Engine.Tests;

/// <summary>Journey names and descriptions by language (issue 21).</summary>
public sealed class JourneyNameTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public void BuiltIns_EveryJourneyAndEngineProcessHasItsOwnVietnameseTexts()
    {
        Assert.Equal(9, BuiltInJourneys.All.Length);
        LocalizedText?[] texts =
        [
            .. BuiltInJourneys.All.SelectMany(j => new[] { j.Name, j.Description }),
            .. BuiltInJourneys.Processes.SelectMany(p => new[] { p.Model.Name, p.Model.Description }.Concat(p.Model.States.Select(s => s.Description))),
        ];
        Assert.All(texts, t =>
        {
            Assert.NotNull(t);
            Assert.Equal(["en", "vi"], t.Texts.Keys);
            Assert.NotEqual(t.Get(CultureInfo.InvariantCulture), t.Get(Vietnamese));
        });
        Assert.Equal("Chúc Tết", BuiltInJourneys.Tet.Name!.Get(Vietnamese));
    }

    [Fact]
    public void Read_LocalizedName_AndABadOne()
    {
        var json = JourneyJson.Write(BuiltInJourneys.Birthday);
        Assert.Contains("\"vi\": \"Chúc mừng sinh nhật\"", json, StringComparison.Ordinal);

        var bad = json.Replace("\"vi\": \"Chúc mừng sinh nhật\"", "\"vi\": 7", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidJourneyException>(() => JourneyJson.Read(bad, "birthday.json"));
        Assert.Contains("$.name.vi: expected a text, found 7.", e.Message, StringComparison.Ordinal);
    }
}
