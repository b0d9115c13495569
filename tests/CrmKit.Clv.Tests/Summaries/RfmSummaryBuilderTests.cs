using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Tests;

public class RfmSummaryBuilderTests
{
    private static readonly RfmOptions Options = new() { ObservationEnd = new LocalDate(2026, 6, 30), CalibrationEnd = new LocalDate(2026, 3, 31), Unit = TimeUnit.Week };

    // Transactions in date order: customer ids from a small pool (some sharing long prefixes), days over 2025-2026.
    private static readonly Gen<(string Id, LocalDate Date, double Amount)[]> Transactions =
        (from customer in Gen.Choose(0, 40)
         from day in Gen.Choose(0, 560)
         from amount in Gen.Choose(0, 500)
         select (Id: customer % 3 == 0 ? $"customer-{customer}" : $"KH{customer:D3}", Date: new LocalDate(2025, 1, 1).PlusDays(day), Amount: amount * 1000.0))
            .ArrayOf()
            .Select(a => a.OrderBy(t => t.Date).ToArray());

    [Property(MaxTest = 200)]
    public Property AddRange_InAnyChunks_EqualsAddOneByOne_AndTheDefinitions()
        => Prop.ForAll(Transactions.ToArbitrary(), Gen.Choose(1, 100).ToArbitrary(), (transactions, chunk) =>
        {
            var single = new RfmSummaryBuilder(Options);
            foreach (var (id, date, amount) in transactions)
            {
                single.Add(id, date, amount);
            }

            var chunked = new RfmSummaryBuilder(Options);
            for (var start = 0; start < transactions.Length; start += chunk)
            {
                var part = transactions.Skip(start).Take(chunk).ToArray();
                chunked.AddRange(part.Select(t => t.Id).ToArray(), part.Select(t => t.Date).ToArray(), part.Select(t => t.Amount).ToArray());
            }

            var a = single.Build();
            var b = chunked.Build();
            var expected = ByDefinition(transactions);
            return (Same(a, b) && single.IgnoredAfterObservationEnd == chunked.IgnoredAfterObservationEnd).Label("chunked = one by one")
                .And(a.CustomerIds.SequenceEqual([.. expected.Select(r => r.Id)])
                    && a.Frequency.SequenceEqual(expected.Select(r => r.X).ToArray())
                    && a.Recency.SequenceEqual(expected.Select(r => r.Tx).ToArray())
                    && a.Age.SequenceEqual(expected.Select(r => r.T).ToArray())
                    && Close(a.MonetaryValue, [.. expected.Select(r => r.M)])
                    && a.FrequencyHoldout.SequenceEqual(expected.Select(r => r.Xh).ToArray())
                    && Close(a.MonetaryValueHoldout, [.. expected.Select(r => r.Mh)])).Label("= the definitions");
        });

    [Fact]
    public void AddRange_BadTransaction_NamesItsIndex_AndKeepsTheOnesBefore()
    {
        var builder = new RfmSummaryBuilder(Options);
        var day = new LocalDate(2026, 1, 1);
        var ex = Assert.Throws<InvalidValueException>(() => builder.AddRange(["A", "B", "A"], [day, day, day.PlusDays(-1)], [1, 2, 3]));
        Assert.Equal("Invalid transaction date: transaction 2: customer 'A' has a purchase on 2025-12-31 after one on 2026-01-01; each customer's transactions must be in date order. Sort the transactions by customer and date, or build the summary with RfmSummaryBuilder.FromUnsorted.", ex.Message);
        Assert.Equal(2, builder.CustomerCount);
        Assert.Throws<ArgumentException>(() => builder.AddRange(["A"], [day, day], [1]));
        Assert.Throws<InvalidValueException>(() => builder.AddRange(["C"], [day], [-5]));
    }

    [Property(MaxTest = 300)]
    public Property OrdinalOrder_SortsAsStringCompareOrdinal()
        => Prop.ForAll(
            Gen.Elements("", "a", "A", "KH00000", "KH000001", "KH0000010", "\0", "a\0", "é", "ệ", "𝒳", "z").ArrayOf().Select(parts => string.Concat(parts)).ArrayOf().ToArbitrary(),
            keys =>
            {
                var order = OrdinalOrder.Of(keys, keys.Length);
                var sorted = order.Select(i => keys[i]).ToArray();
                return sorted.SequenceEqual(keys.Order(StringComparer.Ordinal)) && order.Order().SequenceEqual(Enumerable.Range(0, keys.Length));
            });

    // Frequency, recency, age, mean repeat spend and the holdout columns straight from their definitions (purchases on
    // one day merged, weeks = days / 7, customers whose first purchase is after the calibration end left out).
    private static (string Id, double X, double Tx, double T, double M, double Xh, double Mh)[] ByDefinition((string Id, LocalDate Date, double Amount)[] transactions)
    {
        var end = Options.CalibrationEnd!.Value;
        return [.. transactions
            .Where(t => t.Date <= Options.ObservationEnd)
            .GroupBy(t => t.Id)
            .Where(g => g.Min(t => t.Date) <= end)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var days = g.Where(t => t.Date <= end).GroupBy(t => t.Date).OrderBy(d => d.Key).ToList();
                var first = days[0].Key;
                var holdout = g.Where(t => t.Date > end).GroupBy(t => t.Date).ToList();
                return (g.Key,
                    days.Count - 1.0,
                    Period.DaysBetween(first, days[^1].Key) / 7.0,
                    Period.DaysBetween(first, end) / 7.0,
                    days.Count > 1 ? days.Skip(1).Sum(d => d.Sum(t => t.Amount)) / (days.Count - 1) : 0,
                    (double)holdout.Count,
                    holdout.Count > 0 ? holdout.Sum(d => d.Sum(t => t.Amount)) / holdout.Count : 0);
            })];
    }

    private static bool Same(RfmSummary a, RfmSummary b)
        => a.CustomerIds.SequenceEqual(b.CustomerIds) && a.Frequency.SequenceEqual(b.Frequency) && a.Recency.SequenceEqual(b.Recency)
           && a.Age.SequenceEqual(b.Age) && Close(a.MonetaryValue, b.MonetaryValue);

    private static bool Close(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i] - y[i]) > 1e-9 * Math.Max(1, Math.Abs(x[i])))
            {
                return false;
            }
        }

        return x.Length == y.Length;
    }
}

public class CustomerTableTests
{
    [Fact]
    public void GetOrAdd_CollidingHashes_SwitchesToMarvinAndLosesNothing()
    {
        // Every id given the same hash, as adversarial ids would force: probes grow until the table rehashes with
        // the randomised hash; every state stays attached to its id.
        var table = new CustomerTable<int>();
        var ids = Enumerable.Range(0, 300).Select(i => $"id-{i}").ToArray();
        foreach (var id in ids)
        {
            ref var state = ref table.GetOrAdd(id, 42, out var added);
            Assert.True(added);
            state = id.Length * 1000 + int.Parse(id[3..], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(ids.Length, table.Count);
        Assert.Equal(string.GetHashCode("probe".AsSpan()), table.Hash("probe")); // now hashing with Marvin
        Assert.NotEqual(string.GetHashCode("probe".AsSpan()), new CustomerTable<int>().Hash("probe"));
        foreach (var id in ids)
        {
            var state = table.GetOrAdd(id, table.Hash(id), out var added);
            Assert.False(added, id);
            Assert.Equal(id.Length * 1000 + int.Parse(id[3..], System.Globalization.CultureInfo.InvariantCulture), state);
        }

        Assert.Equal(ids.Length, table.Count);
    }
}
