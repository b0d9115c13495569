using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

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
