using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmKit.Testing.Fuzz;

/// <summary>A broken variant of a valid JSON document.</summary>
/// <param name="Index">The input's number in the corpus.</param>
/// <param name="Mutation">What was done.</param>
/// <param name="Json">The text.</param>
public sealed record JsonFuzzCase(int Index, string Mutation, string Json)
{
    /// <inheritdoc/>
    public override string ToString() => $"#{Index} {Mutation} ({Json.Length:N0} chars)";
}

/// <summary>
/// A seeded generator of broken variants of valid JSON documents (rules, segment catalogues, process definitions):
/// text-level damage (truncation, a deleted or inserted character, control characters, a lone surrogate escape) and
/// structure-level damage at a random node (wrong types, extreme numbers, long strings, duplicate keys, reordered
/// properties, deep nesting, very wide arrays), each bounded by <paramref name="maxSize"/> units.
/// </summary>
/// <param name="seed">The seed.</param>
/// <param name="valid">The valid documents the variants start from.</param>
/// <param name="maxSize">The largest depth, width or string length a mutation produces.</param>
public sealed class JsonFuzzCorpus(int seed, IReadOnlyList<string> valid, int maxSize = 100_000)
{
    /// <summary>The mutations, in the order the index cycles through them.</summary>
    public static readonly string[] Mutations =
    [
        "truncate", "delete-char", "insert-char", "control-char", "lone-surrogate-escape", "lone-surrogate-char",
        "wrong-type", "extreme-number", "long-string", "duplicate-key", "reorder", "deep-nesting", "wide-array",
        "remove-property", "null-value", "empty-object", "unknown-property", "huge-integer-key",
    ];

    private static readonly char[] InsertedChars = ['{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0', '-'];

    private static readonly string[] Numbers = ["1e308", "-1e308", "1e400", "79228162514264337593543950335", "2147483647", "-2147483648", "9223372036854775808", "-1", "0.5", "1e-400", "-0"];

    /// <summary>The <paramref name="index"/>-th broken document.</summary>
    public JsonFuzzCase Case(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index)); // not HashCode: it is randomised per process
        var mutation = Mutations[index % Mutations.Length];
        var text = valid[random.Next(valid.Count)];
        switch (mutation)
        {
            case "truncate":
                return new(index, mutation, text[..random.Next(text.Length)]);
            case "delete-char":
                return new(index, mutation, text.Remove(random.Next(text.Length), 1));
            case "insert-char":
                return new(index, mutation, text.Insert(random.Next(text.Length), InsertedChars[random.Next(InsertedChars.Length)].ToString()));
            case "control-char":
                return new(index, mutation, text.Insert(random.Next(text.Length), ((char)random.Next(0, 32)).ToString()));
            case "lone-surrogate-escape":
                return new(index, mutation, ReplaceString(text, random, "\\ud800x"));
            case "lone-surrogate-char":
                return new(index, mutation, ReplaceString(text, random, "\ud800"));
            default:
                break;
        }

        var root = JsonNode.Parse(text)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        JsonNode? replacement = mutation switch
        {
            "wrong-type" => target switch
            {
                JsonObject => JsonValue.Create("text"),
                JsonArray => JsonValue.Create(3),
                _ => new JsonArray(JsonValue.Create(true)),
            },
            "extreme-number" => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
            "long-string" => JsonValue.Create(new string('a', random.Next(1, maxSize))),
            "wide-array" => target is JsonArray { Count: > 0 } array
                ? new JsonArray([.. Enumerable.Range(0, random.Next(1, maxSize)).Select(i => array[i % array.Count]!.DeepClone())])
                : new JsonArray([.. Enumerable.Range(0, random.Next(1, maxSize)).Select(_ => target.DeepClone())]),
            "null-value" => null,
            "empty-object" => new JsonObject(),
            _ => target.DeepClone(),
        };

        switch (mutation)
        {
            case "deep-nesting":
                return new(index, mutation, Substitute(root, target, Nest(target.ToJsonString(), random.Next(1, maxSize), random)));
            case "duplicate-key" or "reorder" or "remove-property" or "unknown-property" or "huge-integer-key":
                var objects = nodes.OfType<JsonObject>().ToList();
                if (objects.Count == 0)
                {
                    return new(index, mutation, text);
                }

                var obj = target as JsonObject ?? objects[random.Next(objects.Count)];
                return new(index, mutation, ChangeObject(root, obj, mutation, random));
            default:
                if (target == root)
                {
                    return new(index, mutation, replacement?.ToJsonString() ?? "null");
                }

                Replace(target, replacement);
                return new(index, mutation, root.ToJsonString());
        }
    }

    private static string ChangeObject(JsonNode root, JsonObject obj, string mutation, Random random)
    {
        var properties = obj.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
        if (mutation == "remove-property" && properties.Count > 0)
        {
            properties.RemoveAt(random.Next(properties.Count));
        }
        else if (mutation == "reorder")
        {
            properties.Reverse();
        }
        else if (mutation == "unknown-property")
        {
            properties.Insert(random.Next(properties.Count + 1), ("zzUnknown", JsonValue.Create(1)));
        }
        else if (mutation == "huge-integer-key")
        {
            properties.Insert(0, (new string('k', 10_000), JsonValue.Create(1)));
        }

        // Written by hand so that a duplicate key survives (JsonObject refuses one).
        var text = new StringBuilder("{");
        for (var i = 0; i < properties.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(JsonValue.Create(properties[i].Key)!.ToJsonString()).Append(':').Append(properties[i].Value?.ToJsonString() ?? "null");
        }

        if (mutation == "duplicate-key" && properties.Count > 0)
        {
            var (key, value) = properties[random.Next(properties.Count)];
            text.Append(',').Append(JsonValue.Create(key)!.ToJsonString()).Append(':').Append(value?.ToJsonString() ?? "null");
        }

        text.Append('}');
        return Substitute(root, obj, text.ToString());
    }

    private static string Nest(string inner, int depth, Random random)
    {
        var (open, close) = random.Next(3) switch
        {
            0 => ("{\"not\":", "}"),
            1 => ("{\"all\":[", "]}"),
            _ => ("[", "]"),
        };
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }

    // The document with target's text replaced by raw text (which JsonNode could not hold: too deep, or not JSON).
    private static string Substitute(JsonNode root, JsonNode target, string raw)
    {
        const string Marker = "\"__fuzz_substitute__\"";
        if (target == root)
        {
            return raw;
        }

        Replace(target, JsonValue.Create(Marker[1..^1]));
        return root.ToJsonString().Replace(Marker, raw, StringComparison.Ordinal);
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    if (value is not null)
                    {
                        Collect(value, into);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        Collect(item, into);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = replacement;
                break;
            case JsonArray a:
                a[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static string ReplaceString(string text, Random random, string with)
    {
        var quotes = Enumerable.Range(0, text.Length).Where(i => text[i] == '"').ToList();
        if (quotes.Count < 2)
        {
            return text + with;
        }

        var at = quotes[random.Next(quotes.Count - 1)] + 1;
        return text.Insert(at, with);
    }
}
