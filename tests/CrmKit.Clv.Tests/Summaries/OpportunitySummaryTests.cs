using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

public class OpportunitySummaryTests
{
    [Fact]
    public void Build_YearlyDonations_CountsCompleteOpportunitiesOnly()
    {
        var builder = new OpportunitySummaryBuilder(new LocalDate(2001, 12, 31), TimeUnit.Year);

        // A: first gift 1995-03-01, so opportunity k covers 1 March of 1995+k to the next; k = 6 (from 2001-03-01) is
        // incomplete. Gifts in k = 1 (twice) and k = 4: x = 2, t_x = 4, n = 5.
        builder.Add("A", new LocalDate(1995, 3, 1));
        builder.Add("A", new LocalDate(1996, 4, 1));
        builder.Add("A", new LocalDate(1996, 5, 1));
        builder.Add("A", new LocalDate(1999, 3, 10));

        // B: first gift 1995-01-01, nothing after; the six years 1996–2001 are complete: x = 0, t_x = 0, n = 6.
        builder.Add("B", new LocalDate(1995, 1, 1));

        // E: first gift 1999-06-01; k = 1 is complete, k = 2 (from 2001-06-01) is not, so its gift does not count.
        builder.Add("E", new LocalDate(1999, 6, 1));
        builder.Add("E", new LocalDate(2000, 8, 1));
        builder.Add("E", new LocalDate(2001, 9, 1));

        // C: first gift 2000-07-01: no complete opportunity yet, left out.
        builder.Add("C", new LocalDate(2000, 7, 1));
        builder.Add("C", new LocalDate(2001, 12, 1));

        var summary = builder.Build();

        Assert.Equal<string>(["A", "B", "E"], summary.CustomerIds.ToArray());
        Assert.Equal<double>([2, 0, 1], summary.Frequency.ToArray());
        Assert.Equal<double>([4, 0, 1], summary.Recency.ToArray());
        Assert.Equal<double>([5, 6, 1], summary.Age.ToArray());
    }

    [Fact]
    public void Add_OutOfOrder_SaysWhatToDo()
    {
        var builder = new OpportunitySummaryBuilder(new LocalDate(2001, 12, 31), TimeUnit.Year);
        builder.Add("A", new LocalDate(1996, 1, 1));
        var ex = Assert.Throws<Customers.InvalidValueException>(() => builder.Add("A", new LocalDate(1995, 1, 1)));
        Assert.Equal("Invalid transaction date: customer 'A' has a purchase on 1995-01-01 after a later one; each customer's transactions must be in date order. Sort the transactions by customer and date.", ex.Message);
    }
}
