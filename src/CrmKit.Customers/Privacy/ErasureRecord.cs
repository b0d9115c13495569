using System.Globalization;
using System.Text;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>The record an erasure leaves on the customer: when, on what basis, under which request.</summary>
/// <param name="At">When the customer was erased.</param>
/// <param name="Basis">Why.</param>
/// <param name="Reference">
/// The host's reference of the request, e.g. <c>DSR-2026-0042</c>; it is kept after erasure, so it must not hold
/// personal data itself. It must be one code of at most <see cref="MaxReferenceLength"/> ASCII letters, digits and
/// <c>- _ / . : #</c> with at least one digit — so a name (<c>Trần Thị Hà</c>, <c>Nguyen Van An</c>) is refused —
/// and hold no email address and no phone number in any spelling <see cref="PhoneNumber"/> reads
/// (<c>0901234567</c>, <c>901234567</c>, <c>0084901234567</c>, <c>84-901-234-567</c>, <c>KH0901234567</c>,
/// full-width digits …).
/// </param>
/// <exception cref="InvalidValueException">The reference breaks these rules; the message does not repeat it.</exception>
public sealed record ErasureRecord(Instant At, ErasureBasis Basis, string? Reference = null)
{
    /// <summary>The longest reference: 64 characters.</summary>
    public const int MaxReferenceLength = 64;

    private static readonly System.Buffers.SearchValues<char> PhoneSeparators = System.Buffers.SearchValues.Create(" .-()/");

    private const string ReferenceHint = "Use the request's ticket number, e.g. DSR-2026-0042.";

    /// <summary>The request's reference, trimmed, or <see langword="null"/>.</summary>
    public string? Reference { get; init => field = CheckReference(value); } = CheckReference(Reference);

    /// <summary>Why.</summary>
    public ErasureBasis Basis { get; init => field = Guard.Defined(value, "erasure basis"); } = Guard.Defined(Basis, "erasure basis");

    private static string? CheckReference(string? reference)
    {
        var value = Guard.TrimToNull(reference);
        if (value is null)
        {
            return null;
        }

        if (PersonalData.ContainsContactData(value) || ContainsPhoneNumber(value))
        {
            throw new InvalidValueException("erasure reference", "it looks like a phone number or an email address; it is kept after erasure and must not hold personal data.", ReferenceHint);
        }

        if (value.Length > MaxReferenceLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or ':' or '#') || !value.Any(char.IsAsciiDigit))
        {
            throw new InvalidValueException(
                "erasure reference",
                string.Create(CultureInfo.InvariantCulture, $"it must be one code of at most {MaxReferenceLength} ASCII letters, digits and - _ / . : # with at least one digit; it is kept after erasure, so a name or other personal data is refused."),
                ReferenceHint);
        }

        return value;
    }

    /// <summary>
    /// Whether any run of digit groups (digits joined by at most three of <c>space . - ( ) /</c>, full-width digits
    /// read as digits) reads as a phone number: as written, with the trunk prefix a bare 9-digit mobile number
    /// lacks, or with <c>00</c> read as <c>+</c>.
    /// </summary>
    private static bool ContainsPhoneNumber(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var groups = new List<(int Start, int End)>();
        for (var i = 0; i < normalized.Length;)
        {
            if (!char.IsAsciiDigit(normalized[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < normalized.Length && char.IsAsciiDigit(normalized[i]))
            {
                i++;
            }

            groups.Add((start, i));
        }

        for (var first = 0; first < groups.Count; first++)
        {
            var digits = new StringBuilder();
            for (var last = first; last < groups.Count; last++)
            {
                if (last > first)
                {
                    var gap = normalized.AsSpan(groups[last - 1].End, groups[last].Start - groups[last - 1].End);
                    if (gap.Length > 3 || gap.ContainsAnyExcept(PhoneSeparators))
                    {
                        break;
                    }
                }

                digits.Append(normalized.AsSpan(groups[last].Start, groups[last].End - groups[last].Start));
                if (digits.Length is >= 9 and <= 15 && ReadsAsPhone(digits.ToString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ReadsAsPhone(string digits)
        => PhoneNumber.TryParse(digits, out _)
           || (digits.Length == 9 && PhoneNumber.TryParse("0" + digits, out _))
           || (digits.StartsWith("00", StringComparison.Ordinal) && PhoneNumber.TryParse("+" + digits[2..], out _));
}
