using CrmKit.Customers;

namespace CrmKit.Segmentation.Tests;

public sealed class ValueTierThresholdsTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly Instant AsOf = Instant.FromUtc(2026, 6, 30, 12, 0);
    private static readonly EvaluationContext Context = new(AsOf, Zone);
    private static readonly decimal[] TopEleven = [20m, 19m, 18m, 17m, 16m, 15m, 14m, 13m, 12m, 11m, 10m];

    private static Customer Buyer(string id, Currency currency, params decimal[] amounts) => new()
    {
        Id = new CustomerId(id),
        DisplayName = id,
        CreatedAt = AsOf - Duration.FromDays(400),
        History = new CustomerHistory
        {
            Orders = OrderHistory.From(amounts.Select((a, i) => new Order
            {
                Id = new OrderId($"{id}-{i}"),
                CustomerId = new CustomerId(id),
                PlacedAt = AsOf - Duration.FromDays(10 + i),
                Total = new Money(a, currency),
            })),
        },
    };

    [Fact]
    public void Fit_TwentyDistinctValues_HandWorkedBounds()
    {
        // Values 1..20 (descending 20..1). Strictly more valuable: 20 → 0 (0 %), 19 → 1 (5 %), 17 → 3 (15 %),
        // 16 → 4 (20 %), 11 → 9 (45 %), 10 → 10 (50 %). VIP: share < 5 % → only 20; high: < 20 % → 19..17;
        // average: < 50 % → 16..11; low: 10..1.
        var tiers = ValueTierThresholds.Fit(Currency.Usd, ValueBasis.Historical, [.. Enumerable.Range(1, 20).Select(i => (decimal)i)]);
        Assert.Equal(new ValueTierThresholds(Currency.Usd, ValueBasis.Historical, 20, 20m, 17m, 11m), tiers);
        Assert.Equal([4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1], TopEleven.Select(tiers.Tier));
        Assert.Equal("USD, historical value (last 365 days) of 20 buyers: VIP ≥ 20.00, high ≥ 17.00, average ≥ 11.00", tiers.ToString());
    }

    [Fact]
    public void Fit_AllEqualOrOne_EveryoneIsVipAndEmptyTiersReadNa()
    {
        var single = ValueTierThresholds.Fit(Currency.Usd, ValueBasis.Historical, [42.5m]);
        Assert.Equal(4, single.Tier(42.5m));
        var tied = ValueTierThresholds.Fit(Currency.Vnd, ValueBasis.Historical, [100_000m, 100_000m, 100_000m]);
        Assert.Equal(4, tied.Tier(100_000m));
        var none = ValueTierThresholds.Fit(Currency.Vnd, ValueBasis.Predicted, [0m, 0m]);
        Assert.Equal("VND, predicted value of 2 buyers: VIP ≥ n/a, high ≥ n/a, average ≥ n/a", none.ToString());
        Assert.Equal(1, none.Tier(0m));
    }

    [Fact]
    public void Segmenter_UsdShop_BestCustomerIsVipNotLowValue()
    {
        // The case of issue 16: fixed VND tiers put 100 % of a USD shop in "low-value", its best customer included.
        Customer[] shop = [.. Enumerable.Range(1, 10).Select(i => Buyer($"C{i:D2}", Currency.Usd, 10m * i)), new Customer { Id = new CustomerId("N1"), DisplayName = "N1", CreatedAt = AsOf - Duration.FromDays(3) }];
        var result = new Segmenter(BuiltInSegments.Catalog).Run(shop, Context);

        Assert.Contains("vip", result.Memberships[new CustomerId("C10")].Ids);
        Assert.Contains("high-value", result.Memberships[new CustomerId("C09")].Ids);
        Assert.Contains("low-value", result.Memberships[new CustomerId("N1")].Ids);
        var tiers = Assert.Single(result.ValueTiers);
        Assert.Equal(new ValueTierThresholds(Currency.Usd, ValueBasis.Historical, 10, 100m, 90m, 60m), tiers);
        Assert.Equal(1, result.Sizes.Single(s => s.Segment.Id == "vip").Customers);
        Assert.Equal(11, result.Sizes.Where(s => s.Segment.ExclusiveGroup == "value-tier").Sum(s => s.Customers));
    }

    [Fact]
    public void Segmenter_TwoCurrencies_RanksEachWithinItsOwn()
    {
        Customer[] shop = [Buyer("V1", Currency.Vnd, 5_000_000m), Buyer("V2", Currency.Vnd, 100_000m), Buyer("U1", Currency.Usd, 30m), Buyer("U2", Currency.Usd, 3m)];
        var result = new Segmenter(BuiltInSegments.Catalog).Run(shop, Context);
        Assert.Equal(["USD", "VND"], result.ValueTiers.Select(t => t.Currency.Code));
        Assert.Contains("vip", result.Memberships[new CustomerId("U1")].Ids);
        Assert.Contains("vip", result.Memberships[new CustomerId("V1")].Ids);
    }

    [Fact]
    public void Segmenter_PredictedValueForEveryBuyer_RanksByIt()
    {
        Customer[] shop = [Buyer("A", Currency.Vnd, 9_000_000m), Buyer("B", Currency.Vnd, 100_000m)];
        var predictions = new Dictionary<string, CustomerValueEstimate> { ["A"] = new(0.1, 0.1, 10_000), ["B"] = new(0.9, 5, 2_000_000) };
        var result = new Segmenter(BuiltInSegments.Catalog).Run(shop, Context, new Source(predictions));
        Assert.Equal(ValueBasis.Predicted, Assert.Single(result.ValueTiers).Basis);
        Assert.Contains("vip", result.Memberships[new CustomerId("B")].Ids);
    }

    [Fact]
    public void Segmenter_MostBuyersPredictedBelowOneMinorUnit_RanksByHistoricalValue()
    {
        // A shop where almost everyone has stopped buying: predictions of 5e-7 USD would read "VIP ≥ 0.00".
        Customer[] shop = [Buyer("A", Currency.Usd, 900m), Buyer("B", Currency.Usd, 10m), Buyer("C", Currency.Usd, 50m)];
        var predictions = new Dictionary<string, CustomerValueEstimate> { ["A"] = new(0.01, 0.0001, 0.0000005), ["B"] = new(0.01, 0.0001, 0.0000001), ["C"] = new(0.5, 1, 20) };
        var result = new Segmenter(BuiltInSegments.Catalog).Run(shop, Context, new Source(predictions));
        var tiers = Assert.Single(result.ValueTiers);
        Assert.Equal(ValueBasis.Historical, tiers.Basis);
        Assert.Contains("vip", result.Memberships[new CustomerId("A")].Ids);
        Assert.DoesNotContain("≥ 0.00", tiers.ToString(), StringComparison.Ordinal);
    }

    // The law: tiers are monotone in value, ties share a tier, the best buyer is VIP, and the order does not matter.
    [Property(MaxTest = 300)]
    public Property Fit_IsMonotoneOrderFreeAndTopIsVip()
        => Prop.ForAll(Gen.Choose(0, 40).Select(x => x * 2.5m).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary(), values =>
        {
            var tiers = ValueTierThresholds.Fit(Currency.Usd, ValueBasis.Historical, values);
            var reversed = ValueTierThresholds.Fit(Currency.Usd, ValueBasis.Historical, [.. values.Reverse()]);
            var monotone = values.All(a => values.All(b => a > b ? tiers.Tier(a) >= tiers.Tier(b) : true));
            var byDefinition = values.Where(v => v > 0).All(v =>
            {
                var share = values.Count(w => w > v) / (double)values.Length;
                var expected = share < 0.05 ? 4 : share < 0.20 ? 3 : share < 0.50 ? 2 : 1;
                return tiers.Tier(v) == expected;
            });
            var top = values.Max();
            return (tiers == reversed).Label("order-free")
                .And(monotone.Label("monotone"))
                .And(byDefinition.Label("the rank definition"))
                .And((top <= 0 || tiers.Tier(top) == 4).Label("the best is VIP"));
        });

    private sealed class Source(Dictionary<string, CustomerValueEstimate> estimates) : ICustomerValueSource
    {
        public CustomerValueEstimate? Estimate(CustomerId customer) => estimates.GetValueOrDefault(customer.Value);
    }
}
