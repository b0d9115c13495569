using NodaTime;
using NodaTime.Text;

namespace CrmKit.Engine;

/// <summary>
/// An instant as the idempotency keys write it: <see cref="InstantPattern.General"/> (<c>uuuu-MM-ddTHH:mm:ssZ</c>,
/// seconds truncated), written straight into the key being built (the pattern's own formatter goes through a
/// <see cref="System.Text.StringBuilder"/> and a string on every key). Years outside 1–9999 go through the pattern.
/// </summary>
internal readonly struct KeyInstant(Instant at) : ISpanFormattable
{
    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var utc = at.InUtc();
        if (utc.Year is < 1 or > 9999)
        {
            var text = InstantPattern.General.Format(at);
            charsWritten = text.Length <= destination.Length ? text.Length : 0;
            return text.AsSpan().TryCopyTo(destination);
        }

        // uuuu-MM-ddTHH:mm:ssZ: 20 characters, the digits written by hand (an interpolated write goes through the
        // handler's generic formatting of six numbers).
        if (destination.Length < 20)
        {
            charsWritten = 0;
            return false;
        }

        Digits(destination, 4, utc.Year);
        destination[4] = '-';
        Digits(destination[5..], 2, utc.Month);
        destination[7] = '-';
        Digits(destination[8..], 2, utc.Day);
        destination[10] = 'T';
        Digits(destination[11..], 2, utc.Hour);
        destination[13] = ':';
        Digits(destination[14..], 2, utc.Minute);
        destination[16] = ':';
        Digits(destination[17..], 2, utc.Second);
        destination[19] = 'Z';
        charsWritten = 20;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> (0 ≤ value &lt; 10^count) as exactly <paramref name="count"/> decimal digits, zero-padded.</summary>
    private static void Digits(Span<char> destination, int count, int value)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The instant as a key writes it.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var n, default, null) ? new string(buffer[..n]) : InstantPattern.General.Format(at);
    }
}
