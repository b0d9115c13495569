using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CrmKit.Customers;

/// <summary>
/// A telephone number normalised to E.164 (<c>+84912345678</c>): <c>0912 345 678</c>, <c>0912.345.678</c>,
/// <c>+84 912 345 678</c>, <c>(+84) 912-345-678</c> and <c>0084912345678</c> are the same number.
/// </summary>
/// <remarks>
/// <para>Vietnamese numbers (+84) are checked against the national numbering plan (MIC): mobile numbers have a
/// 9-digit national significant number starting with an allocated mobile network code (030–039, 051, 052, 055, 056,
/// 058, 059, 070, 076–079, 081–089, 090–099; 080 and 053 are not); fixed lines 10 digits starting with an allocated
/// area code (0203–0299 as listed in the plan: 0283 for Ho Chi Minh City, 0243 for Hanoi, not 0281). The plan is
/// tested against libphonenumber's metadata. Any form that can only be a Vietnamese number parses: with the trunk
/// prefix, <c>+84</c>/<c>0084</c>, <c>84</c> without <c>+</c> (11 or 12 digits), and a national number that lost its
/// leading 0 in a spreadsheet. Numbers of other countries are checked only for E.164 shape (a calling code and 7 to
/// 15 digits in all).</para>
/// <para><see cref="ToString()"/> is masked (<c>+84 9** *** *78</c>) so that a number never reaches a log in clear
/// by accident; use <see cref="E164"/> or <see cref="Format"/> for the full number.</para>
/// </remarks>
public readonly record struct PhoneNumber : IComparable<PhoneNumber>
{
    private const string VietnamCode = "84";

    // 2018 renumbering of 11-digit mobile numbers (MIC decision 798/QĐ-BTTTT): old 4-digit prefix → new 3-digit prefix.
    private static readonly FrozenDictionary<string, string> LegacyVietnamesePrefixes = new Dictionary<string, string>
    {
        ["0162"] = "032", ["0163"] = "033", ["0164"] = "034", ["0165"] = "035", ["0166"] = "036", ["0167"] = "037",
        ["0168"] = "038", ["0169"] = "039", ["0120"] = "070", ["0121"] = "079", ["0122"] = "077", ["0126"] = "076",
        ["0128"] = "078", ["0123"] = "083", ["0124"] = "084", ["0125"] = "085", ["0127"] = "081", ["0129"] = "082",
        ["0186"] = "056", ["0188"] = "058", ["0199"] = "059",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Vietnam's numbering plan (MIC, Circular 22/2014/TT-BTTTT as amended, after the 2017 area-code and 2018 mobile
    // renumberings), as national significant numbers without the trunk prefix 0. Mobile numbers have 9 digits and
    // start with a 2-digit network code; CrmKit checks allocation at that level (the level at which network codes are
    // allocated to operators), not the finer sub-ranges some operators have opened. Fixed lines have 10 digits and
    // start with a 3-digit area code (2 + the province's code). Checked in the tests against libphonenumber's metadata.
    private static readonly FrozenSet<string> MobileNetworkCodes = FrozenSet.ToFrozenSet(
    [
        "30", "31", "32", "33", "34", "35", "36", "37", "38", "39",
        "51", "52", "55", "56", "58", "59",
        "70", "76", "77", "78", "79",
        "81", "82", "83", "84", "85", "86", "87", "88", "89",
        "90", "91", "92", "93", "94", "95", "96", "97", "98", "99",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> AreaCodes = FrozenSet.ToFrozenSet(
        new[] { (203, 209), (210, 216), (218, 222), (225, 229), (232, 239), (242, 248), (251, 252), (254, 263), (269, 277), (282, 294), (296, 297), (299, 299) }
            .SelectMany(r => Enumerable.Range(r.Item1, r.Item2 - r.Item1 + 1))
            .Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        StringComparer.Ordinal);

    private PhoneNumber(string e164) => E164 = e164;

    /// <summary>The number in E.164 form, e.g. <c>+84912345678</c>; <see langword="null"/> only for <c>default</c>.</summary>
    public string E164 { get; }

    /// <summary>Whether this is a Vietnamese number (+84).</summary>
    public bool IsVietnamese => E164 is not null && E164.StartsWith("+84", StringComparison.Ordinal);

    /// <summary>Mobile or fixed for Vietnamese numbers; <see cref="PhoneLineKind.Unknown"/> for others.</summary>
    public PhoneLineKind LineKind => !IsVietnamese ? PhoneLineKind.Unknown : E164[3] == '2' ? PhoneLineKind.Fixed : PhoneLineKind.Mobile;

    /// <summary>Parses a number written in any common form, Vietnamese national numbers by default.</summary>
    /// <exception cref="InvalidValueException">The text is not a valid number; the message says why.</exception>
    public static PhoneNumber Parse(string text) => Parse(text, PhoneNumberParseOptions.Default);

    /// <summary>Parses a number written in any common form.</summary>
    /// <exception cref="InvalidValueException">The text is not a valid number; the message says why.</exception>
    public static PhoneNumber Parse(string text, PhoneNumberParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryParse(text, options, out var number, out var error, out var hint)
            ? number
            : throw new InvalidValueException("phone number", error, hint);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PhoneNumber number)
        => TryParse(text, PhoneNumberParseOptions.Default, out number, out _, out _);

    /// <summary>Parses without throwing, giving the reason when the text is rejected.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="options">Parsing options.</param>
    /// <param name="number">The number, when valid.</param>
    /// <param name="error">Why the text was rejected (personal data masked), when not valid.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, PhoneNumberParseOptions options, out PhoneNumber number, [NotNullWhen(false)] out string? error)
        => TryParse(text, options, out number, out error, out _);

    private static bool TryParse(string? text, PhoneNumberParseOptions options, out PhoneNumber number, [NotNullWhen(false)] out string? error, out string? hint)
    {
        ArgumentNullException.ThrowIfNull(options);
        number = default;
        hint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the number is empty.";
            return false;
        }

        if (ScientificNotation(text))
        {
            error = "the number is in scientific notation (like 8.49E+10): a spreadsheet stored it as a number and dropped digits, which cannot be recovered.";
            hint = "Format the phone column as text in the spreadsheet and export it again.";
            return false;
        }

        var digits = new StringBuilder(text.Length);
        var international = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !international)
            {
                international = true;
            }
            else if (c is not (' ' or '\u00A0' or '.' or '-' or '(' or ')' or '/'))
            {
                error = $"character '{c}' at position {i + 1} is not allowed in a phone number.";
                hint = "Write digits, spaces, dots, dashes or brackets only, with an optional leading '+'.";
                return false;
            }
        }

        var d = digits.ToString();
        if (d.Length == 0)
        {
            error = "the number has no digits.";
            return false;
        }

        if (!international && d.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            d = d[2..];
        }

        string callingCode;
        string national;
        var defaultCode = options.DefaultCallingCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (international)
        {
            if (d.StartsWith(VietnamCode, StringComparison.Ordinal))
            {
                callingCode = VietnamCode;
                national = WithoutTrunkPrefix(d[2..]); // "+84 0912…": the trunk prefix written by mistake after the country code.
            }
            else
            {
                return CheckForeign(d, out number, out error, out hint);
            }
        }
        else if (d.StartsWith('0'))
        {
            callingCode = defaultCode;
            national = d[1..];
        }
        else if (defaultCode == VietnamCode && d.Length >= 11 && d.StartsWith(VietnamCode, StringComparison.Ordinal))
        {
            // 84912345678, 842838221234, 840912345678: the international form without the '+' (or '00'). A national
            // number without its trunk prefix has at most 10 digits, so 11 or more starting with 84 can only be this.
            callingCode = VietnamCode;
            national = WithoutTrunkPrefix(d[2..]);
        }
        else if (defaultCode == VietnamCode && options.AcceptMissingTrunkPrefix && (IsVietnameseMobile(d) || IsVietnameseFixed(d)))
        {
            callingCode = VietnamCode; // 912345678, 2838221234: the leading 0 lost in a spreadsheet.
            national = d;
        }
        else
        {
            error = $"'{Mask(d)}' has neither a country code ('+…' or '00…') nor the trunk prefix 0.";
            hint = "Write it as 0xxx… or +cc xxx….";
            return false;
        }

        if (callingCode != VietnamCode)
        {
            return CheckForeign(callingCode + national, out number, out error, out hint);
        }

        if (national.Length == 10 && national[0] == '1' && LegacyVietnamesePrefixes.TryGetValue("0" + national[..3], out var newPrefix))
        {
            var converted = newPrefix[1..] + national[3..];
            if (!options.ConvertLegacyVietnameseMobilePrefixes)
            {
                error = $"'0{Mask(national)}' is a pre-2018 11-digit mobile number.";
                hint = $"Since 2018 the prefix 0{national[..3]} is {newPrefix}: write 0{Mask(converted)}, or set ConvertLegacyVietnameseMobilePrefixes.";
                return false;
            }

            national = converted;
        }

        if (IsVietnameseMobile(national) || IsVietnameseFixed(national))
        {
            number = new PhoneNumber("+84" + national);
            error = null;
            return true;
        }

        error = national.Length switch
        {
            < 9 => $"'0{Mask(national)}' is too short for a Vietnamese number ({national.Length + 1} digits with the leading 0).",
            > 10 => $"'0{Mask(national)}' is too long for a Vietnamese number ({national.Length + 1} digits with the leading 0).",
            9 when national[0] is '3' or '5' or '7' or '8' or '9' => $"'0{Mask(national)}': 0{national[..2]} is not a mobile network code in Vietnam's numbering plan.",
            10 when national[0] == '2' => $"'0{Mask(national)}': 0{national[..3]} is not an area code in Vietnam's numbering plan.",
            _ => $"'0{Mask(national)}' is neither a Vietnamese mobile number (10 digits: 03, 05, 07, 08, 09…) nor a fixed line (11 digits: 02…).",
        };
        return false;
    }

    private static bool CheckForeign(string digits, out PhoneNumber number, [NotNullWhen(false)] out string? error, out string? hint)
    {
        number = default;
        hint = null;
        if (digits.Length is < 8 or > 15 || digits[0] == '0')
        {
            error = $"'+{Mask(digits)}' is not an E.164 number (a country code and 8 to 15 digits in all).";
            return false;
        }

        number = new PhoneNumber("+" + digits);
        error = null;
        return true;
    }

    private static string WithoutTrunkPrefix(string national) => national.StartsWith('0') ? national[1..] : national;

    // "8.49123E+10", "8,49E+10": how a spreadsheet shows a long number stored as a number.
    private static bool ScientificNotation(string text)
    {
        var t = text.AsSpan().Trim();
        var e = t.IndexOfAny('E', 'e');
        return e > 0 && e < t.Length - 1 && char.IsAsciiDigit(t[0]) && (t[e + 1] is '+' || char.IsAsciiDigit(t[e + 1]))
               && t[..e].IndexOfAnyExcept(MantissaCharacters) < 0 && t[(e + 1)..].TrimStart('+').IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static readonly System.Buffers.SearchValues<char> MantissaCharacters = System.Buffers.SearchValues.Create("0123456789.,");

    /// <summary>A mobile number: a 9-digit national significant number whose first two digits are an allocated mobile network code.</summary>
    internal static bool IsVietnameseMobile(string national)
        => national.Length == 9 && national.All(char.IsAsciiDigit) && MobileNetworkCodes.Contains(national[..2]);

    /// <summary>A fixed line: a 10-digit national significant number whose first three digits are an allocated area code.</summary>
    internal static bool IsVietnameseFixed(string national)
        => national.Length == 10 && national.All(char.IsAsciiDigit) && AreaCodes.Contains(national[..3]);

    /// <summary>Writes the number in the given format.</summary>
    public string Format(PhoneNumberFormat format)
    {
        if (E164 is null)
        {
            return string.Empty;
        }

        var national = IsVietnamese ? E164[3..] : null;
        return format switch
        {
            PhoneNumberFormat.E164 => E164,
            PhoneNumberFormat.International when national is not null => "+84 " + Group(national),
            PhoneNumberFormat.National when national is not null => "0" + Group(national),
            PhoneNumberFormat.International or PhoneNumberFormat.National => E164,
            PhoneNumberFormat.Masked => national is not null ? "+84 " + MaskGrouped(Group(national)) : "+" + Mask(E164[1..]),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown phone number format."),
        };
    }

    /// <inheritdoc/>
    public int CompareTo(PhoneNumber other) => string.CompareOrdinal(E164, other.E164);

    /// <summary>The masked form (<c>+84 9** *** *78</c>); use <see cref="E164"/> or <see cref="Format"/> for the number.</summary>
    public override string ToString() => Format(PhoneNumberFormat.Masked);

    // 912345678 → "912 345 678"; 2438261234 → "24 3826 1234"; 2363821234 → "236 382 1234".
    private static string Group(string national)
    {
        if (national.Length == 9)
        {
            return $"{national[..3]} {national[3..6]} {national[6..]}";
        }

        return national[1] is '4' or '8'
            ? $"{national[..2]} {national[2..6]} {national[6..]}"
            : $"{national[..3]} {national[3..6]} {national[6..]}";
    }

    // Keeps the first digit and the last two digits; every other digit becomes '*'.
    private static string MaskGrouped(string grouped)
    {
        var chars = grouped.ToCharArray();
        var digitCount = chars.Count(char.IsAsciiDigit);
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                continue;
            }

            seen++;
            if (seen > 1 && seen <= digitCount - 2)
            {
                chars[i] = '*';
            }
        }

        return new string(chars);
    }

    internal static string Mask(string digits) => digits.Length <= 3 ? new string('*', digits.Length) : MaskGrouped(digits);
}
