using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CrmKit.Customers.Import;

/// <summary>
/// Text encodings by the names people give them (<c>utf8</c>, <c>cp1258</c>, <c>1258</c>, <c>latin1</c>), for an
/// <c>--encoding</c> option or a mapping file's <c>"encoding"</c>.
/// </summary>
/// <remarks>
/// Names are matched case-insensitively, ignoring spaces, with <c>_</c> read as <c>-</c>. Besides the names listed in
/// <see cref="AcceptedNames"/>, any code page name or number that .NET or its code-pages provider knows is accepted
/// (<c>shift_jis</c>, <c>gb18030</c>, <c>874</c>). Code pages are taken from
/// <see cref="CodePagesEncodingProvider.Instance"/> directly, without registering the provider globally.
/// <c>latin1</c> is ISO-8859-1 proper, which differs from Windows-1252 in 0x80–0x9F (<c>€</c>, <c>…</c>, curly quotes).
/// </remarks>
internal static class TextEncodingName
{
    /// <summary>The command-line option that gives the encoding, as hints quote it.</summary>
    public const string EncodingOption = "--encoding";

    /// <summary>The accepted names with their aliases, as the error message lists them.</summary>
    public const string AcceptedNames =
        "utf-8 (utf8), utf-16 (utf-16le, unicode), utf-16be, utf-32 (utf-32le), utf-32be, windows-1258 (cp1258, 1258), "
        + "windows-1252 (cp1252, 1252), latin1 (iso-8859-1), us-ascii (ascii)";

    private static readonly FrozenDictionary<string, Func<Encoding>> Known = new Dictionary<string, Func<Encoding>>(StringComparer.Ordinal)
    {
        ["utf-8"] = Utf8,
        ["utf8"] = Utf8,
        ["utf-8-sig"] = Utf8,
        ["utf-16"] = () => Encoding.Unicode,
        ["utf16"] = () => Encoding.Unicode,
        ["utf-16le"] = () => Encoding.Unicode,
        ["utf16le"] = () => Encoding.Unicode,
        ["unicode"] = () => Encoding.Unicode,
        ["utf-16be"] = () => Encoding.BigEndianUnicode,
        ["utf16be"] = () => Encoding.BigEndianUnicode,
        ["utf-32"] = () => Encoding.UTF32,
        ["utf32"] = () => Encoding.UTF32,
        ["utf-32le"] = () => Encoding.UTF32,
        ["utf-32be"] = () => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        ["utf32be"] = () => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        ["windows-1258"] = () => Windows1258,
        ["cp1258"] = () => Windows1258,
        ["1258"] = () => Windows1258,
        ["windows-1252"] = () => Windows1252,
        ["cp1252"] = () => Windows1252,
        ["1252"] = () => Windows1252,
        ["latin1"] = () => Encoding.Latin1,
        ["latin-1"] = () => Encoding.Latin1,
        ["iso-8859-1"] = () => Encoding.Latin1,
        ["iso8859-1"] = () => Encoding.Latin1,
        ["us-ascii"] = () => Encoding.ASCII,
        ["ascii"] = () => Encoding.ASCII,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Windows-1258, the ANSI code page of Vietnamese Windows (base letters precomposed, tones as combining marks).</summary>
    public static Encoding Windows1258 => CodePagesEncodingProvider.Instance.GetEncoding(1258)!;

    /// <summary>Windows-1252, the ANSI code page of Western European Windows.</summary>
    public static Encoding Windows1252 => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>UTF-8 that writes no byte order mark.</summary>
    public static Encoding Utf8() => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The encoding called <paramref name="name"/>, or the reason there is none.</summary>
    public static bool TryResolve([NotNullWhen(true)] string? name, [NotNullWhen(true)] out Encoding? encoding, [NotNullWhen(false)] out string? error)
    {
        encoding = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            error = $"no encoding name was given; use one of {AcceptedNames}";
            return false;
        }

        var key = name.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace('_', '-').ToLowerInvariant();
        if (Known.TryGetValue(key, out var known))
        {
            encoding = known();
            error = null;
            return true;
        }

        encoding = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
            ? CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? BuiltIn(() => Encoding.GetEncoding(codePage))
            : CodePagesEncodingProvider.Instance.GetEncoding(key) ?? BuiltIn(() => Encoding.GetEncoding(key));
        error = encoding is null
            ? $"'{name.Trim()}' is not a text encoding CrmKit knows; use one of {AcceptedNames}, or another code page name or number known to .NET, such as shift_jis or 932"
            : null;
        return encoding is not null;
    }

    /// <summary>The encoding called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidValueException">No encoding has that name; the message lists the accepted names.</exception>
    public static Encoding Resolve(string name)
        => TryResolve(name, out var encoding, out var error) ? encoding : throw new InvalidValueException("encoding", error + ".");

    /// <summary>The name <see cref="Resolve"/> accepts for <paramref name="encoding"/>: <c>utf-8</c>, <c>windows-1258</c>, or its web name.</summary>
    public static string NameOf(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            65001 => "utf-8",
            1200 => "utf-16",
            1201 => "utf-16be",
            12000 => "utf-32",
            12001 => "utf-32be",
            1258 => "windows-1258",
            1252 => "windows-1252",
            28591 => "latin1",
            20127 => "us-ascii",
            _ => encoding.WebName,
        };
    }

    private static Encoding? BuiltIn(Func<Encoding> get)
    {
        try
        {
            return get();
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
