using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class ImportFormatNamesTests
{
    [Theory]
    [InlineData("vi", NumberFormat.Vietnamese)]
    [InlineData(" EN ", NumberFormat.English)]
    [InlineData("Vietnamese", NumberFormat.Vietnamese)]
    [InlineData("auto", NumberFormat.Auto)]
    public void TryParseNumberFormat_KnownName_GivesTheFormat(string name, NumberFormat expected)
    {
        Assert.True(ImportFormatNames.TryParseNumberFormat(name, out var format, out _));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("dmy", DateOrder.DayFirst)]
    [InlineData("MDY", DateOrder.MonthFirst)]
    [InlineData("year_first", DateOrder.YearFirst)]
    [InlineData("auto", DateOrder.Auto)]
    public void TryParseDateOrder_KnownName_GivesTheOrder(string name, DateOrder expected)
    {
        Assert.True(ImportFormatNames.TryParseDateOrder(name, out var order, out _));
        Assert.Equal(expected, order);
    }

    [Fact]
    public void TryParse_UnknownName_ListsTheAcceptedOnes()
    {
        Assert.False(ImportFormatNames.TryParseNumberFormat("de", out _, out var numberError));
        Assert.Equal("'de' is not a number format; use vi (1.250.000,50), en (1,250,000.50) or auto", numberError);
        Assert.False(ImportFormatNames.TryParseDateOrder("dd/MM/yyyy", out _, out var orderError));
        Assert.Equal("'dd/MM/yyyy' is not a date order; use dmy (28/08/2025), mdy (08/28/2025), ymd (25/08/28) or auto", orderError);
    }

    [Fact]
    public void NameOf_EveryValue_ParsesBack()
    {
        foreach (var format in Enum.GetValues<NumberFormat>())
        {
            Assert.True(ImportFormatNames.TryParseNumberFormat(ImportFormatNames.NameOf(format), out var back, out _));
            Assert.Equal(format, back);
        }

        foreach (var order in Enum.GetValues<DateOrder>())
        {
            Assert.True(ImportFormatNames.TryParseDateOrder(ImportFormatNames.NameOf(order), out var back, out _));
            Assert.Equal(order, back);
        }
    }
}
