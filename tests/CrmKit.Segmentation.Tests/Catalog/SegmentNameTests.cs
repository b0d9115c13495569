using System.Globalization;

namespace CrmKit.Segmentation.Tests;

/// <summary>Segment names and descriptions by language (issue 21): the built-ins in Vietnamese, the catalogue JSON in both shapes.</summary>
public sealed class SegmentNameTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public void BuiltIns_EverySegmentHasItsOwnVietnameseNameAndDescription()
    {
        Assert.Equal(40, BuiltInSegments.Catalog.Segments.Length);
        foreach (var s in BuiltInSegments.Catalog.Segments)
        {
            Assert.Equal(["en", "vi"], s.Name.Texts.Keys);
            Assert.NotEqual(s.Name.Get(CultureInfo.InvariantCulture), s.Name.Get(Vietnamese));
            Assert.NotNull(s.Description);
            Assert.NotEqual(s.Description.Get(CultureInfo.InvariantCulture), s.Description.Get(Vietnamese));
        }

        Assert.Equal("Khách lâu không quay lại", BuiltInSegments.Catalog["lapsed"].Name.Get(Vietnamese));
        Assert.Equal("Lapsed (not returned)", BuiltInSegments.Catalog["lapsed"].Name.Get(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_PlainAndLocalizedNames_RoundTrip()
    {
        var json = """
            {"segments": [
              {"id": "old", "name": "Old style", "description": "Same in every language.", "rule": true},
              {"id": "new-style", "name": {"vi": "Khách mới", "en": "New"}, "rule": true}
            ]}
            """;
        var catalog = SegmentCatalog.Parse(json);
        Assert.True(catalog["old"].Name.IsSameInEveryLanguage);
        Assert.Equal("Old style", catalog["old"].Name.Get(Vietnamese));
        Assert.Equal("Khách mới", catalog["new-style"].Name.Get(Vietnamese));
        Assert.Equal("New", catalog["new-style"].Name.Get(CultureInfo.InvariantCulture));
        Assert.Null(catalog["new-style"].Description);

        var again = SegmentCatalog.Parse(catalog.ToJson());
        Assert.Equal(catalog["old"].Name, again["old"].Name);
        Assert.Equal(catalog["old"].Description, again["old"].Description);
        Assert.Equal(catalog["new-style"].Name, again["new-style"].Name);
        Assert.Contains("\"name\": \"Old style\"", catalog.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BadNames_EveryProblemWithItsPath()
    {
        var json = """
            {"segments": [
              {"id": "a", "name": {"vi": ""}, "rule": true},
              {"id": "b", "name": "B", "description": {"english": "x"}, "rule": true},
              {"id": "c", "name": ["C"], "rule": true}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => SegmentCatalog.Parse(json));
        Assert.Equal(
        [
            "$.segments[0].name.vi: expected a non-blank text, found \"\".",
            "$.segments[1].description.english: 'english' is not a language tag .NET knows; use one such as \"vi\", \"en\" or \"vi-VN\".",
            "$.segments[2].name: expected a text or an object of texts by language ({\"vi\": \"…\", \"en\": \"…\"}), found [\"C\"].",
        ], e.Problems.Select(p => p.ToString()));
    }
}
