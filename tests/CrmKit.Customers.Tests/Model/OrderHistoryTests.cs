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
}
