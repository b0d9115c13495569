using System.Text;
using System.Text.Json;

namespace CrmKit.Customers.Serialization;

/// <summary>
/// Finds keys that appear twice in one JSON object. JSON parsers keep one of them silently (System.Text.Json's
/// <c>JsonElement.TryGetProperty</c> and the serializer take the last), so a host that assembles JSON from user text
/// could have <c>op</c> or <c>value</c> overridden. Every JSON reader of CrmKit (rules, catalogues, process definitions
/// and snapshots, customers, import mapping files) reports them as errors at the key's path; a host reading its own
/// JSON can do the same with <see cref="Find(JsonElement, string)"/>.
/// </summary>
public static class JsonDuplicateKeys
{
    /// <summary>The message for a duplicate key, after its path: <c>duplicate key 'op'; a key may appear only once in an object.</c></summary>
    internal static string Message(string key) => $"duplicate key '{key}'; a key may appear only once in an object.";

    /// <summary>
    /// Every key that repeats a key of the same object, in document order, as a <see cref="Problem"/> located at the
    /// repeated key's JSON path: <c>$.segments[2].rule.op: duplicate key 'op'; a key may appear only once in an object.</c>
    /// </summary>
    /// <param name="element">The element to search (a whole document's root, or a part of one); a value that is not an object or array has none.</param>
    /// <param name="path">The element's own JSON path, e.g. <c>$</c> (the default) or <c>$.segments[2].rule</c>.</param>
    /// <returns>The problems; empty when no key repeats.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<Problem> Find(JsonElement element, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(path);
        return [.. FindKeys(element, path).Select(d => new Problem(d.Path, Message(d.Key)))];
    }

    /// <summary>Every key that repeats a key of the same object, with its JSON path, in document order.</summary>
    internal static IReadOnlyList<(string Path, string Key)> FindKeys(JsonElement element, string path)
        => element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Find(Encoding.UTF8.GetBytes(element.GetRawText()), path) : [];

    /// <summary>Every repeated key in UTF-8 JSON text (comments and trailing commas allowed); malformed text gives what was found before the fault.</summary>
    internal static IReadOnlyList<(string Path, string Key)> Find(ReadOnlySpan<byte> utf8, string path = "$")
    {
        var found = new List<(string, string)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 4096 });
        var frames = new Stack<Frame>();
        var pending = path; // the path of the next value
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Push(new Frame(ValuePath(frames, pending), new HashSet<string>(StringComparer.Ordinal)));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Push(new Frame(ValuePath(frames, pending), null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        if (frames.TryPeek(out var parent) && parent.Keys is null)
                        {
                            parent.Index++;
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        var key = reader.GetString()!;
                        pending = Member(frame.Path, key);
                        if (!frame.Keys!.Add(key))
                        {
                            found.Add((pending, key));
                        }

                        break;
                    default:
                        if (frames.TryPeek(out var array) && array.Keys is null)
                        {
                            array.Index++;
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the caller's parser reports where.
        }

        return found;
    }

    private static string ValuePath(Stack<Frame> frames, string pending)
        => frames.TryPeek(out var parent) && parent.Keys is null ? $"{parent.Path}[{parent.Index}]" : pending;

    /// <summary><c>$.a</c>, or <c>$['a b']</c> for a key that is not a plain name.</summary>
    private static string Member(string path, string key)
        => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{path}.{key}" : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private sealed class Frame(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = keys;

        public int Index { get; set; }
    }
}
