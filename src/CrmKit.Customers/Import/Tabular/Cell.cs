using System.Text;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>How every cell is cleaned before it is interpreted: trimmed, empty as null, Unicode NFC.</summary>
internal static class Cell
{
    /// <summary>
    /// Trims the text (including no-break spaces), maps empty text to <see langword="null"/> and composes it to
    /// Unicode NFC, so that a name typed with combining marks (<c>Hà Nội</c> in NFD, as macOS and some Windows
    /// keyboards write it) equals the precomposed one everywhere.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        var trimmed = span.Length == text.Length ? text : span.ToString();
        return IsAscii(trimmed) || trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    private static bool IsAscii(string text) => Ascii.IsValid(text);
}
