namespace CrmKit.Customers.Import;

/// <summary>
/// Keeps a CSV cell from being run as a formula when the file is opened in a spreadsheet (CSV or formula injection,
/// OWASP: "CSV Injection"): text starting with <c>=</c>, <c>@</c>, a tab or a carriage return — or with <c>+</c> or
/// <c>-</c> unless it is one signed number or a list of E.164 phone numbers — is written with a leading apostrophe, which
/// spreadsheets show as text and do not evaluate. Every CSV file CrmKit writes passes its text cells through
/// <see cref="Cell"/>, and the import reads such an apostrophe back off (<see cref="Unescape"/>), so that export followed by
/// import gives back the same text.
/// </summary>
public static class SpreadsheetSafety
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789.,");

    /// <summary>The text as it is safe to write in a CSV cell: unchanged, or with a leading apostrophe.</summary>
    /// <param name="text">The cell's text; <see langword="null"/> is returned as is.</param>
    public static string? Cell(string? text) => text is not null && IsFormulaLike(text) ? "'" + text : text;

    /// <summary>The text a cell written by <see cref="Cell"/> stood for: a leading apostrophe that <see cref="Cell"/> would add is removed.</summary>
    /// <param name="text">The cell's text.</param>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 1 && text[0] == '\'' && IsFormulaLike(text.AsSpan(1)) ? text[1..] : text;
    }

    /// <summary>Whether a spreadsheet could take the text for a formula.</summary>
    public static bool IsFormulaLike(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        return text[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            // A signed number (-5, +1.5) or a list of phone numbers (+84912345678;+84987654321) is data; anything
            // more (+1+2, -2+3+cmd|…) a spreadsheet would compute.
            '+' or '-' => !IsSignedNumber(text) && !IsPhoneList(text),
            _ => false,
        };
    }

    // '-5', '+1.5', '-1,250.00': a sign, then digits with decimal and group marks only.
    private static bool IsSignedNumber(ReadOnlySpan<char> text)
        => text.Length > 1 && Digits.Contains(text[1]) && !text[1..].ContainsAnyExcept(NumberCharacters);

    // '+84912345678' or '+84912345678;+84987654321': E.164 numbers separated by ';'.
    private static bool IsPhoneList(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split(';'))
        {
            var item = text[range].Trim(' ');
            if (item.Length < 2 || item[0] != '+' || item[1..].ContainsAnyExcept(Digits))
            {
                return false;
            }
        }

        return true;
    }
}
