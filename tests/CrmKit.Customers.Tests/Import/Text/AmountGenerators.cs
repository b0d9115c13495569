using System.Globalization;
using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// Amounts as shops write them, produced by .NET's own number formatting (an implementation independent of
/// <see cref="AmountText"/>) with the separators of each style, and a currency mark placed as exports place it.
/// </summary>
internal static class AmountGenerators
{
    /// <summary>Marks as written, with the ISO code each stands for (null: no mark).</summary>
    public static readonly (string? Mark, string? Code)[] Marks =
    [
        (null, null), ("₫", "VND"), ("đ", "VND"), ("Đ", "VND"), ("VNĐ", "VND"), ("VND", "VND"), ("vnd", "VND"),
        ("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("USD", "USD"), ("JPY", "JPY"), ("đồng", "VND"),
    ];

    /// <summary>A written amount: the text, its true value, its mark and currency code, and the style it is written in.</summary>
    public sealed record Written(string Text, decimal Value, string? Mark, string? Code, NumberFormat Style)
    {
        public override string ToString() => $"'{Text}' = {Value} ({Style})";
    }

    /// <summary>A value from 0 to 10^12, with no, one or two decimals.</summary>
    public static Gen<decimal> Value { get; } =
        from magnitude in Gen.Choose(0, 12)
        from high in Gen.Choose(0, 999_999)
        from low in Gen.Choose(0, 999_999)
        from decimals in Gen.Elements(0, 0, 1, 2)
        from fraction in Gen.Choose(0, 99)
        let whole = (high * 1_000_000L + low) % (long)Math.Pow(10, magnitude)
        let value = magnitude == 12 && high == 0 && low == 0 ? 1_000_000_000_000m : whole
        select decimals switch
        {
            0 => value,
            1 => value + (fraction % 10) / 10m,
            _ => value + fraction / 100m,
        };

    /// <summary>An amount written in <paramref name="style"/>.</summary>
    public static Gen<Written> In(NumberFormat style) =>
        from value in Value
        from negative in Gen.Elements(false, false, false, true)
        from grouping in Gen.Elements("none", "mark", "mark", "space", "nbsp", "narrow")
        from mark in Gen.Elements(Marks)
        from markBefore in Gen.Elements(true, false)
        from spaced in Gen.Elements(true, false)
        from apostrophe in Gen.Elements(false, false, false, true)
        let signed = negative && value != 0 ? -value : value
        let digits = Format(signed, style, grouping)
        let text = mark.Mark is null ? digits
            : markBefore ? (signed < 0 ? "-" + mark.Mark + (spaced ? " " : string.Empty) + digits[1..] : mark.Mark + (spaced ? " " : string.Empty) + digits)
            : digits + (spaced ? " " : string.Empty) + mark.Mark
        select new Written((apostrophe ? "'" : string.Empty) + text, signed, mark.Mark, mark.Code, style);

    /// <summary>An amount written in either style.</summary>
    public static Gen<Written> InEitherStyle { get; } = Gen.Elements(NumberFormat.Vietnamese, NumberFormat.English).SelectMany(In);

    /// <summary>Formats with <see cref="NumberFormatInfo"/>: groups of three with the given separator, the style's decimal mark.</summary>
    public static string Format(decimal value, NumberFormat style, string grouping)
    {
        var info = new NumberFormatInfo
        {
            NumberDecimalSeparator = style == NumberFormat.Vietnamese ? "," : ".",
            NumberGroupSeparator = grouping switch
            {
                "space" => " ",
                "nbsp" => "\u00A0",
                "narrow" => "\u202F",
                _ => style == NumberFormat.Vietnamese ? "." : ",",
            },
            NumberGroupSizes = [3],
            NegativeSign = "-",
        };
        var decimals = value.Scale;
        var pattern = (grouping == "none" ? "0" : "#,0") + (decimals > 0 ? "." + new string('0', decimals) : string.Empty);
        return value.ToString(pattern, info);
    }
}
