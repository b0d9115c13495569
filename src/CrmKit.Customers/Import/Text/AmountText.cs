using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CrmKit.Customers.Import;

/// <summary>
/// Reads one cell as an amount written in the Vietnamese style (<c>1.250.000,50</c>) or the English style
/// (<c>1,250,000.50</c>), and says what a value proves about the style of its column.
/// </summary>
/// <remarks>
/// <para>
/// Accepted around the digits: surrounding spaces; a leading apostrophe (Excel's mark for a number stored as text);
/// a leading minus (<c>-</c> or U+2212), before or after a leading currency mark (<c>-$12.50</c>, <c>$-12.50</c>);
/// one currency mark before or after the number, with or without a space: <c>₫</c>, <c>đ</c>, <c>Đ</c>,
/// <c>VNĐ</c>, <c>đồng</c>, <c>$</c>, <c>US$</c>, <c>€</c>, <c>£</c> or any three ASCII letters (an ISO 4217 code such as
/// <c>VND</c>, <c>vnd</c>, <c>USD</c>). Marks are matched case-insensitively after Unicode NFC normalisation.
/// </para>
/// <para>
/// The digits: an integer part, then optionally the style's decimal mark and at least one digit. The integer part
/// is either plain digits (<c>1250000</c>) or grouped: a first group of 1–3 digits not starting with 0, then groups
/// of exactly three, all separated by the same character, which is the style's thousands mark, a space, a no-break
/// space (U+00A0) or a narrow no-break space (U+202F). So <c>1.25.000</c> is no amount, and <c>0.125</c> can only
/// be English. At most 28 digits (the precision of <see cref="decimal"/>). Not accepted: a leading <c>+</c>,
/// accounting parentheses for negatives, <c>.5</c> without its integer part, exponents.
/// </para>
/// </remarks>
internal static class AmountText
{
    /// <summary>The currency marks accepted, as messages quote them.</summary>
    public const string AcceptedMarks = "₫, đ, VNĐ, $, US$, €, £ or a three-letter ISO 4217 code such as VND";

    /// <summary>The command-line option that sets the number style, as hints quote it.</summary>
    public const string NumberFormatOption = "--number-format";

    /// <summary>The most digits an amount may have: the precision of <see cref="decimal"/>.</summary>
    public const int MaxDigits = 28;

    // Known symbols (upper-cased, NFC) and the ISO 4217 code they stand for. '$' is taken as the US dollar, as in
    // the exports of Shopify, WooCommerce and Haravan stores that sell in USD; other dollars are written with their code.
    private static readonly FrozenDictionary<string, string> KnownMarks = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["₫"] = "VND",
        ["Đ"] = "VND",
        ["VNĐ"] = "VND",
        ["ĐỒNG"] = "VND",
        ["$"] = "USD",
        ["US$"] = "USD",
        ["€"] = "EUR",
        ["£"] = "GBP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private enum StyleFailure
    {
        None,
        MoreThanOneDecimalMark,
        BadFraction,
        BadGrouping,
        TooManyDigits,
        TooLarge,
    }

    /// <summary>Reads <paramref name="text"/> in both styles and classifies it (see <see cref="AmountEvidence"/>).</summary>
    public static AmountAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.AsSpan().Trim();
        if (s.StartsWith('\''))
        {
            s = s[1..].Trim();
        }

        if (s.Length > 2 && s[0] == '(' && s[^1] == ')')
        {
            return Invalid("accounting parentheses are not read as a minus; write the amount with '-'");
        }

        var negative = false;
        if (!s.IsEmpty && IsMinus(s[0]))
        {
            negative = true;
            s = s[1..];
        }

        // A currency mark before the number: everything up to the first digit, space or minus.
        ReadOnlySpan<char> leadingMark = default;
        var markEnd = 0;
        while (markEnd < s.Length && !char.IsAsciiDigit(s[markEnd]) && !char.IsWhiteSpace(s[markEnd]) && !IsMinus(s[markEnd]))
        {
            markEnd++;
        }

        if (markEnd > 0)
        {
            leadingMark = s[..markEnd];
            s = s[markEnd..].TrimStart();
            if (!negative && !s.IsEmpty && IsMinus(s[0]))
            {
                negative = true;
                s = s[1..];
            }
        }

        if (s.IndexOfAnyInRange('0', '9') < 0)
        {
            return Invalid("it has no digits");
        }

        if (!char.IsAsciiDigit(s[0]))
        {
            return Invalid($"'{s[0]}' cannot stand before its digits");
        }

        var bodyEnd = 0;
        while (bodyEnd < s.Length && (char.IsAsciiDigit(s[bodyEnd]) || s[bodyEnd] is '.' or ',' || IsSpaceSeparator(s[bodyEnd])))
        {
            bodyEnd++;
        }

        var body = s[..bodyEnd].TrimEnd();
        var trailingMark = s[bodyEnd..].Trim();
        if (!trailingMark.IsEmpty)
        {
            var digit = trailingMark.IndexOfAnyInRange('0', '9');
            if (digit >= 0)
            {
                return Invalid($"'{s[bodyEnd]}' cannot stand between its digits");
            }

            if (!leadingMark.IsEmpty)
            {
                return Invalid("it has a currency mark on both sides");
            }
        }

        var markSpan = leadingMark.IsEmpty ? trailingMark : leadingMark;
        string? mark = null;
        string? code = null;
        if (!markSpan.IsEmpty)
        {
            mark = markSpan.ToString();
            code = CurrencyCodeOf(mark);
            if (code is null)
            {
                return Invalid($"'{mark}' is not a currency mark; use {AcceptedMarks}");
            }
        }

        var vietnamese = ReadIn(body, negative, groupMark: '.', decimalMark: ',', out var viFailure);
        var english = ReadIn(body, negative, groupMark: ',', decimalMark: '.', out var enFailure);
        var evidence = (vietnamese, english) switch
        {
            (null, null) => AmountEvidence.Invalid,
            (not null, null) => AmountEvidence.ProvesVietnamese,
            (null, not null) => AmountEvidence.ProvesEnglish,
            var (vi, en) => vi == en ? AmountEvidence.Neutral : AmountEvidence.Ambiguous,
        };

        return evidence == AmountEvidence.Invalid
            ? Invalid(Explain(viFailure, enFailure))
            : new AmountAnalysis(evidence, vietnamese, english, mark, code, null);
    }

    /// <summary>What <paramref name="text"/> proves about the style of its column.</summary>
    public static AmountEvidence Classify(string text) => Analyze(text).Evidence;

    /// <summary>
    /// Reads <paramref name="text"/> in <paramref name="style"/>. With <see cref="NumberFormat.Auto"/> a value is read
    /// when it means the same in both styles or is an amount in only one of them; an ambiguous value
    /// (<c>125.000</c>) is an error. A value written in the other style is an error: it is never read at another
    /// magnitude.
    /// </summary>
    public static ReadResult<AmountReading> Parse(string text, NumberFormat style)
    {
        var analysis = Analyze(text);
        var quoted = Quote(text);
        if (analysis.Evidence == AmountEvidence.Invalid)
        {
            return ReadResult<AmountReading>.Fail($"{quoted} is not an amount: {analysis.Problem}");
        }

        if (style == NumberFormat.Auto)
        {
            return analysis.Evidence == AmountEvidence.Ambiguous
                ? ReadResult<AmountReading>.Fail($"{AmbiguityOf(quoted, analysis)}; pass {NumberFormatOption} vi or en")
                : ReadResult<AmountReading>.Ok(analysis.ReadingIn(analysis.Evidence == AmountEvidence.ProvesEnglish ? NumberFormat.English : NumberFormat.Vietnamese)!.Value);
        }

        return analysis.ReadingIn(style) is { } reading
            ? ReadResult<AmountReading>.Ok(reading)
            : ReadResult<AmountReading>.Fail($"{quoted} is written in the {NameOf(Other(style))} style, but the number format is set to the {NameOf(style)} style ({ExampleOf(style)})");
    }

    /// <summary>
    /// The ISO 4217 code a currency mark stands for (<c>₫</c> → <c>VND</c>, <c>usd</c> → <c>USD</c>), or
    /// <see langword="null"/> when <paramref name="mark"/> is not one.
    /// </summary>
    public static string? CurrencyCodeOf(string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var key = (Ascii.IsValid(mark) ? mark : mark.Normalize(NormalizationForm.FormC)).ToUpperInvariant();
        if (KnownMarks.TryGetValue(key, out var code))
        {
            return code;
        }

        return key.Length == 3 && key.All(char.IsAsciiLetterUpper) ? key : null;
    }

    /// <summary>An amount as messages show it: invariant, without trailing zeros (<c>125.000</c> read in English → <c>125</c>).</summary>
    public static string Show(decimal amount)
        => (amount / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary><c>Vietnamese</c> or <c>English</c>.</summary>
    public static string NameOf(NumberFormat style) => style switch
    {
        NumberFormat.Vietnamese => "Vietnamese",
        NumberFormat.English => "English",
        _ => "auto-detected",
    };

    /// <summary>An example of <paramref name="style"/> for messages: <c>1.250.000,50</c> or <c>1,250,000.50</c>.</summary>
    public static string ExampleOf(NumberFormat style) => style == NumberFormat.English ? "1,250,000.50" : "1.250.000,50";

    /// <summary>The other of the two styles.</summary>
    public static NumberFormat Other(NumberFormat style)
        => style == NumberFormat.Vietnamese ? NumberFormat.English : NumberFormat.Vietnamese;

    /// <summary>The style a value proves, or <see cref="NumberFormat.Auto"/> when it proves none.</summary>
    public static NumberFormat ProvedStyle(AmountEvidence evidence) => evidence switch
    {
        AmountEvidence.ProvesVietnamese => NumberFormat.Vietnamese,
        AmountEvidence.ProvesEnglish => NumberFormat.English,
        _ => NumberFormat.Auto,
    };

    /// <summary><c>'125.000' could be 125000 (Vietnamese style) or 125 (English style)</c>.</summary>
    internal static string AmbiguityOf(string quoted, AmountAnalysis analysis)
        => $"{quoted} could be {Show(analysis.Vietnamese!.Value)} (Vietnamese style) or {Show(analysis.English!.Value)} (English style)";

    /// <summary>The text as messages quote it: trimmed, in single quotes.</summary>
    internal static string Quote(string text) => $"'{text.Trim()}'";

    private static AmountAnalysis Invalid(string problem) => new(AmountEvidence.Invalid, null, null, null, null, problem);

    private static bool IsMinus(char c) => c is '-' or '\u2212';

    private static bool IsSpaceSeparator(char c) => c is ' ' or '\u00A0' or '\u202F';

    private static string Explain(StyleFailure vietnamese, StyleFailure english)
    {
        if (vietnamese is StyleFailure.TooManyDigits or StyleFailure.TooLarge || english is StyleFailure.TooManyDigits or StyleFailure.TooLarge)
        {
            return $"it has more digits than an amount can hold ({MaxDigits})";
        }

        return vietnamese == StyleFailure.BadGrouping || english == StyleFailure.BadGrouping
            ? "thousands must be grouped in threes, as in 1.250.000 or 1,250,000"
            : "its separators fit neither 1.250.000,50 (Vietnamese style) nor 1,250,000.50 (English style)";
    }

    // Reads the digits and separators of an amount in one style; null with the reason when they do not fit it.
    private static decimal? ReadIn(ReadOnlySpan<char> body, bool negative, char groupMark, char decimalMark, out StyleFailure failure)
    {
        var decimalAt = body.IndexOf(decimalMark);
        var integer = decimalAt < 0 ? body : body[..decimalAt];
        var fraction = decimalAt < 0 ? [] : body[(decimalAt + 1)..];
        if (fraction.Contains(decimalMark))
        {
            failure = StyleFailure.MoreThanOneDecimalMark;
            return null;
        }

        if (decimalAt >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9')))
        {
            failure = StyleFailure.BadFraction;
            return null;
        }

        if (!IsWellGrouped(integer, groupMark))
        {
            failure = StyleFailure.BadGrouping;
            return null;
        }

        var digitCount = fraction.Length + integer.Length - integer.Count(groupMark) - integer.Count(' ') - integer.Count('\u00A0') - integer.Count('\u202F');
        if (digitCount > MaxDigits)
        {
            failure = StyleFailure.TooManyDigits;
            return null;
        }

        Span<char> digits = stackalloc char[MaxDigits + 2];
        var length = 0;
        if (negative)
        {
            digits[length++] = '-';
        }

        foreach (var c in integer)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[length++] = c;
            }
        }

        if (!fraction.IsEmpty)
        {
            digits[length++] = '.';
            fraction.CopyTo(digits[length..]);
            length += fraction.Length;
        }

        if (!decimal.TryParse(digits[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            failure = StyleFailure.TooLarge;
            return null;
        }

        failure = StyleFailure.None;
        return amount;
    }

    // Plain digits, or a first group of 1–3 digits (not starting with 0) and groups of exactly three after it,
    // separated throughout by one and the same character: the style's group mark or a kind of space.
    private static bool IsWellGrouped(ReadOnlySpan<char> integer, char groupMark)
    {
        var separator = '\0';
        var groupLength = 0;
        var groups = 0;
        foreach (var c in integer)
        {
            if (char.IsAsciiDigit(c))
            {
                groupLength++;
                continue;
            }

            if (c != groupMark && !IsSpaceSeparator(c))
            {
                return false;
            }

            if (separator == '\0')
            {
                separator = c;
            }
            else if (c != separator)
            {
                return false;
            }

            var valid = groups == 0 ? groupLength is >= 1 and <= 3 && integer[0] != '0' : groupLength == 3;
            if (!valid)
            {
                return false;
            }

            groups++;
            groupLength = 0;
        }

        return groups == 0 ? groupLength > 0 : groupLength == 3;
    }
}
