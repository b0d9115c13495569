using System.Text;
using System.Text.Json;
using CrmKit.Customers.Import;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

/// <summary>Issue 17 item 3: a key repeated in one JSON object was silently last-wins.</summary>
public class JsonDuplicateKeysTests
{
    private static IReadOnlyList<(string Path, string Key)> Find(string json) => JsonDuplicateKeys.Find(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Find_RepeatedKeys_AtTheirPathsInDocumentOrder()
    {
        const string json = """
            {"a": 1, "list": [0, {"x": 1, "x": 2}, [ {"y": 1}, {"y": 2, "y": 3} ]],
             "a": 2, "my key": {"k": 1, "k": 1}, "my key": null,
             "deep": {"all": [{"value": "Hà Nội", "value": "x"}]}}
            """;
        Assert.Equal(
            [("$.list[1].x", "x"), ("$.list[2][1].y", "y"), ("$.a", "a"), ("$['my key'].k", "k"), ("$['my key']", "my key"), ("$.deep.all[0].value", "value")],
            Find(json));
    }

    [Theory]
    [InlineData("""{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}""")] // the same key in different objects is fine
    [InlineData("""[1, 2, {"a": 1}]""")]
    [InlineData("""{"a": 1, "A": 2}""")] // keys are case-sensitive
    [InlineData("{\"a\": 1, // comment\n \"b\": 2,}")]
    [InlineData("""{"a": 1, "a" """)] // malformed: the parser reports it, not this
    public void Find_NoRepeatedKey_FindsNothing(string json)
        => Assert.Empty(Find(json));

    [Fact]
    public void Find_OnAnElement_PrefixesItsPath()
    {
        using var document = JsonDocument.Parse("""{"segments": [{"rule": {"field": "age", "op": ">", "op": "<", "value": 1}}]}""");
        var rule = document.RootElement.GetProperty("segments")[0].GetProperty("rule");
        Assert.Equal([new Problem("$.segments[0].rule.op", "duplicate key 'op'; a key may appear only once in an object.")], JsonDuplicateKeys.Find(rule, "$.segments[0].rule"));
    }

    [Fact]
    public void Find_OnTheRoot_DefaultsToDollar_AndPrintsLocationColonMessage()
    {
        using var document = JsonDocument.Parse("""{"name": "a", "tags": [{"x": 1, "x": 2}], "name": "b"}""");
        Assert.Equal(
            ["$.tags[0].x: duplicate key 'x'; a key may appear only once in an object.", "$.name: duplicate key 'name'; a key may appear only once in an object."],
            JsonDuplicateKeys.Find(document.RootElement).Select(p => p.ToString()));
    }

    [Fact]
    public void Find_NotAContainer_FindsNothing()
    {
        using var document = JsonDocument.Parse("42");
        Assert.Empty(JsonDuplicateKeys.Find(document.RootElement));
    }

    [Fact]
    public void CrmKitJson_RepeatedKey_FailsWithItsPath()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Money>("""{"amount": 150000, "currency": "VND", "amount": 1}"""));
        Assert.Equal("duplicate key 'amount'; a key may appear only once in an object. Path: $.amount.", ex.Message);
        Assert.Equal("$.amount", ex.Path);

        // Hosts that use the options with JsonSerializer directly: the serializer's own check (for objects it builds).
        var direct = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EmailHolder>("""{"email": "a@b.vn", "email": "c@d.vn"}""", CrmKitJson.Options));
        Assert.Contains("Duplicate", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportMapping_RepeatedKey_IsAProblemAtItsPath()
    {
        var ex = Assert.Throws<InvalidValueException>(() => ImportMapping.Parse("""{"name": "x", "orders": {"columns": {"id": "Mã", "id": "Mã đơn"}}}"""));
        Assert.Contains("$.orders.columns.id: duplicate key 'id'; a key may appear only once in an object.", ex.Message, StringComparison.Ordinal);
    }

    private sealed record EmailHolder(string Email);
}
