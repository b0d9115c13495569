using System.Globalization;
using System.Resources;

namespace CrmKit.Localization;

/// <summary>
/// Reading a package's message table (<c>Localization/Messages.resx</c>, English neutral, with a <c>.vi.resx</c>
/// satellite): the text a shop owner reads, rendered at display time. One source file linked into each package.
/// </summary>
internal static class MessageTable
{
    /// <summary>
    /// Whether <paramref name="table"/> has its own texts for <paramref name="culture"/> (its <c>Language</c> entry is
    /// not the neutral <c>en</c>); when not, callers return their invariant English text unchanged.
    /// </summary>
    public static bool Speaks(ResourceManager table, CultureInfo culture)
        => table.GetString("Language", culture) is { } language && !string.Equals(language, "en", StringComparison.Ordinal);

    /// <summary>The message <paramref name="key"/> in <paramref name="culture"/>, its placeholders filled with figures written as the culture writes them.</summary>
    /// <exception cref="InvalidOperationException">The table has no such key (a fault of the package).</exception>
    public static string Format(ResourceManager table, string key, CultureInfo culture, params object?[] arguments)
    {
        var format = table.GetString(key, culture) ?? throw new InvalidOperationException($"The message table {table.BaseName} has no entry '{key}'.");
        return string.Format(culture, format, arguments);
    }

    /// <summary>The message <paramref name="key"/> in <paramref name="culture"/>, without placeholders.</summary>
    public static string Text(ResourceManager table, string key, CultureInfo culture)
        => table.GetString(key, culture) ?? throw new InvalidOperationException($"The message table {table.BaseName} has no entry '{key}'.");
}
