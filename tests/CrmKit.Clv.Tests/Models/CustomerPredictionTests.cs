using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class CustomerPredictionTests
{
    private static readonly RfmRow Row = new("c01", Frequency: 2, Recency: 30, Age: 40, MonetaryValue: 25);

    [Fact]
    public void Constructor_TheRowsCustomer_KeepsTheTypedId()
    {
        var prediction = new CustomerPrediction(new CustomerId("c01"), Row, 0.8, 1.5, 40);

        Assert.Equal(new CustomerId("c01"), prediction.CustomerId);
        Assert.Equal(Row, prediction.Summary);
    }

    [Fact]
    public void Constructor_AnotherCustomersRow_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerPrediction(new CustomerId("c02"), Row, 0.8, 1.5, 40));

        Assert.Equal("The summary row is customer 'c01', not the prediction's 'c02'. (Parameter 'Summary')", error.Message);
    }
}
