using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace CrmKit.Customers;

/// <summary>
/// Reads a number as a <see cref="decimal"/> only when the decimal holds it exactly; every JSON number CrmKit reads
/// as a decimal (rule and catalogue constants, money amounts, attribute and process values) comes here.
/// </summary>
/// <remarks>
/// A decimal is m × 10^−s with |m| &lt; 2^96 (so at most ±79,228,162,514,264,337,593,543,950,335 ≈ ±7.9e28) and
/// 0 ≤ s ≤ 28 (ECMA-335 / .NET <see cref="decimal"/>). System.Text.Json's <c>GetDecimal</c> rounds what lies beyond:
/// <c>1e-30</c> becomes 0 — so <c>orders.sum &gt;= 1e-30</c> matched customers without orders — while <c>1e30</c> fails
/// as "not a number". Here both are "out of range".
/// </remarks>
public static class ExactDecimal
{
    /// <summary>The range, as messages quote it.</summary>
    public const string Range = "±7.9e28, at most 28 decimals";

    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    /// <summary>The message for a number outside the range: <c>out of range (±7.9e28, at most 28 decimals); found 1e-30.</c></summary>
    public static string OutOfRange(string found) => $"out of range ({Range}); found {found}.";

    /// <summary>Reads a number in JSON's grammar (sign, digits, fraction, exponent) if a decimal holds it exactly.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '-' or '+')
        {
            negative = text[i] == '-';
            i++;
        }

        var mantissa = BigInteger.Zero;
        long exponent = 0;
        var digits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
        {
            mantissa = (mantissa * 10) + (text[i] - '0');
        }

        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
            {
                mantissa = (mantissa * 10) + (text[i] - '0');
                exponent--;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!long.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) || e is > int.MaxValue or < int.MinValue)
            {
                return false;
            }

            exponent += e;
            i = text.Length;
        }

        if (i != text.Length)
        {
            return false;
        }

        if (mantissa.IsZero)
        {
            value = new decimal(0, 0, 0, false, (byte)Math.Clamp(-exponent, 0, 28)); // "0.0" keeps its scale
            return true;
        }

        // Keep the scale written ("1.10" stays 1.10, as decimal.Parse does) unless only trailing zeros keep it from fitting.
        while ((exponent < -28 || mantissa > MaxMantissa) && exponent < 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        if (exponent > 0)
        {
            if (exponent > 29)
            {
                return false;
            }

            mantissa *= BigInteger.Pow(10, (int)exponent);
            exponent = 0;
        }

        if (-exponent > 28 || mantissa > MaxMantissa)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        mantissa.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        value = new decimal(BitConverter.ToInt32(bytes), BitConverter.ToInt32(bytes[4..]), BitConverter.ToInt32(bytes[8..]), negative, (byte)-exponent);
        return true;
    }

    /// <summary>Reads a JSON number element exactly.</summary>
    public static bool TryGet(JsonElement element, out decimal value)
    {
        value = 0m;
        return element.ValueKind == JsonValueKind.Number && TryParse(element.GetRawText(), out value);
    }

    /// <summary>Reads the reader's number token exactly.</summary>
    /// <exception cref="JsonException">Not a number, or out of range; System.Text.Json adds the path.</exception>
    public static decimal Get(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"expected a number, found a {reader.TokenType.ToString().ToLowerInvariant()}.");
        }

        var raw = Encoding.ASCII.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        return TryParse(raw, out var value) ? value : throw new JsonException(OutOfRange(raw));
    }
}
