using System.Text;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Writes text in Windows-1258 the way Vietnamese Windows stores it. The code page has the base letters
/// (â ê ô ă ơ ư đ and Latin-1's à á è é …) but no letter carrying a Vietnamese tone, which it writes as a combining
/// mark after the letter: ầ = â (0xE2) + combining grave (0xCC). .NET's encoder does not compose that way (it turns
/// "ầ" into "?"), so each character it cannot encode is split into its base letter with its non-tone marks
/// (recomposed) and its tone mark.
/// </summary>
internal static class VietnameseWindowsText
{
    private static readonly Encoding Strict = CodePagesEncodingProvider.Instance.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    private static readonly HashSet<char> ToneMarks = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

    public static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length + 8);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (TryEncode(c.ToString(), bytes))
            {
                continue;
            }

            var parts = c.ToString().Normalize(NormalizationForm.FormD);
            var tone = parts.Where(ToneMarks.Contains).ToArray();
            var letter = new string([.. parts.Where(p => !ToneMarks.Contains(p))]).Normalize(NormalizationForm.FormC);
            if (!TryEncode(letter, bytes) || tone.Length != 1 || !TryEncode(tone[0].ToString(), bytes))
            {
                throw new ArgumentException($"'{c}' cannot be written in Windows-1258.", nameof(text));
            }
        }

        return [.. bytes];
    }

    private static bool TryEncode(string s, List<byte> bytes)
    {
        try
        {
            bytes.AddRange(Strict.GetBytes(s));
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
