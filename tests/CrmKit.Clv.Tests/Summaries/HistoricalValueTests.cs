using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

public class HistoricalValueTests
{
    private static readonly Transaction[] Sales =
    [
        new("A", new LocalDate(2025, 1, 5), 100),
        new("A", new LocalDate(2025, 2, 7), 300),
        new("A", new LocalDate(2025, 4, 1), 200),
        new("B", new LocalDate(2025, 1, 20), 50),
        new("C", new LocalDate(2025, 2, 1), 80),
        new("C", new LocalDate(2025, 3, 3), 120),
        new("D", new LocalDate(2025, 5, 1), 999), // after the observation end
    ];

    [Fact]
    public void Compute_HandCheckedFigures()
    {
        var value = HistoricalValue.Compute(Sales, new LocalDate(2025, 4, 30), TimeUnit.Day);

        Assert.Equal(["A", "B", "C"], value.Customers.Select(c => c.CustomerId));
        var a = value.Customers[0];
        Assert.Equal(3, a.Transactions);
        Assert.Equal(600, a.Revenue);
        Assert.Equal(200, a.AverageOrderValue);
        Assert.Equal(3 / 116.0, a.PurchaseFrequency, 12); // 5 January to 30 April: 116 days
        Assert.Equal(850 / 6.0, value.AverageOrderValue, 12); // 850 over 6 transactions
        Assert.Equal(((3 / 116.0) + (1 / 101.0) + (2 / 89.0)) / 3, value.PurchaseFrequency, 12);
        Assert.Equal(value.AverageOrderValue * value.PurchaseFrequency * 365 * 0.3, value.SimpleClv(365, 0.3), 9);
    }

    [Fact]
    public void CohortRetention_HandCheckedTable()
    {
        var table = CohortRetention.Build(Sales, new LocalDate(2025, 4, 30));

        Assert.Equal(2, table.Length);
        Assert.Equal(new YearMonth(2025, 1), table[0].Cohort);
        Assert.Equal(2, table[0].Size); // A and B
        Assert.Equal<double>([1, 0.5, 0, 0.5], table[0].Retention); // A buys in Feb and Apr; B never again
        Assert.Equal(new YearMonth(2025, 2), table[1].Cohort);
        Assert.Equal<double>([1, 1, 0], table[1].Retention); // C buys again in March
        Assert.All(table.SelectMany(r => r.Retention), share => Assert.InRange(share, 0, 1));
    }
}
