using System.Text.Json;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"name":"Trần Thị Hà"}""")]
    [InlineData("""{"name":"\ud83d\ude00 and 😀"}""")] // an escaped pair and a raw pair: one character each
    [InlineData("""{"name":"\\ud800"}""")] // an escaped backslash followed by the text "ud800"
    [InlineData("""{"a":"\u0041\n\"\u00e0"}""")]
    public void FindLoneSurrogate_ValidUnicode_IsNull(string json)
    {
        Assert.Null(JsonText.FindLoneSurrogate(json));
        using var _ = JsonDocument.Parse(json);
    }

    [Theory]
    [InlineData("""{"name":"a\ud800b"}""", "line 1, column 11: a lone surrogate \\uD800")]
    [InlineData("""{"name":"\udc00"}""", "line 1, column 10: a lone surrogate \\uDC00")]
    [InlineData("""{"name":"\ud800\u0041"}""", "line 1, column 10: a lone surrogate \\uD800")]
    [InlineData("{\n\"name\":\"\\\"\\uD800\"}", "line 2, column 11: a lone surrogate \\uD800")]
    public void FindLoneSurrogate_EscapedLoneSurrogate_IsLocated(string json, string expected)
        => Assert.StartsWith(expected, JsonText.FindLoneSurrogate(json), StringComparison.Ordinal);

    [Fact]
    public void FindLoneSurrogate_RawLoneSurrogate_IsLocated()
    {
        var json = "{\"name\":\"x" + '\ud800' + "\"}";
        Assert.Equal("line 1, column 11: a lone surrogate \\uD800 stands for no character (JSON text must be valid Unicode).", JsonText.FindLoneSurrogate(json));
    }

    [Fact]
    public void Deserialize_LoneSurrogate_IsAJsonExceptionWithTheLocation()
    {
        var e = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Dictionary<string, string>>("""{"name":"\ud800"}"""));
        Assert.StartsWith("line 1, column 10: a lone surrogate \\uD800", e.Message, StringComparison.Ordinal);
    }
}
