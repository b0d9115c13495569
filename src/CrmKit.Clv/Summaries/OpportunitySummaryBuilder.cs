using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// Builds the discrete-time summary the BG/BB model reads from transactions: after each customer's first purchase,
/// time is cut into opportunities of one <see cref="TimeUnit"/> each (opportunity k covers the days from
/// first + k·L to first + (k+1)·L, L the unit's length in days); x counts the opportunities with at least one purchase,
/// t_x is the last of them (0 when none), n the number of complete opportunities up to the observation end. Purchases
/// in the incomplete opportunity at the end are left out. As <see cref="RfmSummaryBuilder"/>, it keeps a few numbers per
/// customer and needs each customer's transactions in date order.
/// </summary>
public sealed class OpportunitySummaryBuilder
{
    private readonly double _length;
    private readonly int _end;
    private readonly TimeUnit _unit;
    private readonly Dictionary<string, (int First, int Previous, int Last, int Count, int LastDay)> _customers = new(StringComparer.Ordinal);

    /// <summary>Creates a builder.</summary>
    /// <param name="observationEnd">The last day observed (inclusive).</param>
    /// <param name="unit">The length of one opportunity (a year for annual donations).</param>
    public OpportunitySummaryBuilder(LocalDate observationEnd, TimeUnit unit)
    {
        _length = TimeUnits.Days(unit);
        _end = observationEnd.ToDateOnly().DayNumber;
        _unit = unit;
    }

    /// <summary>Adds a purchase.</summary>
    /// <exception cref="InvalidValueException">The customer's dates go back in time.</exception>
    public void Add(string customerId, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var day = date.ToDateOnly().DayNumber;
        if (day > _end)
        {
            return;
        }

        if (!_customers.TryGetValue(customerId, out var s))
        {
            _customers[customerId] = (day, 0, 0, 0, day);
            return;
        }

        if (day < s.LastDay)
        {
            throw new InvalidValueException(
                "transaction date",
                $"customer '{customerId}' has a purchase on {date:uuuu-MM-dd} after a later one; each customer's transactions must be in date order.",
                "Sort the transactions by customer and date.");
        }

        var opportunity = (int)Math.Floor((day - s.First) / _length);
        _customers[customerId] = opportunity > s.Last ? (s.First, s.Last, opportunity, s.Count + 1, day) : s with { LastDay = day };
    }

    /// <summary>The (x, t_x, n) patterns, one row per customer with at least one complete opportunity, sorted by id.</summary>
    public RfmSummary Build()
    {
        var rows = _customers
            .Select(c => (Id: c.Key, c.Value, N: (int)Math.Floor((_end - c.Value.First + 1) / _length) - 1))
            .Where(c => c.N >= 1)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c =>
            {
                // Only opportunity n + 1 can be incomplete (the last purchase is no later than the observation end); if the
                // customer bought in it, it does not count, and the one before it is the last counted.
                var (x, tx) = c.Value.Last <= c.N ? (c.Value.Count, c.Value.Last) : (c.Value.Count - 1, c.Value.Previous);
                return (c.Id, X: (double)x, Tx: (double)tx, N: (double)c.N);
            })
            .ToArray();
        return RfmSummary.Create(
            [.. rows.Select(r => r.X)],
            [.. rows.Select(r => r.Tx)],
            [.. rows.Select(r => r.N)],
            customerIds: [.. rows.Select(r => r.Id)],
            unit: _unit);
    }
}
