namespace CrmKit.Review.Tests;

public class ReviewPropertyTests
{
    private static readonly Gen<Interval> Period =
        from start in Generators.Instant
        from days in Gen.Choose(1, 400)
        select new Interval(start, start + Duration.FromDays(days));

    [Property(MaxTest = 200)]
    public Property Compute_AnyShop_RatesStayInTheirRanges() => Prop.ForAll(
        Generators.Customers(12).ToArbitrary(),
        Period.ToArbitrary(),
        (customers, period) =>
        {
            var f = ReviewCalculator.Compute(customers, period);
            var c = f.Customers;
            Assert.All(new[] { c.RetentionRate, c.ChurnRate, c.RepeatPurchaseRate, c.ReturningRevenueShare, f.Feedback.Csat, f.Tickets.BreachRate }, r => Assert.InRange(r ?? 0.5, 0, 1));
            Assert.InRange(f.Feedback.Nps ?? 0, -100, 100);
            Assert.InRange(f.Feedback.Ces ?? 1, 1, 7);
            Assert.True(c.PurchaseFrequency is null or >= 1);
            Assert.True(c.Buyers <= c.Customers && c.RepeatBuyers <= c.Buyers && c.NewBuyers <= c.Buyers && c.Retained <= c.RetentionBase);
            Assert.True(f.Tickets.Replied <= f.Tickets.Opened && f.Tickets.Breached <= f.Tickets.Opened);
            Assert.All(f.Cohorts, row => Assert.All(row.Retention, r => Assert.InRange(r, 0, 1)));
        });

    [Property(MaxTest = 200)]
    public Property ForCustomers_CountsAndRevenue_AddUpOverAPartition() => Prop.ForAll(
        Generators.Customers(12).ToArbitrary(),
        Period.ToArbitrary(),
        Gen.Choose(0, 12).ToArbitrary(),
        (customers, period, split) =>
        {
            var cut = Math.Min(split, customers.Length);
            var whole = ReviewCalculator.ForCustomers(customers, period);
            var left = ReviewCalculator.ForCustomers(customers[..cut], period);
            var right = ReviewCalculator.ForCustomers(customers[cut..], period);
            Assert.Equal(whole.Buyers, left.Buyers + right.Buyers);
            Assert.Equal(whole.Orders, left.Orders + right.Orders);
            Assert.Equal(whole.Retained, left.Retained + right.Retained);
            Assert.Equal(whole.RetentionBase, left.RetentionBase + right.RetentionBase);
            Assert.Equal(whole.Revenue?.Amount ?? 0, (left.Revenue?.Amount ?? 0) + (right.Revenue?.Amount ?? 0));

            // And revenue equals the naive sum of completed orders placed in the period.
            var naive = customers.SelectMany(x => x.History.Orders).Where(o => o.Status == OrderStatus.Completed && period.Contains(o.PlacedAt)).Sum(o => o.Total.Amount);
            Assert.Equal(naive, whole.Revenue?.Amount ?? 0);
        });
}
