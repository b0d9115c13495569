using System.Collections.Frozen;

namespace CrmKit.Customers.Import;

/// <summary>Enum values in files: case-insensitive, with or without '_', '-' or spaces (<c>phone_call</c>, <c>PhoneCall</c>, <c>phone call</c>).</summary>
internal static class EnumText
{
    /// <summary>Reads a value by its exact name (in any of the accepted spellings); never by number, never a combination.</summary>
    /// <exception cref="InvalidValueException">The text names no value; the message lists them.</exception>
    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum
        => TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidValueException(typeof(TEnum).Name, $"'{text}' is not one of: {Names<TEnum>()}.");

    /// <summary>Reads a value by its exact name without throwing.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        // Normalize(text) without allocating: the names are short, so the spelling is folded on the stack.
        var trimmed = text.AsSpan().Trim();
        var folded = trimmed.Length <= StackFold ? stackalloc char[StackFold] : new char[trimmed.Length];
        var length = 0;
        foreach (var c in trimmed)
        {
            if (c is not ('_' or '-' or ' '))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        return ByName<TEnum>.Lookup.TryGetValue(folded[..length], out value);
    }

    /// <summary>The accepted names, comma-separated: <c>female, male, other</c>.</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", System.Enum.GetValues<TEnum>().Select(Format));

    private static class ByName<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> Values = System.Enum.GetValues<TEnum>().ToFrozenDictionary(v => Normalize(v.ToString()), StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> Lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private const int StackFold = 64;

    /// <summary><c>PhoneCall</c> → <c>phone_call</c>.</summary>
    public static string Format<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static string Normalize(string text)
        => new([.. text.Trim().Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);
}

