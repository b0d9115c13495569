using System.Globalization;
using Interval = NodaTime.Interval;

namespace CrmKit.Customers.Tests;

public class OrderHistoryTests
{
    private static readonly CustomerId Customer = new("KH1");
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    private static Order NewOrder(string id, int day, decimal amount, OrderStatus status = OrderStatus.Completed)
        => new() { Id = new OrderId(id), CustomerId = Customer, PlacedAt = T0.Plus(Duration.FromDays(day)), Total = Money.Vnd(amount), Status = status };

    [Fact]
    public void From_SortsByTimeThenId()
    {
        var history = OrderHistory.From([NewOrder("B", 5, 1), NewOrder("A", 5, 1), NewOrder("C", 1, 1)]);
        Assert.Equal(["C", "A", "B"], history.Select(o => o.Id.Value));
    }

    [Fact]
    public void Queries_CountCompletedOnlyForRevenue()
    {
        var history = OrderHistory.From([
            NewOrder("1", 0, 100_000), NewOrder("2", 10, 200_000, OrderStatus.Returned), NewOrder("3", 20, 300_000), NewOrder("4", 30, 50_000, OrderStatus.Cancelled),
        ]);
        var window = new Interval(T0.Plus(Duration.FromDays(5)), T0.Plus(Duration.FromDays(30)));
        Assert.Equal(4, history.Count);
        Assert.Equal(2, history.CompletedCount);
        Assert.Equal(400_000m, history.Revenue);
        Assert.Equal(2, history.CountIn(window)); // orders 2 and 3; order 4 sits on the excluded end
        Assert.Equal(1, history.CompletedCountIn(window));
        Assert.Equal(300_000m, history.RevenueIn(window));
        Assert.Equal("1", history.FirstCompleted!.Id.Value);
        Assert.Equal("3", history.LastCompleted!.Id.Value);
        Assert.Equal("4", history.Last!.Id.Value);
        Assert.Equal(Currency.Vnd, history.Currency);
    }

    [Fact]
    public void From_MixedCurrencies_Throws()
    {
        var usd = NewOrder("2", 1, 1) with { Total = new Money(10m, Currency.Usd) };
        Assert.Throws<CurrencyMismatchException>(() => OrderHistory.From([NewOrder("1", 0, 1), usd]));
    }

    [Fact]
    public void From_DuplicateId_SaysWhich()
    {
        var ex = Assert.Throws<InvalidValueException>(() => OrderHistory.From([NewOrder("1", 0, 1), NewOrder("1", 2, 1)]));
        Assert.Equal("Invalid order history: order '1' appears twice.", ex.Message);
    }

    [Fact]
    public void With_SameId_ReplacesTheOrder()
    {
        var history = OrderHistory.From([NewOrder("1", 0, 100)]).With(NewOrder("1", 0, 100, OrderStatus.Returned));
        Assert.Single(history);
        Assert.Equal(0m, history.Revenue);
    }

    [Property(MaxTest = 200)]
    public Property WindowQueries_EqualLinqOverTheOrders()
        => Prop.ForAll(Generators.Order(Customer).ListOf().ToArbitrary(), Generators.Instant.ToArbitrary(), Generators.Instant.ToArbitrary(), (orders, a, b) =>
        {
            var history = OrderHistory.From(orders.Select((o, i) => o with { Id = new OrderId($"O{i}") }));
            var window = a <= b ? new Interval(a, b) : new Interval(b, a);
            var inWindow = history.Where(o => window.Contains(o.PlacedAt)).ToList();
            return history.CountIn(window) == inWindow.Count
                && history.CompletedCountIn(window) == inWindow.Count(o => o.IsRevenue)
                && history.RevenueIn(window) == inWindow.Where(o => o.IsRevenue).Sum(o => o.Total.Amount)
                && history.In(window).ToArray().SequenceEqual(inWindow);
        });

    [Theory]
    [InlineData(1)]
    [InlineData(15)] // the longest history summed over its orders
    [InlineData(16)] // the shortest with prefix sums
    [InlineData(40)]
    public void WindowQueries_ShortAndLongHistories_GiveTheSameValuesAndScale(int length)
    {
        // Amounts of different scales (1.5, 2.25, 3) and a returned order every third: a window's revenue is the
        // difference of two running sums, whose decimal scale is that of every amount before the window's end. The
        // reference below adds the amounts in time order, as the history's contract states, independently of how
        // OrderHistory stores them.
        decimal[] amounts = [1.5m, 2.25m, 3m];
        var orders = Enumerable.Range(0, length)
            .Select(i => new Order { Id = new OrderId($"O{i:D2}"), CustomerId = Customer, PlacedAt = T0.Plus(Duration.FromDays(i)), Total = new Money(amounts[i % 3], Currency.Usd), Status = i % 3 == 2 ? OrderStatus.Returned : OrderStatus.Completed })
            .ToList();
        var history = OrderHistory.From(Enumerable.Reverse(orders));

        decimal RunningRevenue(int count) => orders.Take(count).Aggregate(0m, (sum, o) => sum + (o.IsRevenue ? o.Total.Amount : 0m));
        for (var from = 0; from <= length; from++)
        {
            for (var to = from; to <= length; to++)
            {
                var window = new Interval(T0.Plus(Duration.FromDays(from)), T0.Plus(Duration.FromDays(to)));
                var expected = RunningRevenue(to) - RunningRevenue(from);
                Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), history.RevenueIn(window).ToString(CultureInfo.InvariantCulture));
                Assert.Equal(orders.Skip(from).Take(to - from).Count(o => o.IsRevenue), history.CompletedCountIn(window));
                Assert.Equal(to - from, history.CountIn(window));
            }
        }

        Assert.Equal(RunningRevenue(length).ToString(CultureInfo.InvariantCulture), history.Revenue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(orders.Count(o => o.IsRevenue), history.CompletedCount);
    }
}
