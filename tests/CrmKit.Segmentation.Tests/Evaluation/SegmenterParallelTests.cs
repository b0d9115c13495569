using CrmKit.Customers;

namespace CrmKit.Segmentation.Tests;

/// <summary>
/// Segmenter classifies ranges of customers on every core; what it returns must be what one loop in order computes,
/// worked here customer by customer with the public single-customer calls.
/// </summary>
public sealed class SegmenterParallelTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly Instant AsOf = Instant.FromUtc(2026, 6, 30, 12, 0);
    private static readonly EvaluationContext Context = new(AsOf, Zone);

    [Fact]
    public void Run_OnManyCustomers_EqualsClassifyingEachCustomerInOrder()
    {
        // 6,000 customers (several ranges on any machine with two cores or more), each with 0 to 7 orders spread
        // over two years, some cancelled, some in the province or with the tags that built-in segments read.
        var rng = new Random(2026);
        var customers = Enumerable.Range(0, 6_000).Select(i =>
        {
            var id = new CustomerId($"KH{i:D5}");
            var orders = Enumerable.Range(0, rng.Next(8)).Select(k => new Order
            {
                Id = new OrderId($"HD{i:D5}-{k}"),
                CustomerId = id,
                PlacedAt = AsOf - Duration.FromHours(rng.Next(2 * 365 * 24)),
                Total = Money.Vnd(50_000 * (1 + rng.Next(60))),
                Status = rng.Next(10) == 0 ? OrderStatus.Cancelled : OrderStatus.Completed,
            }).ToList();
            return new Customer
            {
                Id = id,
                DisplayName = $"Khách {i}",
                CreatedAt = AsOf - Duration.FromDays(800 - rng.Next(790)),
                BirthDate = rng.Next(2) == 0 ? new LocalDate(1970, 1, 1).PlusDays(rng.Next(12_000)) : null,
                Location = rng.Next(3) == 0 ? new Location("Hà Nội") : null,
                Tags = rng.Next(4) == 0 ? ["làm đẹp"] : [],
                History = new CustomerHistory { Orders = OrderHistory.From(orders) },
            };
        }).ToList();
        var segmenter = new Segmenter(BuiltInSegments.Catalog);

        var result = segmenter.Run(customers, Context);

        // The reference, one customer at a time: the record, the RFM scores from the thresholds the run fitted, the
        // value tiers, then the single-customer classification.
        var records = customers.Select(c => CustomerRecord.From(c, Zone)).ToList();
        foreach (var record in records)
        {
            var score = result.Thresholds.Score(record, Context);
            (record.RecencyScore, record.FrequencyScore, record.MonetaryScore) = (score?.Recency, score?.Frequency, score?.Monetary);
        }

        Assert.Equal<ValueTierThresholds>(ValueTierThresholds.Apply(customers.Zip(records), Context), result.ValueTiers);
        var sizes = new int[BuiltInSegments.Catalog.Segments.Length];
        foreach (var record in records)
        {
            var expected = segmenter.Classifier.Classify(record, Context);
            Assert.Equal<string>(expected.Ids, result.Memberships[new CustomerId(record.Id)].Ids);
            foreach (var id in expected.Ids)
            {
                sizes[BuiltInSegments.Catalog.Segments.IndexOf(BuiltInSegments.Catalog.Segments.Single(s => s.Id == id))]++;
            }
        }

        Assert.Equal(customers.Count, result.Memberships.Count);
        Assert.Equal(sizes, result.Sizes.Select(s => s.Customers));
        Assert.Contains(result.Sizes, s => s.Customers > 100);   // the population reaches the segments
    }
}
