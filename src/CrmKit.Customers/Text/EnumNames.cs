using System.Collections.Frozen;

namespace CrmKit.Customers;

/// <summary>
/// The one way CrmKit reads an enum value from text — rule, catalogue, process and snapshot JSON, CSV columns, mapping
/// files, configuration and command-line arguments all come here.
/// </summary>
/// <remarks>
/// <para>
/// A text names a value only by the value's own name, spelled in any case and with or without <c>_</c>, <c>-</c> or
/// spaces between the words: <c>phoneCall</c>, <c>PhoneCall</c>, <c>phone_call</c>, <c>phone-call</c> and
/// <c>phone call</c> are the same channel. Nothing else is accepted: not a number (<c>"1"</c>), not a list
/// (<c>"completed,returned"</c>), not the empty text.
/// </para>
/// <para>
/// Why not <c>Enum.TryParse</c>: it ORs comma-separated names together even for enums
/// that are not <see cref="FlagsAttribute"/> (<c>"completed,returned"</c> becomes <c>Returned</c>) and reads numeric
/// strings, including undefined ones. System.Text.Json's <c>JsonStringEnumConverter</c> falls back to it. Both are
/// banned in <c>src/BannedSymbols.Parsing.txt</c>.
/// </para>
/// </remarks>
public static class EnumNames
{
    /// <summary>Reads a value by name (see the remarks of <see cref="EnumNames"/>).</summary>
    public static bool TryParse<TEnum>(ReadOnlySpan<char> text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text.Length > StackFold)
        {
            value = default;
            return false;
        }

        Span<char> folded = stackalloc char[StackFold];
        return ByName<TEnum>.Lookup.TryGetValue(folded[..Fold(text, folded)], out value);
    }

    /// <summary>Reads a value of an enum type known only at run time (choice fields of rules).</summary>
    public static bool TryParse(Type enumType, string text, out Enum? value)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        if (text.Length > StackFold)
        {
            return false;
        }

        Span<char> folded = stackalloc char[StackFold];
        var key = folded[..Fold(text, folded)];
        var names = Enum.GetNames(enumType);
        var values = Enum.GetValues(enumType);
        Span<char> name = stackalloc char[StackFold];
        for (var i = 0; i < names.Length; i++)
        {
            if (key.SequenceEqual(name[..Fold(names[i], name)]))
            {
                value = (Enum)values.GetValue(i)!;
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a value by name.</summary>
    /// <exception cref="InvalidValueException">The text names no value; the message lists the names.</exception>
    public static TEnum Parse<TEnum>(string text, string field)
        where TEnum : struct, Enum
        => TryParse<TEnum>(text, out var value)
            ? value
            : throw new InvalidValueException(field, $"{Quote(text)} is not one of {Expected<TEnum>()}.");

    /// <summary>The JSON (camelCase) name of a value: <c>PhoneCall</c> → <c>phoneCall</c>.</summary>
    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The values' JSON names for messages: <c>completed, returned, cancelled, pending</c>.</summary>
    public static string Expected<TEnum>()
        where TEnum : struct, Enum => Expected(typeof(TEnum));

    /// <summary>The values' JSON names for messages.</summary>
    public static string Expected(Type enumType) => string.Join(", ", Enum.GetNames(enumType).Select(Camel));

    /// <summary>A text as messages quote it.</summary>
    internal static string Quote(string text) => $"'{text}'";

    /// <summary>Lower-cases the text and drops the word separators <c>_</c>, <c>-</c> and space; returns the length written.</summary>
    private static int Fold(ReadOnlySpan<char> text, Span<char> folded)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (c is not ('_' or '-' or ' '))
            {
                folded[length++] = char.ToLowerInvariant(c);
            }
        }

        return length;
    }

    /// <summary>Enum names are short; a longer text cannot be one.</summary>
    private const int StackFold = 64;

    private static class ByName<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> Values = Enum.GetNames<TEnum>().Zip(Enum.GetValues<TEnum>()).ToFrozenDictionary(p => Key(p.First), p => p.Second, StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> Lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();

        private static string Key(string name)
        {
            Span<char> folded = stackalloc char[StackFold];
            return new string(folded[..Fold(name, folded)]);
        }
    }
}
