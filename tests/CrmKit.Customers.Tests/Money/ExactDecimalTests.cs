using System.Globalization;
using System.Text.Json;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public class ExactDecimalTests
{
    /// <summary>
    /// The decimal range: m × 10^−s with |m| ≤ 2^96 − 1 = 79228162514264337593543950335 (python3: 2**96-1) and s ≤ 28.
    /// Expected values are the decimal literals the texts denote.
    /// </summary>
    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("1500000", "1500000")]
    [InlineData("1500000.00", "1500000")]
    [InlineData("1.5e6", "1500000")]
    [InlineData("15E+5", "1500000")]
    [InlineData("1e-28", "0.0000000000000000000000000001")]
    [InlineData("-1e-28", "-0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335e28", "79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335", "7.9228162514264337593543950335")]
    [InlineData("0.1000000000000000000000000000000000", "0.1")]
    [InlineData("1e28", "10000000000000000000000000000")]
    public void TryParse_NumberADecimalHolds_IsExact(string text, string expected)
    {
        Assert.True(ExactDecimal.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1e-30")]
    [InlineData("1e-29")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("1e30")]
    [InlineData("1e29")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("-79228162514264337593543950336")]
    [InlineData("7.92281625142643375935439503351")] // 29 decimals
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("1e999999999999")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.5.0")]
    [InlineData("0x10")]
    public void TryParse_NumberADecimalCannotHoldExactly_IsRejected(string text)
        => Assert.False(ExactDecimal.TryParse(text, out _));

    /// <summary>The written scale is kept, as decimal.Parse keeps it (snapshots and rules round-trip "1.10" and "0.0").</summary>
    [Theory]
    [InlineData("1.10", "1.10")]
    [InlineData("0.0", "0.0")]
    [InlineData("1500000.00", "1500000.00")]
    [InlineData("0.1000000000000000000000000000000000", "0.1000000000000000000000000000")]
    public void TryParse_KeepsTheWrittenScale(string text, string expected)
    {
        Assert.True(ExactDecimal.TryParse(text, out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_AmountOrAttributeOutsideTheDecimalRange_FailsWithPath()
    {
        var money = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<Money>("""{"amount":1e-30,"currency":"VND"}"""));
        Assert.StartsWith("out of range (±7.9e28, at most 28 decimals); found 1e-30.", money.Message, StringComparison.Ordinal);
        var attribute = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<AttributeValue>("""{"number":1e30}"""));
        Assert.StartsWith("out of range (±7.9e28, at most 28 decimals); found 1e30.", attribute.Message, StringComparison.Ordinal);
        var plain = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<decimal[]>("[1, 1e-29]"));
        Assert.Equal("$[1]", plain.Path);
        Assert.Equal(0.0000000000000000000000000001m, CrmKitJson.Deserialize<decimal>("1e-28"));
    }
}
