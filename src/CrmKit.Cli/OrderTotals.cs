using System.Collections.Immutable;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using NodaTime;

namespace CrmKit.Cli;

/// <summary>
/// The shop's order totals at the as-of instant, the one place the run's summary (text and JSON) and its HTML report
/// take them from: the customers' orders and the guest sales placed at or before the as-of instant are counted; those
/// placed after it are set apart (<see cref="After"/>) and stated, never summed into a total. The CLV, the segments, the
/// agenda and the review are computed as of the same instant.
/// </summary>
internal sealed class OrderTotals
{
    private OrderTotals(IReadOnlyList<Order> orders, IReadOnlyList<GuestSale> guestSales, Instant asOf, OrderTotals? after)
    {
        AsOf = asOf;
        Orders = orders;
        GuestSales = guestSales;
        ByStatus = Enum.GetValues<OrderStatus>().ToImmutableDictionary(s => s, s => orders.Count(o => o.Status == s));
        Revenue = [.. orders.Where(o => o.IsRevenue).GroupBy(o => o.Total.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => (new Money(g.Sum(o => o.Total.Amount), g.Key), g.Count()))];
        GuestByStatus = Enum.GetValues<OrderStatus>().ToImmutableDictionary(s => s, s => guestSales.Count(g => g.Status == s));
        GuestRevenue = [.. guestSales.Where(g => g.IsRevenue).GroupBy(g => g.Total.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new Money(g.Sum(x => x.Total.Amount), g.Key))];
        After = after;
    }

    /// <summary>The as-of instant: orders placed at it or before count.</summary>
    public Instant AsOf { get; }

    /// <summary>The customers' orders counted (every status), in the customers' order.</summary>
    public IReadOnlyList<Order> Orders { get; }

    /// <summary>The guest sales (orders without a customer) counted (every status).</summary>
    public IReadOnlyList<GuestSale> GuestSales { get; }

    /// <summary>The counted customers' orders per status (every status, zero included).</summary>
    public ImmutableDictionary<OrderStatus, int> ByStatus { get; }

    /// <summary>Revenue (completed orders) per currency in ISO 4217 code order, with the number of completed orders it sums.</summary>
    public ImmutableArray<(Money Revenue, int Completed)> Revenue { get; }

    /// <summary>The counted guest sales per status (every status, zero included).</summary>
    public ImmutableDictionary<OrderStatus, int> GuestByStatus { get; }

    /// <summary>The revenue of the completed guest sales counted, per currency in code order.</summary>
    public ImmutableArray<Money> GuestRevenue { get; }

    /// <summary>The revenue of the completed customers' orders and guest sales together, per currency in code order.</summary>
    public IEnumerable<Money> AllRevenue => Revenue.Select(r => r.Revenue).Concat(GuestRevenue).GroupBy(m => m.Currency)
        .OrderBy(g => g.Key.Code, StringComparer.Ordinal).Select(g => new Money(g.Sum(m => m.Amount), g.Key));

    /// <summary>
    /// The orders and guest sales placed after the as-of instant, not counted in any total (the same figures over them);
    /// <see langword="null"/> on the set-apart totals themselves.
    /// </summary>
    public OrderTotals? After { get; }

    /// <summary>Orders and guest sales placed after the as-of instant (0 when there is none).</summary>
    public int AfterCount => After is { } a ? a.Orders.Count + a.GuestSales.Count : 0;

    /// <summary>The average completed order of a currency's revenue, rounded to the currency's minor unit.</summary>
    public static Money Average((Money Revenue, int Completed) revenue)
        => new(Math.Round(revenue.Revenue.Amount / revenue.Completed, revenue.Revenue.Currency.MinorUnits), revenue.Revenue.Currency);

    /// <summary>
    /// The totals of <paramref name="customers"/>' orders and <paramref name="guestSales"/> at <paramref name="asOf"/>:
    /// placed at or before it counted, after it set apart.
    /// </summary>
    public static OrderTotals Of(IEnumerable<Customer> customers, IEnumerable<GuestSale> guestSales, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(guestSales);
        var orders = customers.SelectMany(c => c.History.Orders).ToLookup(o => o.PlacedAt <= asOf);
        var guests = guestSales.ToLookup(g => g.PlacedAt <= asOf);
        var after = new OrderTotals([.. orders[false]], [.. guests[false]], asOf, null);
        return new OrderTotals([.. orders[true]], [.. guests[true]], asOf, after);
    }
}
