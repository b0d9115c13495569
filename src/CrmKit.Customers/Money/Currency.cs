using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CrmKit.Customers;

/// <summary>
/// An ISO 4217 currency: its three-letter code and the number of digits of its minor unit
/// (VND has none, USD has two, KWD three).
/// </summary>
/// <remarks>
/// The table covers the currencies of Vietnam's trading partners and the world's most traded ones;
/// There is no way to add codes at run time: an unknown code is far more often a typo
/// than a currency, so it is rejected. Minor units are those of the ISO 4217 list (amendment 177).
/// </remarks>
public readonly record struct Currency : IComparable<Currency>
{
    private static readonly FrozenDictionary<string, int> MinorUnitsByCode = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["VND"] = 0, ["USD"] = 2, ["EUR"] = 2, ["JPY"] = 0, ["KRW"] = 0, ["CNY"] = 2, ["HKD"] = 2, ["TWD"] = 2,
        ["SGD"] = 2, ["THB"] = 2, ["MYR"] = 2, ["IDR"] = 2, ["PHP"] = 2, ["KHR"] = 2, ["LAK"] = 2, ["MMK"] = 2,
        ["INR"] = 2, ["AUD"] = 2, ["NZD"] = 2, ["CAD"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["SEK"] = 2, ["NOK"] = 2,
        ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["RUB"] = 2, ["TRY"] = 2, ["AED"] = 2, ["SAR"] = 2,
        ["ILS"] = 2, ["ZAR"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ARS"] = 2, ["CLP"] = 0, ["COP"] = 2, ["KWD"] = 3,
        ["BHD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3, ["ISK"] = 0, ["UGX"] = 0, ["PYG"] = 0, ["XOF"] = 0,
        ["XAF"] = 0, ["BDT"] = 2, ["PKR"] = 2, ["LKR"] = 2, ["NGN"] = 2, ["EGP"] = 2, ["KES"] = 2, ["UAH"] = 2,
        ["RON"] = 2, ["BGN"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>Vietnamese đồng: no minor unit.</summary>
    public static Currency Vnd { get; } = new("VND", 0);

    /// <summary>United States dollar.</summary>
    public static Currency Usd { get; } = new("USD", 2);

    /// <summary>Euro.</summary>
    public static Currency Eur { get; } = new("EUR", 2);

    /// <summary>The three-letter ISO 4217 code, upper case.</summary>
    public string Code { get; }

    /// <summary>How many decimal digits the currency's minor unit has (0 for VND, 2 for USD).</summary>
    public int MinorUnits { get; }

    /// <summary>Every currency code CrmKit knows, in ordinal order.</summary>
    public static IReadOnlyList<string> KnownCodes { get; } = [.. MinorUnitsByCode.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Looks up a currency by its ISO 4217 code (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="InvalidValueException">The code is not a known ISO 4217 code.</exception>
    public static Currency FromCode(string code)
    {
        if (TryFromCode(code, out var currency))
        {
            return currency;
        }

        throw new InvalidValueException(
            "currency",
            $"'{code}' is not a known ISO 4217 currency code.",
            "Use a three-letter code such as VND, USD or EUR.");
    }

    /// <summary>Looks up a currency by its ISO 4217 code without throwing.</summary>
    public static bool TryFromCode([NotNullWhen(true)] string? code, out Currency currency)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (normalized is not null && MinorUnitsByCode.TryGetValue(normalized, out var minor))
        {
            currency = new Currency(normalized, minor);
            return true;
        }

        currency = default;
        return false;
    }

    /// <inheritdoc/>
    public int CompareTo(Currency other) => string.CompareOrdinal(Code, other.Code);

    /// <summary>The ISO 4217 code.</summary>
    public override string ToString() => Code ?? "(no currency)";
}
