namespace CrmKit.Customers.Tests;

public class MoneyTests
{
    [Fact]
    public void Add_SameCurrency_AddsAmounts()
        => Assert.Equal(Money.Vnd(250_000m), Money.Vnd(150_000m) + Money.Vnd(100_000m));

    [Fact]
    public void Add_DifferentCurrencies_ThrowsWithBothCodes()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => Money.Vnd(1m) + new Money(1m, Currency.Usd));
        Assert.Equal("Cannot add amounts in VND and USD. Convert both amounts to one currency first.", ex.Message);
        Assert.Equal(Currency.Vnd, ex.Left);
        Assert.Equal(Currency.Usd, ex.Right);
    }

    [Fact]
    public void Compare_DifferentCurrencies_Throws()
        => Assert.Throws<CurrencyMismatchException>(() => Money.Vnd(1m) < new Money(1m, Currency.Eur));

    [Theory]
    [InlineData("VND", 0)]
    [InlineData("usd", 2)]
    [InlineData(" KWD ", 3)]
    [InlineData("JPY", 0)]
    public void FromCode_KnownCode_HasIsoMinorUnits(string code, int minorUnits)
        => Assert.Equal(minorUnits, Currency.FromCode(code).MinorUnits);

    [Fact]
    public void FromCode_UnknownCode_ExplainsWhatIsExpected()
    {
        var ex = Assert.Throws<InvalidValueException>(() => Currency.FromCode("VNĐ"));
        Assert.Equal("Invalid currency: 'VNĐ' is not a known ISO 4217 currency code. Use a three-letter code such as VND, USD or EUR.", ex.Message);
    }

    [Theory]
    [InlineData(150000, "VND", true)]
    [InlineData(150000.5, "VND", false)]
    [InlineData(12.34, "USD", true)]
    [InlineData(12.345, "USD", false)]
    public void IsWholeMinorUnits_FollowsTheCurrency(decimal amount, string code, bool expected)
        => Assert.Equal(expected, new Money(amount, Currency.FromCode(code)).IsWholeMinorUnits);

    [Fact]
    public void RoundToMinorUnit_Vnd_RoundsToWholeDong()
        => Assert.Equal(Money.Vnd(66_667m), (Money.Vnd(200_000m) / 3m).RoundToMinorUnit(MidpointRounding.AwayFromZero));

    [Fact]
    public void ToString_IsInvariant()
        => Assert.Equal("1234567.5 USD", new Money(1_234_567.5m, Currency.Usd).ToString());

    [Fact]
    public void Constructor_DefaultCurrency_Throws()
        => Assert.Throws<InvalidValueException>(() => new Money(1m, default));
}
