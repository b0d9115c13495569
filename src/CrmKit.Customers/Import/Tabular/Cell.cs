using System.Text;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>How every cell is cleaned before it is interpreted: trimmed, empty as null, Unicode NFC.</summary>
internal static class Cell
{
    /// <summary>
    /// Trims the text (including no-break spaces), removes the apostrophe an export put before text a spreadsheet could
    /// take for a formula (<see cref="SpreadsheetSafety"/>) and the <c>="…"</c> some exports wrap around numbers with
    /// leading zeros (<c>="0912345678"</c>), maps empty text to <see langword="null"/> and composes it to
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
        var unescaped = SpreadsheetSafety.Unescape(trimmed); // written by a CSV export as text, not as a formula
        if (!ReferenceEquals(unescaped, trimmed))
        {
            trimmed = unescaped;
        }
        else if (trimmed.Length > 3 && trimmed.StartsWith("=\"", StringComparison.Ordinal) && trimmed[^1] == '"' && trimmed.AsSpan(2, trimmed.Length - 3).IndexOf('"') < 0)
        {
            trimmed = trimmed[2..^1]; // ="0912345678": the form exports use to keep a spreadsheet from dropping leading zeros
            if (trimmed.AsSpan().Trim().IsEmpty)
            {
                return null;
            }
        }

        return IsComposedAlready(trimmed) || trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// <see cref="Clean(string)"/> over characters of a row's buffer: the cleaned text is the range
    /// (<paramref name="start"/>, <paramref name="length"/>) of <paramref name="text"/>, or, when composing it to NFC
    /// changed it, <paramref name="composed"/>. False when the cell is empty.
    /// </summary>
    public static bool Clean(ReadOnlySpan<char> text, out int start, out int length, out string? composed)
    {
        composed = null;
        start = 0;
        length = 0;
        var span = text.TrimStart();
        var offset = text.Length - span.Length;
        span = span.TrimEnd();
        if (span.IsEmpty)
        {
            return false;
        }

        if (span.Length > 1 && span[0] == '\'' && SpreadsheetSafety.IsFormulaLike(span[1..]))
        {
            span = span[1..]; // as SpreadsheetSafety.Unescape
            offset++;
        }
        else if (span.Length > 3 && span.StartsWith("=\"", StringComparison.Ordinal) && span[^1] == '"' && span[2..^1].IndexOf('"') < 0)
        {
            span = span[2..^1];
            offset += 2;
            if (span.Trim().IsEmpty)
            {
                return false;
            }
        }

        start = offset;
        length = span.Length;
        if (!IsComposedAlready(span))
        {
            var made = span.ToString();
            if (!made.IsNormalized(NormalizationForm.FormC))
            {
                composed = made.Normalize(NormalizationForm.FormC);
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the text is NFC without asking ICU: every character is below U+0300 (Latin, Latin-1 and Latin
    /// Extended-A/B, before the combining diacritical marks) or a precomposed letter of Latin Extended Additional
    /// (U+1E00–U+1EFF, where Vietnamese <c>ạ ả ấ … ỹ</c> live). Each of these is a starter that NFC leaves as it is and
    /// that never composes with a neighbour, so any string of them is already NFC; Vietnamese names written
    /// precomposed take this path.
    /// </summary>
    /// <remarks>Checked as two vectorised range scans (no character in U+0300–U+1DFF, none in U+1F00–U+FFFF): every
    /// cell of an import passes here.</remarks>
    internal static bool IsComposedAlready(ReadOnlySpan<char> text)
        => !text.ContainsAnyInRange('\u0300', '\u1DFF') && !text.ContainsAnyInRange('\u1F00', '\uFFFF');
}
