using System.Text;
using System.Text.Json;

namespace CrmKit.CareProcess;

/// <summary>
/// Finds where a JSON path (<c>$.transitions[3].to</c>, as <see cref="CrmKit.Customers.Problem"/> locations give it)
/// is in a document, as a 1-based line and column, so a problem in a file can be shown at <c>file:line:column</c>.
/// </summary>
internal static class JsonPosition
{
    /// <summary>
    /// The line and column of the value at <paramref name="path"/> (of the property's name when the path ends at a
    /// property); a path that is not in the document (a missing property) is placed at its nearest existing parent.
    /// </summary>
    /// <returns>The position, or none when the document is not well-formed JSON or the path is not a JSON path.</returns>
    public static (int Line, int Column)? Of(string json, string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            Index(bytes, offsets);
        }
        catch (JsonException)
        {
            return null;
        }

        for (var target = path; ; target = Parent(target))
        {
            if (offsets.TryGetValue(target, out var offset))
            {
                return LineAndColumn(bytes, offset);
            }

            if (target == "$")
            {
                return null;
            }
        }
    }

    /// <summary>The 1-based line and column of the first syntax error, or none for a well-formed document.</summary>
    public static (int Line, int Column)? OfSyntaxError(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException)
        {
            // The reader stops at the byte where the document stopped making sense.
            return LineAndColumn(bytes, Math.Min(reader.BytesConsumed, bytes.Length));
        }
    }

    // The path of every property name and every array element / root value, mapped to the byte offset of its token.
    private static void Index(byte[] bytes, Dictionary<string, long> offsets)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? property = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = $"{stack.Peek().Path}.{reader.GetString()}";
                offsets.TryAdd(property, reader.TokenStartIndex);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string here;
            if (stack.Count == 0)
            {
                here = "$";
                offsets.TryAdd(here, reader.TokenStartIndex);
            }
            else if (stack.Peek().IsArray)
            {
                var (arrayPath, index, _) = stack.Pop();
                stack.Push((arrayPath, index + 1, true));
                here = $"{arrayPath}[{index}]";
                offsets.TryAdd(here, reader.TokenStartIndex);
            }
            else
            {
                here = property!;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push((here, 0, reader.TokenType == JsonTokenType.StartArray));
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static (int Line, int Column) LineAndColumn(byte[] bytes, long offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Columns count characters (UTF-16 code units, as editors show them), not bytes.
        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, (int)offset - lineStart) + 1);
    }
}
