using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public class LocalizedTextTests
{
    private static readonly LocalizedText Both = LocalizedText.Create([new("vi", "Khách hàng mới"), new("en", "New customers")]);

    [Fact]
    public void AnySerializerOptions_WriteTheTexts_NeverTheTypesProperties()
    {
        // Found by a newcomer trial: a tool's own JsonSerializerOptions (without CrmKitJson) wrote
        // {"IsSameInEveryLanguage":false,"Texts":{…}}. The type now names its converter.
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Assert.Equal("""{"en":"New customers","vi":"Khách hàng mới"}""", System.Text.Json.JsonSerializer.Serialize(Both, options));
        Assert.Equal("\"VIP\"", System.Text.Json.JsonSerializer.Serialize((LocalizedText)"VIP", options));
        Assert.Equal(Both, System.Text.Json.JsonSerializer.Deserialize<LocalizedText>("""{"vi":"Khách hàng mới","en":"New customers"}"""));
    }

    [Theory]
    [InlineData("vi-VN", "Khách hàng mới")]
    [InlineData("vi", "Khách hàng mới")]
    [InlineData("en-GB", "New customers")]
    [InlineData("en", "New customers")]
    [InlineData("fr-FR", "New customers")]
    [InlineData("", "New customers")]
    public void Get_FallsBackFromTheCultureToItsParentsThenEnglish(string culture, string expected)
        => Assert.Equal(expected, Both.Get(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Get_RegionalTextWinsOverTheLanguage_AndAnyLanguageIsTheLastResort()
    {
        var text = LocalizedText.Create([new("vi", "chung"), new("vi-VN", "riêng"), new("fr", "français")]);
        Assert.Equal("riêng", text.Get(CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("chung", text.Get(CultureInfo.GetCultureInfo("vi")));

        // No English: the first language in ordinal order of the tags (fr < vi < vi-VN).
        Assert.Equal("français", text.Get(CultureInfo.GetCultureInfo("de")));
    }

    [Fact]
    public void PlainString_IsTheSameInEveryLanguage()
    {
        LocalizedText text = "VIP";
        Assert.True(text.IsSameInEveryLanguage);
        Assert.Equal("VIP", text.Get(CultureInfo.GetCultureInfo("vi-VN")));
        Assert.Equal("VIP", text.Get(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToString_IsTheTextOfTheCurrentUICulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
            Assert.Equal("Khách hàng mới", Both.ToString());
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("New customers", Both.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void WithText_KeepsASingleTextAsEnglish()
    {
        var text = new LocalizedText("Lost").WithText("vi", "Đã mất");
        Assert.False(text.IsSameInEveryLanguage);
        Assert.Equal(["en", "vi"], text.Texts.Keys);
        Assert.Equal("Lost", text.Get(CultureInfo.InvariantCulture));
        Assert.Equal("Đã mất", text.Get(CultureInfo.GetCultureInfo("vi-VN")));
    }

    [Fact]
    public void Equality_ComparesTagsIgnoringCaseAndTextsOrdinally()
    {
        Assert.Equal(Both, LocalizedText.Create([new("EN", "New customers"), new("VI", "Khách hàng mới")]));
        Assert.Equal(Both.GetHashCode(), LocalizedText.Create([new("EN", "New customers"), new("VI", "Khách hàng mới")]).GetHashCode());
        Assert.NotEqual(Both, LocalizedText.Create([new("vi", "Khách hàng mới"), new("en", "new customers")]));
        Assert.NotEqual(new LocalizedText("New customers"), LocalizedText.Create([new("en", "New customers")]));
    }

    [Fact]
    public void Create_RejectsUnknownTagsDuplicatesBlanksAndNothing()
    {
        Assert.Equal("'xx-notalanguage' is not a language tag .NET knows; use one such as \"vi\", \"en\" or \"vi-VN\". (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => LocalizedText.Create([new("xx-notalanguage", "a")])).Message);
        Assert.Equal("The language 'EN' is given twice. (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => LocalizedText.Create([new("en", "a"), new("EN", "b")])).Message);
        Assert.Equal("The text for 'vi' is blank. (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => LocalizedText.Create([new("vi", " ")])).Message);
        Assert.Equal("A localized text needs at least one language. (Parameter 'texts')",
            Assert.Throws<ArgumentException>(() => LocalizedText.Create([])).Message);
    }

    [Theory]
    [InlineData("\"VIP\"", "\"VIP\"")]
    [InlineData("{\"vi\": \"Khách VIP\", \"en\": \"VIP\"}", "{\"en\":\"VIP\",\"vi\":\"Khách VIP\"}")]
    public void Json_RoundTripsAsStringOrObjectInTagOrder(string json, string written)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(LocalizedText.TryReadJson(document.RootElement, "$.name", 100, out var text, out var problem), problem?.ToString());
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            text.WriteJson(writer);
        }

        Assert.Equal(written, Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal(text, CrmKitJson.Deserialize<LocalizedText>(written));
        Assert.Equal(written, CrmKitJson.Serialize(text));
    }

    [Theory]
    [InlineData("3", "$.segments[0].name: expected a text or an object of texts by language ({\"vi\": \"…\", \"en\": \"…\"}), found 3.")]
    [InlineData("\"  \"", "$.segments[0].name: expected a non-blank text, found \"  \".")]
    [InlineData("{}", "$.segments[0].name: expected at least one language, e.g. {\"vi\": \"…\", \"en\": \"…\"}.")]
    [InlineData("{\"vi\": 1}", "$.segments[0].name.vi: expected a text, found 1.")]
    [InlineData("{\"vi\": \"\"}", "$.segments[0].name.vi: expected a non-blank text, found \"\".")]
    [InlineData("{\"vietnamese\": \"Khách VIP\"}", "$.segments[0].name.vietnamese: 'vietnamese' is not a language tag .NET knows; use one such as \"vi\", \"en\" or \"vi-VN\".")]
    [InlineData("{\"vi\": \"a\", \"VI\": \"b\"}", "$.segments[0].name.VI: the language 'VI' is given twice.")]
    [InlineData("\"abcdefghijk\"", "$.segments[0].name: expected a text of at most 10 characters, found 11.")]
    public void TryReadJson_BadShape_SaysWhereAndWhy(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(LocalizedText.TryReadJson(document.RootElement, "$.segments[0].name", 10, out var text, out var problem));
        Assert.Null(text);
        Assert.Equal(expected, problem.ToString());
    }

    [Fact]
    public void Converter_BadEntry_NamesTheJsonPath()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Dictionary<string, LocalizedText>>("{\"name\": {\"vi\": 5}}"));
        Assert.StartsWith("vi: expected a text, found 5.", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.name", ex.Path);
    }
}
