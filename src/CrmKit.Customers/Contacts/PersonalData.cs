using System.Text;
using System.Text.RegularExpressions;

namespace CrmKit.Customers;

/// <summary>
/// Masks personal data for logs, messages and <c>ToString</c>: enough is kept to tell values apart by eye,
/// not enough to contact or identify the person.
/// </summary>
public static partial class PersonalData
{
    /// <summary>Masks a name: the first letter of each word is kept (<c>Nguyễn Văn An</c> → <c>N***** V** A*</c>).</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        var atWordStart = true;
        foreach (var rune in name.Trim().EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
                atWordStart = true;
            }
            else if (atWordStart)
            {
                builder.Append(rune.ToString());
                atWordStart = false;
            }
            else
            {
                builder.Append('*');
            }
        }

        return builder.ToString();
    }

    /// <summary>Masks an email address: the first character of the local part and the domain are kept (<c>a***@gmail.com</c>).</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? new string('*', email.Length) : email[0] + "***" + email[at..];
    }

    /// <summary>Masks a phone number: the country code, the first and the last two digits are kept (<c>+84 9** *** *78</c>).</summary>
    public static string MaskPhone(PhoneNumber phone) => phone.Format(PhoneNumberFormat.Masked);

    /// <summary>
    /// Masks every phone number and email address found in free text, e.g. an error message built from a file's
    /// cell: <c>call 0901 234 567</c> → <c>call 0*** *** *67</c>, <c>an@example.com</c> → <c>a***@example.com</c>.
    /// </summary>
    /// <remarks>
    /// A phone number is recognised as <c>+</c> and 8 to 15 digits, <c>0</c> and 8 to 10 more digits, or <c>84</c> and
    /// 9 or 10 digits, <c>00</c> and an international number, with up to two spaces, dots, dashes or brackets between
    /// digits, or as a Vietnamese mobile number that lost its leading 0 in a spreadsheet (9 digits starting with 3, 5,
    /// 7, 8 or 9, written together or as <c>912 345 678</c>), with no digit or letter right before or after. (A fixed
    /// line without its 0 — 10 digits starting with 2 — cannot be told from other numbers such as 2147483647.) Dates, amounts and ordinary identifiers are left alone. Names cannot be recognised in free text: CrmKit
    /// masks them where it writes them (<see cref="MaskName"/>).
    /// </remarks>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = EmailPattern().Replace(text, m => MaskEmail(m.Value));
        return PhonePattern().Replace(result, m => MaskDigits(m.Value));
    }

    /// <summary>
    /// Masks <paramref name="text"/> with <see cref="MaskName"/> when it looks like a person's name — two to six words
    /// of letters only, as in <c>Nguyễn Thị Minh Khai</c> — and returns it unchanged otherwise.
    /// </summary>
    public static string MaskIfName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsNameShaped(text, capitalized: false) ? MaskName(text) : text;
    }

    /// <summary>
    /// Whether the text is shaped like a full name written with capitals — two to six words of letters, each starting
    /// with an upper-case letter (<c>Trần Thị Hà</c>) — where a code, a status or a column name would not be
    /// (<c>Hoàn thành</c>, <c>VND</c>, <c>Mã khách hàng</c>).
    /// </summary>
    internal static bool LooksLikeFullName(string text) => IsNameShaped(text, capitalized: true);

    private static bool IsNameShaped(string text, bool capitalized)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is < 2 or > 6)
        {
            return false;
        }

        foreach (var word in words)
        {
            if (capitalized && !char.IsUpper(word[0]))
            {
                return false;
            }

            foreach (var c in word)
            {
                var category = char.GetUnicodeCategory(c);
                if (!char.IsLetter(c) && category is not System.Globalization.UnicodeCategory.NonSpacingMark and not System.Globalization.UnicodeCategory.SpacingCombiningMark && c is not '\'' and not '-' and not '.')
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> holds something <see cref="Redact"/> would mask.</summary>
    public static bool ContainsContactData(string? text)
        => !string.IsNullOrEmpty(text) && (EmailPattern().IsMatch(text) || PhonePattern().IsMatch(text));

    // Keeps the leading '+' or first digit and the last two digits; separators stay where they were.
    private static string MaskDigits(string value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        var chars = value.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                seen++;
                if (seen > 1 && seen <= digits - 2)
                {
                    chars[i] = '*';
                }
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Not after a letter, a digit or '+'. The forms without a leading 0 or + (84…, 9xx…) are not taken right after a digit
    // and a point either: there they are the decimals of a figure (a recency of 1958.8446735059892 weeks), while a phone
    // written after a point (0912345678.0987654321) starts with 0 or + and is still masked.
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(\(?\+\d(?:[ .\-()]{0,2}\d){7,14}|00[1-9](?:[ .\-()]{0,2}\d){7,13}|\(?0\d(?:[ .\-()]{0,2}\d){7,9}|(?<!\p{N}\.)(?:84(?:[ .\-()]{0,2}\d){9,10}|[35789]\d{8}|[35789]\d\d \d{3} \d{3}))(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
