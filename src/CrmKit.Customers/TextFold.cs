using System.Globalization;
using System.Text;

namespace CrmKit.Customers;

/// <summary>
/// Folds text for matching and search: Unicode normalisation, diacritics removed (Vietnamese <c>đ</c> becomes
/// <c>d</c>), lower case, runs of white space collapsed to one space. <c>"Nguyễn  Văn An"</c>,
/// <c>"NGUYEN VAN AN"</c> and the decomposed (NFD) spelling of the first all fold to <c>"nguyen van an"</c>.
/// </summary>
public static class TextFold
{
    /// <summary>Folds <paramref name="text"/> for accent- and case-insensitive comparison.</summary>
    /// <returns>The folded text; empty for <see langword="null"/> or white space.</returns>
    public static string ForMatching(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var source = IsAscii(text) ? text : text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(source.Length);
        var pendingSpace = false;
        foreach (var c in source)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(Fold(c));
        }

        return builder.ToString();
    }

    /// <summary>Whether two texts are equal once folded with <see cref="ForMatching"/>.</summary>
    public static bool EqualsFolded(string? left, string? right) => string.Equals(ForMatching(left), ForMatching(right), StringComparison.Ordinal);

    private static char Fold(char c) => c switch
    {
        'đ' or 'Đ' or 'ð' or 'Ð' => 'd',
        'ø' or 'Ø' => 'o',
        'ł' or 'Ł' => 'l',
        'ı' => 'i',
        _ => char.ToLowerInvariant(c),
    };

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
