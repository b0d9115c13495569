using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CrmKit.Customers;

/// <summary>Options for <see cref="PhoneNumber.Parse(string, PhoneNumberParseOptions)"/>.</summary>
public sealed record PhoneNumberParseOptions
{
    /// <summary>The defaults: Vietnam (+84, trunk prefix 0), legacy prefixes not converted.</summary>
    public static PhoneNumberParseOptions Default { get; } = new();

    /// <summary>
    /// The country calling code assumed for numbers written nationally (with the trunk prefix, e.g. <c>0912…</c>).
    /// Default 84 (Vietnam). Numbers written with <c>+</c> or <c>00</c> carry their own code.
    /// </summary>
    public int DefaultCallingCode
    {
        get;
        init => field = value is >= 1 and <= 999 ? value : throw new InvalidValueException(nameof(DefaultCallingCode), $"{value} is not a country calling code (1..999).");
    } = 84;

    /// <summary>
    /// Whether pre-2018 Vietnamese 11-digit mobile numbers (<c>0162…</c>, <c>0122…</c> …) are converted to
    /// their current 10-digit form (<c>032…</c>, <c>077…</c>) following the 2018 renumbering of the Ministry
    /// of Information and Communications. Off by default: such a number is rejected with a hint instead, so
    /// that no stored value changes silently.
    /// </summary>
    public bool ConvertLegacyVietnameseMobilePrefixes { get; init; }

    /// <summary>
    /// Whether a Vietnamese number that lost its leading 0 (a mobile's 9 digits such as <c>912345678</c>, a fixed
    /// line's 10 digits such as <c>2838221234</c>, as spreadsheets commonly store them) is accepted. On by default:
    /// with Vietnam as the default country, digits that fit an allocated network or area code can only be that number.
    /// </summary>
    public bool AcceptMissingTrunkPrefix { get; init; } = true;
}
