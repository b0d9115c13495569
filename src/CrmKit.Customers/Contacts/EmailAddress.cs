using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CrmKit.Customers;

/// <summary>
/// An email address, normalised for matching: surrounding spaces removed, lower case, an internationalised
/// domain converted to its ASCII (punycode) form. <c>An.Nguyen@Gmail.COM</c> and <c>an.nguyen@gmail.com</c>
/// are the same address.
/// </summary>
/// <remarks>
/// <para>Accepted: the dot-atom form of RFC 5322 (letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~.-</c> in the local
/// part, no leading, trailing or doubled dot, at most 64 characters) at a domain of two or more labels.
/// Quoted local parts and IP-literal domains are rejected: shops never see them in practice and they are
/// a common sign of a typo.</para>
/// <para>Lower-casing the local part is what CRMs conventionally do; providers that treat case as significant
/// are vanishingly rare. Provider-specific rules (dots in Gmail addresses) are not applied.</para>
/// <para><see cref="ToString()"/> is masked (<c>a***@gmail.com</c>); use <see cref="Value"/> for the address.</para>
/// </remarks>
public readonly record struct EmailAddress : IComparable<EmailAddress>
{
    private const string LocalSpecials = "!#$%&'*+/=?^_`{|}~.-";
    private static readonly IdnMapping Idn = new();

    private EmailAddress(string value) => Value = value;

    /// <summary>The normalised address; <see langword="null"/> only for <c>default</c>.</summary>
    public string Value { get; }

    /// <summary>The part after the '@', in ASCII.</summary>
    public string Domain => Value[(Value.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>Parses and normalises an address.</summary>
    /// <exception cref="InvalidValueException">The text is not a valid address; the message says why.</exception>
    public static EmailAddress Parse(string text)
        => TryParse(text, out var email, out var error) ? email : throw new InvalidValueException("email", error);

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EmailAddress email) => TryParse(text, out email, out _);

    /// <summary>Parses without throwing, giving the reason when the text is rejected.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EmailAddress email, [NotNullWhen(false)] out string? error)
    {
        email = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "the address is empty.";
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at < 0 || trimmed.IndexOf('@', StringComparison.Ordinal) != at)
        {
            error = at < 0 ? "the address has no '@'." : "the address has more than one '@'.";
            return false;
        }

        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length is 0 or > 64)
        {
            error = local.Length == 0 ? "the part before '@' is empty." : $"the part before '@' is {local.Length} characters long; at most 64 are allowed.";
            return false;
        }

        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !LocalSpecials.Contains(c, StringComparison.Ordinal))
            {
                error = char.IsWhiteSpace(c) ? "the part before '@' contains a space." : $"character '{c}' is not allowed before '@'.";
                return false;
            }
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            error = "the part before '@' starts or ends with a dot, or has two dots in a row.";
            return false;
        }

        var asciiDomain = PlainAsciiDomain(domain.AsSpan().TrimEnd('.'));
        if (asciiDomain is null)
        {
            try
            {
                asciiDomain = Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                error = $"the domain '{domain}' is not a valid domain name.";
                return false;
            }
        }

        var labels = asciiDomain.Split('.');
        if (labels.Length < 2)
        {
            error = $"the domain '{domain}' has no dot; a domain such as 'gmail.com' is needed.";
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = $"the domain '{domain}' is not a valid domain name.";
                return false;
            }
        }

        if (!labels[^1].All(char.IsAsciiLetter) && !labels[^1].StartsWith("xn--", StringComparison.Ordinal))
        {
            error = $"the domain '{domain}' does not end in a top-level domain such as '.com' or '.vn'.";
            return false;
        }

        var value = local.ToLowerInvariant() + "@" + asciiDomain;
        if (value.Length > 254)
        {
            error = $"the address is {value.Length} characters long; at most 254 are allowed.";
            return false;
        }

        email = new EmailAddress(value);
        error = null;
        return true;
    }

    /// <summary>
    /// The lower-cased domain when it is a plain ASCII host name that IDNA ToASCII (UTS #46, as ICU applies it for
    /// <see cref="IdnMapping.GetAscii(string)"/>) leaves as it is apart from case: at most 253 characters, labels of
    /// 1–63 ASCII letters, digits and hyphens, none starting or ending with a hyphen, none with hyphens in its third
    /// and fourth places (the <c>xn--</c> form and its reserved relatives, which ICU checks). Otherwise
    /// <see langword="null"/>, and the caller asks ICU. Most addresses (<c>gmail.com</c>, <c>yahoo.com.vn</c>) take
    /// this path, which saves an ICU call per address on import.
    /// </summary>
    internal static string? PlainAsciiDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty || domain.Length > 253)
        {
            return null;
        }

        var labelStart = 0;
        for (var i = 0; i <= domain.Length; i++)
        {
            if (i < domain.Length && domain[i] != '.')
            {
                if (!char.IsAsciiLetterOrDigit(domain[i]) && domain[i] != '-')
                {
                    return null;
                }

                continue;
            }

            var label = domain[labelStart..i];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || (label.Length >= 4 && label[2] == '-' && label[3] == '-'))
            {
                return null;
            }

            labelStart = i + 1;
        }

        return domain.ContainsAnyInRange('A', 'Z') ? domain.ToString().ToLowerInvariant() : domain.ToString();
    }

    /// <inheritdoc/>
    public int CompareTo(EmailAddress other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>The masked address (<c>a***@gmail.com</c>); use <see cref="Value"/> for the address.</summary>
    public override string ToString() => Value is null ? string.Empty : PersonalData.MaskEmail(Value);
}
