using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>What one customer has been worth so far.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Transactions">How many transactions.</param>
/// <param name="Revenue">Their total: the historical CLV (before margin).</param>
/// <param name="AverageOrderValue">Revenue / transactions.</param>
/// <param name="PurchaseFrequency">Transactions per unit of time since the first purchase (to the observation end, at least one unit).</param>
/// <param name="FirstPurchase">The first purchase day.</param>
/// <param name="LastPurchase">The last purchase day.</param>
public sealed record CustomerHistoricalValue(string CustomerId, int Transactions, double Revenue, double AverageOrderValue, double PurchaseFrequency, LocalDate FirstPurchase, LocalDate LastPurchase)
{
    /// <summary>The members, with a customer id that is a phone number or email masked (<see cref="PersonalData.Redact"/>).</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder("CustomerHistoricalValue { ");
        PrintMembers(builder);
        return PersonalData.Redact(builder.Append(" }").ToString());
    }
}

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

/// <summary>One acquisition cohort: customers whose first purchase fell in <paramref name="Cohort"/>.</summary>
/// <param name="Cohort">The month of the first purchase.</param>
/// <param name="Size">How many customers.</param>
/// <param name="Retention">Share of the cohort that bought in month k after the acquisition month (k = 0 is the acquisition month itself, always 1), up to the observation end.</param>
public sealed record CohortRow(YearMonth Cohort, int Size, ImmutableArray<double> Retention);

/// <summary>The cohort retention table: acquisition month × months since acquisition.</summary>
public static class CohortRetention
{
    /// <summary>Builds the table from transactions up to <paramref name="observationEnd"/>; cohorts in order of month.</summary>
    public static ImmutableArray<CohortRow> Build(IEnumerable<Transaction> transactions, LocalDate observationEnd)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var firstMonth = new Dictionary<string, int>(StringComparer.Ordinal);
        var active = new HashSet<(string, int)>();
        var end = MonthIndex(observationEnd);
        foreach (var t in transactions.Where(t => t.Date <= observationEnd))
        {
            var month = MonthIndex(t.Date);
            active.Add((t.CustomerId, month));
            firstMonth[t.CustomerId] = firstMonth.TryGetValue(t.CustomerId, out var m) ? Math.Min(m, month) : month;
        }

        var rows = ImmutableArray.CreateBuilder<CohortRow>();
        foreach (var cohort in firstMonth.GroupBy(c => c.Value).OrderBy(g => g.Key))
        {
            var members = cohort.Select(c => c.Key).ToList();
            var retention = Enumerable.Range(0, end - cohort.Key + 1)
                .Select(k => members.Count(id => active.Contains((id, cohort.Key + k))) / (double)members.Count)
                .ToImmutableArray();
            rows.Add(new CohortRow(new YearMonth(cohort.Key / 12, (cohort.Key % 12) + 1), members.Count, retention));
        }

        return rows.ToImmutable();
    }

    private static int MonthIndex(LocalDate date) => (date.Year * 12) + date.Month - 1;
}
