using System.Globalization;

namespace CrmKit.Customers;

/// <summary>
/// An amount of money: a <see cref="decimal"/> amount and its <see cref="Customers.Currency"/>.
/// Arithmetic and comparison across currencies throw <see cref="CurrencyMismatchException"/>.
/// </summary>
/// <remarks>
/// Amounts keep full decimal precision through arithmetic (an average of VND amounts may have a fraction);
/// <see cref="RoundToMinorUnit"/> brings a result back to what the currency can pay, and
/// <see cref="IsWholeMinorUnits"/> tells whether an input amount is payable as it stands.
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount, in major units (đồng, dollars).</param>
    /// <param name="currency">The currency; must not be <c>default</c>.</param>
    public Money(decimal amount, Currency currency)
    {
        if (currency.Code is null)
        {
            throw new InvalidValueException("currency", "is the default Currency, which names no currency.");
        }

        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount in major units.</summary>
    public decimal Amount { get; }

    /// <summary>The currency of the amount.</summary>
    public Currency Currency { get; }

    /// <summary>An amount in Vietnamese đồng.</summary>
    public static Money Vnd(decimal amount) => new(amount, Currency.Vnd);

    /// <summary>Zero in the given currency.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>Whether the amount has no more decimals than the currency's minor unit allows.</summary>
    public bool IsWholeMinorUnits => decimal.Round(Amount, Currency.MinorUnits) == Amount;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => Amount < 0m;

    /// <summary>Rounds to the currency's minor unit (half to even unless told otherwise).</summary>
    public Money RoundToMinorUnit(MidpointRounding rounding = MidpointRounding.ToEven)
        => new(decimal.Round(Amount, Currency.MinorUnits, rounding), Currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right, "add"));

    /// <summary>Subtracts two amounts of the same currency.</summary>
    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right, "subtract"));

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    /// <summary>Multiplies an amount by a factor (a quantity, a margin).</summary>
    public static Money operator *(Money value, decimal factor) => new(value.Amount * factor, value.Currency);

    /// <summary>Multiplies an amount by a factor (a quantity, a margin).</summary>
    public static Money operator *(decimal factor, Money value) => value * factor;

    /// <summary>Divides an amount by a divisor.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="divisor"/> is zero.</exception>
    public static Money operator /(Money value, decimal divisor) => new(value.Amount / divisor, value.Currency);

    /// <summary>Whether the left amount is smaller; both must share a currency.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Whether the left amount is larger; both must share a currency.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Whether the left amount is smaller or equal; both must share a currency.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Whether the left amount is larger or equal; both must share a currency.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Adds two amounts of the same currency.</summary>
    public Money Add(Money other) => this + other;

    /// <summary>Subtracts an amount of the same currency.</summary>
    public Money Subtract(Money other) => this - other;

    /// <summary>Multiplies by a factor.</summary>
    public Money Multiply(decimal factor) => this * factor;

    /// <summary>Divides by a divisor.</summary>
    public Money Divide(decimal divisor) => this / divisor;

    /// <summary>Negates the amount.</summary>
    public Money Negate() => -this;

    /// <summary>Compares amounts of the same currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        Same(this, other, "compare");
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The amount with the currency code, invariant culture: <c>150000 VND</c>.</summary>
    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency}";

    private static Currency Same(Money left, Money right, string operation)
        => left.Currency == right.Currency ? left.Currency : throw new CurrencyMismatchException(left.Currency, right.Currency, operation);
}
