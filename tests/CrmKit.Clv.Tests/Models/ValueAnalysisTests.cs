using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class ValueAnalysisTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    [Property(MaxTest = 12)]
    public Property Run_AgreesWithTheStepsDoneByHand() => Prop.ForAll(
        Generators.Customers(40).ToArbitrary(),
        Gen.Elements(CountModelKind.BetaGeo, CountModelKind.ModifiedBetaGeo).ToArbitrary(),
        (customers, model) =>
        {
            var asOf = Instant.FromUtc(2030, 1, 1, 0, 0);
            var options = new ValueAnalysisOptions { Model = model, Value = new ClvOptions { Horizon = 26 } };

            var result = ValueAnalysis.Run(customers, asOf, Zone, options);

            var summary = RfmSummaryBuilder.FromUnsorted(
                customers.SelectMany(c => c.History.Orders.Where(o => o.IsRevenue && o.PlacedAt <= asOf).Select(o => (c.Id.Value, o.PlacedAt.InZone(c.TimeZone ?? Zone).Date, (double)o.Total.Amount))),
                new RfmOptions { ObservationEnd = asOf.InZone(Zone).Date, Unit = TimeUnit.Week });
            if (result.Count is null)
            {
                Assert.Empty(result.Predictions);
                Assert.NotEmpty(result.Problems);   // a failure always says why
                return;
            }

            Assert.Equal(summary.Count, result.Predictions.Length);
            for (var i = 0; i < summary.Count; i++)
            {
                var row = summary[i];
                var p = result.Predictions[i];
                Assert.Equal(row, p.Summary);
                Assert.Equal(result.Count.ProbabilityAlive(row.Frequency, row.Recency, row.Age), p.ProbabilityAlive);
                Assert.Equal(result.Count.ConditionalExpectedPurchases(26, row.Frequency, row.Recency, row.Age), p.ExpectedPurchases);
                Assert.Equal(result.Spend is null ? null : CustomerValue.Discounted(result.Count, result.Spend, row, options.Value), p.Value);
            }
        });

    [Fact]
    public void Run_ManyCustomers_PredictionsInRowOrderAsComputedOneByOne()
    {
        // 6,000 customers drawn as BG/NBD describes them (a seeded generator per customer): enough summary rows that
        // the predictions are computed in parallel ranges. Each must be the model's own value for its row, in row order.
        var asOf = Instant.FromUtc(2026, 10, 31, 12, 0);
        var customers = Enumerable.Range(1, 6_000).Select(i =>
        {
            var id = new CustomerId($"KH{i:D5}");
            var rng = new Random(i);
            var rate = 0.002 + (0.03 * rng.NextDouble());
            var first = 100 + rng.Next(600);
            var dropout = 0.6 * rng.NextDouble() * rng.NextDouble();
            var days = new List<double> { 0 };
            for (var t = -Math.Log(1 - rng.NextDouble()) / rate; t < first && rng.NextDouble() >= dropout; t += -Math.Log(1 - rng.NextDouble()) / rate)
            {
                days.Add(t);
            }

            var orders = days.Select((d, k) => new Order
            {
                Id = new OrderId($"HD{i:D5}-{k}"),
                CustomerId = id,
                PlacedAt = asOf - Duration.FromDays(first) + Duration.FromDays(d),
                Total = Money.Vnd(100_000 + (1000 * ((i * 13 + k * 7) % 500))),
                Status = OrderStatus.Completed,
            });
            return new Customer { Id = id, DisplayName = $"Khách {i}", CreatedAt = asOf - Duration.FromDays(800), History = new CustomerHistory { Orders = OrderHistory.From(orders) } };
        }).ToList();
        var options = new ValueAnalysisOptions { Value = new ClvOptions { Horizon = 52 } };

        var result = ValueAnalysis.Run(customers, asOf, Zone, options);

        Assert.NotNull(result.Count);
        Assert.NotNull(result.Spend);
        Assert.True(result.Summary!.Count > 2_000, $"{result.Summary.Count} summary rows");
        Assert.Equal(result.Summary.Count, result.Predictions.Length);
        for (var i = 0; i < result.Summary.Count; i++)
        {
            var row = result.Summary[i];
            var p = result.Predictions[i];
            Assert.Equal(row, p.Summary);
            Assert.Equal(result.Count.ProbabilityAlive(row.Frequency, row.Recency, row.Age), p.ProbabilityAlive);
            Assert.Equal(result.Count.ConditionalExpectedPurchases(52, row.Frequency, row.Recency, row.Age), p.ExpectedPurchases);
            Assert.Equal(CustomerValue.Discounted(result.Count, result.Spend, row, options.Value), p.Value);
        }

        // The same predictions reach segmentation through the kernel's customer-value source, by customer id.
        var estimates = result.Estimates();
        foreach (var p in result.Predictions)
        {
            Assert.Equal(new CustomerValueEstimate(p.ProbabilityAlive, p.ExpectedPurchases, p.Value), estimates.Estimate(p.CustomerId));
        }

        Assert.Null(estimates.Estimate(new CustomerId("KH-no-orders")));
    }

    [Fact]
    public void Run_NobodyRepeats_ReportsWhyInsteadOfThrowing()
    {
        var customers = Enumerable.Range(1, 5).Select(i => new Customer
        {
            Id = new CustomerId($"KH{i}"),
            DisplayName = $"Khách {i}",
            CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
            History = new CustomerHistory
            {
                Orders = OrderHistory.From([new Order { Id = new OrderId($"HD{i}"), CustomerId = new CustomerId($"KH{i}"), PlacedAt = Instant.FromUtc(2025, 2, i, 3, 0), Total = Money.Vnd(100_000), Status = OrderStatus.Completed }]),
            },
        }).ToList();

        var result = ValueAnalysis.Run(customers, Instant.FromUtc(2025, 6, 1, 0, 0), Zone);

        Assert.Null(result.Count);
        Assert.Empty(result.Predictions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("BG/NBD: The BG/NBD fit failed: no customer made a repeat purchase, so the purchase and dropout processes cannot be told apart. Use a longer calibration period.", problem.Message);
        Assert.Equal((ClvProblemKind.CountFitFailed, ClvProblemKind.NoRepeatPurchase, "BG/NBD"), (problem.Kind, problem.Cause?.Kind, problem.Cause?.Model));
        Assert.Equal("The BG/NBD fit failed: no customer made a repeat purchase, so the purchase and dropout processes cannot be told apart. Use a longer calibration period.", problem.Cause!.Message);
        Assert.Equal(5, result.Summary!.Count);
    }

    [Fact]
    public void Run_NoOrders_ReportsIt()
    {
        var result = ValueAnalysis.Run([], Instant.FromUtc(2025, 6, 1, 0, 0), Zone);
        Assert.Equal([(ClvProblemKind.NoOrders, "no completed orders, so no CLV model can be fitted")], result.Problems.Select(p => (p.Kind, p.Message)));
        Assert.Null(result.Summary);
    }
}
