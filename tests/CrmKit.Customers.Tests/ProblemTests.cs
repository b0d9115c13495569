using CrmKit.Customers;

namespace CrmKit.Customers.Tests;

public class ProblemTests
{
    [Theory]
    [InlineData("$.segments[2].rule.all[0].op", "unknown operator 'eqq'; expected one of eq, ne, lt.", "$.segments[2].rule.all[0].op: unknown operator 'eqq'; expected one of eq, ne, lt.")]
    [InlineData("orders.csv:17:3", "'31/02/2025' is not a date.", "orders.csv:17:3: '31/02/2025' is not a date.")]
    [InlineData("CrmKit:Clv:HorizonDays", "must be between 1 and 3650; got 0.", "CrmKit:Clv:HorizonDays: must be between 1 and 3650; got 0.")]
    public void ToString_IsLocationColonMessage(string location, string message, string expected)
        => Assert.Equal(expected, new Problem(location, message).ToString());

    [Fact]
    public void Constructor_KeepsBothTexts()
    {
        var problem = new Problem("$.name", "must not be empty.");
        Assert.Equal("$.name", problem.Location);
        Assert.Equal("must not be empty.", problem.Message);
    }

    [Fact]
    public void Constructor_NullLocation_Throws()
        => Assert.Equal("Location", Assert.Throws<ArgumentNullException>(() => new Problem(null!, "m")).ParamName);

    [Fact]
    public void Constructor_NullMessage_Throws()
        => Assert.Equal("Message", Assert.Throws<ArgumentNullException>(() => new Problem("$", null!)).ParamName);

    [Fact]
    public void With_Null_Throws()
        => Assert.Equal("Message", Assert.Throws<ArgumentNullException>(() => new Problem("$", "m") with { Message = null! }).ParamName);

    [Fact]
    public void Constructor_EscapesControlCharacters()
    {
        // An ESC would drive a terminal and a line break would forge a second log line.
        var problem = new Problem("a\nb.csv:1", "value '\u001B[31mred' is not a number.");
        Assert.Equal("a\\u000Ab.csv:1: value '\\u001B[31mred' is not a number.", problem.ToString());
    }

    [Fact]
    public void With_EscapesControlCharacters()
        => Assert.Equal("x\\u0007", (new Problem("$", "m") with { Location = "x\a" }).Location);

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new Problem("$.a", "m"), new Problem("$.a", "m"));
        Assert.NotEqual(new Problem("$.a", "m"), new Problem("$.b", "m"));
        Assert.NotEqual(new Problem("$.a", "m"), new Problem("$.a", "n"));
    }
}
