using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// A customer's orders sorted by time (then by id), all in one currency, with the queries segmentation needs
/// answered in O(log n): counts and revenue in a time window, first and last orders, totals (a history of fewer than
/// 16 orders sums a window over its orders instead of keeping prefix sums: at most 15 steps, and less memory).
/// </summary>
/// <remarks>
/// Revenue counts <see cref="OrderStatus.Completed"/> orders only. Windows are half-open NodaTime
/// <see cref="Interval"/>s: an order placed exactly at the end is outside.
/// </remarks>
public sealed class OrderHistory : IReadOnlyList<Order>, IEquatable<OrderHistory>
{
    // Histories of fewer orders keep no prefix sums: a window's counts and revenue are summed over at most 15 orders,
    // about as fast as two lookups, and most customers have a few orders (about two per customer in the seed data),
    // so an imported data set holds one array per history instead of four (orders, instants, counts, revenues).
    private const int SummedBelow = 16;

    private readonly ImmutableArray<Order> _orders;
    private readonly int _completedCount;
    private readonly decimal _revenue;
    private readonly Prefix[]? _before; // _before[i] = completed orders and their revenue among the first i; null for short histories

    private readonly record struct Prefix(int Completed, decimal Revenue);

    private OrderHistory(ImmutableArray<Order> sorted)
    {
        _orders = sorted;
        _before = sorted.Length >= SummedBelow ? new Prefix[sorted.Length + 1] : null;
        var completed = 0;
        var revenue = 0m;
        for (var i = 0; i < sorted.Length; i++)
        {
            var order = sorted[i];
            completed += order.IsRevenue ? 1 : 0;
            revenue += order.IsRevenue ? order.Total.Amount : 0m;
            _before?[i + 1] = new Prefix(completed, revenue);
        }

        _completedCount = completed;
        _revenue = revenue;
    }

    /// <summary>No orders.</summary>
    public static OrderHistory Empty { get; } = new([]);

    /// <summary>Builds a history from orders in any order.</summary>
    /// <exception cref="CurrencyMismatchException">Orders (or lines) are in different currencies.</exception>
    /// <exception cref="InvalidValueException">Two orders share an id, or orders belong to different customers.</exception>
    public static OrderHistory From(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var list = orders.ToArray();
        Array.Sort(list, Compare);
        return FromSorted(list);
    }

    /// <summary>
    /// The history of <paramref name="list"/>, already sorted by <see cref="Compare"/>, which it keeps as its own
    /// (no copy: the caller gives the array up). Checked as <see cref="From"/> checks.
    /// </summary>
    internal static OrderHistory FromSorted(Order[] list)
    {
        if (list.Length == 0)
        {
            return Empty;
        }

        var ids = list.Length > 1 ? new HashSet<OrderId>(list.Length) : null;
        var first = list[0];
        foreach (var order in list)
        {
            ArgumentNullException.ThrowIfNull(order, "orders"); // From's parameter
            order.CheckLineCurrencies();
            if (order.Total.Currency != first.Total.Currency)
            {
                throw new CurrencyMismatchException(first.Total.Currency, order.Total.Currency, "keep in one order history");
            }

            if (order.CustomerId != first.CustomerId)
            {
                throw new InvalidValueException("order history", $"orders of customers '{first.CustomerId}' and '{order.CustomerId}' are mixed.");
            }

            if (ids is not null && !ids.Add(order.Id))
            {
                throw new InvalidValueException("order history", $"order '{order.Id}' appears twice.");
            }
        }

        return new OrderHistory(ImmutableCollectionsMarshal.AsImmutableArray(list));
    }

    /// <summary>How many orders, whatever their status.</summary>
    public int Count => _orders.Length;

    /// <summary>The currency of every order, or <see langword="null"/> when there are none.</summary>
    public Currency? Currency => _orders.IsEmpty ? null : _orders[0].Total.Currency;

    /// <summary>The order at a position (sorted by time).</summary>
    public Order this[int index] => _orders[index];

    /// <summary>The orders, sorted by time then id.</summary>
    public ImmutableArray<Order> Orders => _orders;

    /// <summary>The earliest order of any status, or <see langword="null"/>.</summary>
    public Order? First => _orders.IsEmpty ? null : _orders[0];

    /// <summary>The latest order of any status, or <see langword="null"/>.</summary>
    public Order? Last => _orders.IsEmpty ? null : _orders[^1];

    /// <summary>The earliest completed order, or <see langword="null"/>.</summary>
    public Order? FirstCompleted
    {
        get
        {
            foreach (var order in _orders)
            {
                if (order.IsRevenue)
                {
                    return order;
                }
            }

            return null;
        }
    }

    /// <summary>The latest completed order, or <see langword="null"/>.</summary>
    public Order? LastCompleted
    {
        get
        {
            for (var i = _orders.Length - 1; i >= 0; i--)
            {
                if (_orders[i].IsRevenue)
                {
                    return _orders[i];
                }
            }

            return null;
        }
    }

    /// <summary>How many completed orders in all.</summary>
    public int CompletedCount => _completedCount;

    /// <summary>Revenue of all completed orders, in <see cref="Currency"/> (0 when there are none).</summary>
    public decimal Revenue => _revenue;

    /// <summary>How many orders of any status were placed in <paramref name="window"/>.</summary>
    public int CountIn(Interval window)
    {
        var (from, to) = Range(window);
        return to - from;
    }

    /// <summary>How many completed orders were placed in <paramref name="window"/>.</summary>
    public int CompletedCountIn(Interval window)
    {
        var (from, to) = Range(window);
        return Before(to).Completed - Before(from).Completed;
    }

    /// <summary>
    /// How many purchases were made in <paramref name="window"/>: days with at least one completed order, each order
    /// dated in <paramref name="zone"/>. Several orders on one day count as one purchase — the convention of the
    /// buy-till-you-die models (Fader, Hardie &amp; Lee 2005, CDNOW: "purchases made on the same day are aggregated"),
    /// used alike by the CLV summary, the review's repeat buyers and the <c>crmkit run</c> summary.
    /// </summary>
    /// <param name="zone">The zone that dates the orders (the customer's own, else the shop's).</param>
    /// <param name="window">The orders placed in this interval; unbounded for the whole history.</param>
    public int PurchaseDaysIn(DateTimeZone zone, Interval window)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (from, to) = Range(window);
        var days = 0;
        LocalDate? last = null;
        for (var i = from; i < to; i++)
        {
            if (_orders[i].IsRevenue && _orders[i].PlacedAt.InZone(zone).Date is var day && day != last)
            {
                days++;
                last = day;
            }
        }

        return days;
    }

    /// <summary>Revenue of the completed orders placed in <paramref name="window"/>, in <see cref="Currency"/>.</summary>
    public decimal RevenueIn(Interval window)
    {
        var (from, to) = Range(window);
        return Before(to).Revenue - Before(from).Revenue;
    }

    /// <summary>The orders placed in <paramref name="window"/>, sorted by time.</summary>
    public ReadOnlySpan<Order> In(Interval window)
    {
        var (from, to) = Range(window);
        return _orders.AsSpan()[from..to];
    }

    /// <summary>Returns a history with one more order, or with the order of the same id replaced (a status change).</summary>
    /// <exception cref="CurrencyMismatchException">The order's currency differs from the history's.</exception>
    public OrderHistory With(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var index = IndexOf(order.Id);
        var others = index >= 0 ? _orders.RemoveAt(index) : _orders;
        return From(others.Add(order));
    }

    /// <summary>Whether an order with that id is in the history.</summary>
    public bool Contains(OrderId id) => IndexOf(id) >= 0;

    private int IndexOf(OrderId id)
    {
        for (var i = 0; i < _orders.Length; i++)
        {
            if (_orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public IEnumerator<Order> GetEnumerator() => ((IEnumerable<Order>)_orders).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OrderHistory? other) => other is not null && _orders.SequenceEqual(other._orders);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as OrderHistory);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_orders.Length, Revenue);

    /// <summary>A short summary: count and revenue.</summary>
    public override string ToString() => $"{Count} orders, revenue {Revenue} {Currency}";

    internal static int Compare(Order x, Order y)
    {
        var byTime = x.PlacedAt.CompareTo(y.PlacedAt);
        return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
    }

    private (int From, int To) Range(Interval window)
    {
        var from = window.HasStart ? LowerBound(window.Start) : 0;
        var to = window.HasEnd ? LowerBound(window.End) : _orders.Length;
        return (from, Math.Max(from, to));
    }

    // First index whose time is >= instant.
    private int LowerBound(Instant instant)
    {
        int lo = 0, hi = _orders.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_orders[mid].PlacedAt < instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    // Completed orders and their revenue among the first i, added in the same order as the prefix sums (so a decimal
    // difference has the same scale whichever way it is computed).
    private Prefix Before(int i)
    {
        if (_before is not null)
        {
            return _before[i];
        }

        var completed = 0;
        var revenue = 0m;
        for (var k = 0; k < i; k++)
        {
            var order = _orders[k];
            completed += order.IsRevenue ? 1 : 0;
            revenue += order.IsRevenue ? order.Total.Amount : 0m;
        }

        return new Prefix(completed, revenue);
    }
}
