using System.Globalization;
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

        return destination.TryWrite(CultureInfo.InvariantCulture, $"{utc.Year:D4}-{utc.Month:D2}-{utc.Day:D2}T{utc.Hour:D2}:{utc.Minute:D2}:{utc.Second:D2}Z", out charsWritten);
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
