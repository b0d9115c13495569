using System.Globalization;

namespace CrmKit.Customers.Serialization;

/// <summary>
/// Checks that JSON text is valid Unicode before it is parsed. JSON (RFC 8259, section 8.2) lets a string escape a
/// lone UTF-16 surrogate (<c>"\uD800"</c>) that stands for no character; System.Text.Json then fails with an
/// <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/> only when the string is read, without
/// its location. Every CrmKit JSON reader calls <see cref="FindLoneSurrogate(string)"/> first and reports the
/// place instead.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// Finds the first lone surrogate in JSON text, whether written as a raw UTF-16 code unit or as a <c>\uXXXX</c>
    /// escape inside a string.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>
    /// Null when the text is valid Unicode; otherwise where and what, e.g.
    /// <c>line 1, column 40: a lone surrogate \uD800 stands for no character (JSON text must be valid Unicode)</c>.
    /// Lines and columns count from 1; a column counts UTF-16 code units.
    /// </returns>
    public static string? FindLoneSurrogate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (line, lineStart, inString) = (1, 0, false);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\n')
            {
                (line, lineStart) = (line + 1, i + 1);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return Problem(line, i - lineStart, c);
            }
            else if (c == '"')
            {
                inString = !inString;
            }
            else if (inString && c == '\\' && i + 1 < json.Length)
            {
                if (json[i + 1] != 'u')
                {
                    i++;
                    continue;
                }

                if (Escaped(json, i) is not { } unit)
                {
                    continue;
                }

                if (char.IsHighSurrogate(unit) && Escaped(json, i + 6) is { } next && char.IsLowSurrogate(next))
                {
                    i += 11;
                }
                else if (char.IsSurrogate(unit))
                {
                    return Problem(line, i - lineStart, unit);
                }
                else
                {
                    i += 5;
                }
            }
        }

        return null;
    }

    /// <summary>The code unit of a <c>\uXXXX</c> escape at <paramref name="at"/>, or null when there is none.</summary>
    private static char? Escaped(string json, int at)
        => at + 6 <= json.Length && json[at] == '\\' && json[at + 1] == 'u'
           && ushort.TryParse(json.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;

    private static string Problem(int line, int column, char unit)
        => string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column + 1}: a lone surrogate \\u{(int)unit:X4} stands for no character (JSON text must be valid Unicode).");
}
