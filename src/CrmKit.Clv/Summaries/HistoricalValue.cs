using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// Historical value of a customer base: per customer revenue, average order value and purchase frequency, and the
/// population figures of the simple CLV formula (average order value × purchase frequency × expected lifespan × margin).
/// </summary>
/// <param name="Customers">Per customer, sorted by id (ordinal).</param>
/// <param name="AverageOrderValue">Total revenue / total transactions.</param>
/// <param name="PurchaseFrequency">Transactions per customer per unit of time (mean of the customers' frequencies).</param>
/// <param name="Unit">The unit of the frequencies.</param>
public sealed record HistoricalValue(ImmutableArray<CustomerHistoricalValue> Customers, double AverageOrderValue, double PurchaseFrequency, TimeUnit Unit)
{
    /// <summary>Computes the figures from transactions up to <paramref name="observationEnd"/> (later ones are ignored).</summary>
    public static HistoricalValue Compute(IEnumerable<Transaction> transactions, LocalDate observationEnd, TimeUnit unit = TimeUnit.Month)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var days = RfmSummary.DaysPerUnit(unit);
        var end = observationEnd.ToDateOnly().DayNumber;
        var state = new Dictionary<string, (int Count, double Revenue, int First, int Last)>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            var day = t.Date.ToDateOnly().DayNumber;
            if (day > end)
            {
                continue;
            }

            state[t.CustomerId] = state.TryGetValue(t.CustomerId, out var s)
                ? (s.Count + 1, s.Revenue + t.Amount, Math.Min(s.First, day), Math.Max(s.Last, day))
                : (1, t.Amount, day, day);
        }

        var customers = state.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            var (count, revenue, first, last) = c.Value;
            var age = Math.Max(1.0, (end - first + 1) / days);
            return new CustomerHistoricalValue(c.Key, count, revenue, revenue / count, count / age, Day(first), Day(last));
        }).ToImmutableArray();
        var transactionsTotal = customers.Sum(c => c.Transactions);
        return new HistoricalValue(
            customers,
            transactionsTotal == 0 ? 0 : customers.Sum(c => c.Revenue) / transactionsTotal,
            customers.IsEmpty ? 0 : customers.Average(c => c.PurchaseFrequency),
            unit);
    }

    /// <summary>The simple formula: average order value × purchase frequency × expected lifespan (in <see cref="Unit"/>s) × margin.</summary>
    public double SimpleClv(double expectedLifespan, double margin) => Models.CustomerValue.SimpleFormula(AverageOrderValue, PurchaseFrequency, expectedLifespan, margin);

    private static LocalDate Day(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));
}
