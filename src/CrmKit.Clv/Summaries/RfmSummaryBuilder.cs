using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// Builds an <see cref="RfmSummary"/> from transactions in one pass, keeping a few numbers per customer, so memory
/// grows with customers, not transactions. Each customer's transactions must arrive in date order (the file may be
/// sorted by date, or grouped by customer and sorted within); a customer whose dates go back is an error — use
/// <see cref="FromUnsorted"/> to sort in memory instead.
/// </summary>
public sealed class RfmSummaryBuilder
{
    private readonly RfmOptions _options;
    private readonly int _calibrationEnd;
    private readonly int _observationEnd;
    private const int Block = 64;
    private readonly CustomerTable<State> _customers = new();
    private int _touched; // keeps the cache-warming reads of AddRange observable

    /// <summary>Creates a builder.</summary>
    /// <exception cref="InvalidValueException">The calibration end is after the observation end.</exception>
    public RfmSummaryBuilder(RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _observationEnd = DayNumber(options.ObservationEnd);
        _calibrationEnd = options.CalibrationEnd is { } c ? DayNumber(c) : _observationEnd;
        if (_calibrationEnd > _observationEnd)
        {
            throw new InvalidValueException("calibration end", $"{options.CalibrationEnd} is after the observation end {options.ObservationEnd}.");
        }
    }

    /// <summary>Transactions ignored because they are after the observation end.</summary>
    public long IgnoredAfterObservationEnd { get; private set; }

    /// <summary>How many customers have been seen.</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Adds one transaction.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="date">The purchase day.</param>
    /// <param name="amount">What was spent (0 allowed: a purchase with a voucher still counts).</param>
    /// <exception cref="InvalidValueException">The amount is negative, or the customer's dates go back in time.</exception>
    public void Add(string customerId, LocalDate date, double amount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        Add(customerId, _customers.Hash(customerId), DayNumber(date), amount);
    }

    /// <summary>
    /// Adds transactions given as columns, e.g. a page of rows from a file or a database. Faster than
    /// <see cref="Add(string, LocalDate, double)"/> one by one on large customer bases: the table lookups of a block of
    /// transactions are started together, so their cache misses overlap.
    /// </summary>
    /// <param name="customerIds">The customer of each transaction.</param>
    /// <param name="dates">The purchase day of each transaction.</param>
    /// <param name="amounts">What each transaction spent.</param>
    /// <exception cref="ArgumentException">The spans have different lengths.</exception>
    /// <exception cref="InvalidValueException">A transaction is invalid, as for <see cref="Add(string, LocalDate, double)"/>;
    /// the message names its index, and the transactions before it have been added.</exception>
    public void AddRange(ReadOnlySpan<string> customerIds, ReadOnlySpan<LocalDate> dates, ReadOnlySpan<double> amounts)
    {
        if (dates.Length != customerIds.Length || amounts.Length != customerIds.Length)
        {
            throw new ArgumentException($"{customerIds.Length} customer ids, {dates.Length} dates and {amounts.Length} amounts were given; one of each per transaction is needed.", nameof(dates));
        }

        Span<int> hashes = stackalloc int[Block];
        for (var start = 0; start < customerIds.Length; start += Block)
        {
            var ids = customerIds.Slice(start, Math.Min(Block, customerIds.Length - start));
            var length = 0;
            foreach (var id in ids)
            {
                length += id?.Length ?? 0; // brings the ids' characters in, all misses at once
            }

            for (var j = 0; j < ids.Length; j++)
            {
                hashes[j] = ids[j] is { } id ? _customers.Hash(id) : 0;
            }

            _touched += length + _customers.Touch(hashes[..ids.Length]);
            for (var j = 0; j < ids.Length; j++)
            {
                var i = start + j;
                try
                {
                    ArgumentNullException.ThrowIfNull(ids[j], nameof(customerIds));
                    Add(ids[j], hashes[j], DayNumber(dates[i]), amounts[i]);
                }
                catch (InvalidValueException ex)
                {
                    throw new InvalidValueException(ex.Field, $"transaction {i}: {ex.Reason}", ex.Hint);
                }
            }
        }
    }

    private void Add(string customerId, int hash, int day, double amount)
    {
        if (!(amount >= 0) || double.IsInfinity(amount))
        {
            throw new InvalidValueException("amount", $"{amount} is not a finite amount ≥ 0.");
        }

        if (day > _observationEnd)
        {
            IgnoredAfterObservationEnd++;
            return;
        }

        // One table probe per transaction, and the state stored inline in the table's entry.
        ref var s = ref _customers.GetOrAdd(customerId, hash, out var added);
        var exists = !added;
        if (!exists)
        {
            s.FirstDay = day;
            s.LastDay = day;
        }
        else if (day < s.LastDay)
        {
            throw new InvalidValueException(
                "transaction date",
                $"customer '{customerId}' has a purchase on {ToDate(day):uuuu-MM-dd} after one on {ToDate(s.LastDay):uuuu-MM-dd}; each customer's transactions must be in date order.",
                "Sort the transactions by customer and date, or build the summary with RfmSummaryBuilder.FromUnsorted.");
        }

        var newDay = !exists || day != s.LastDay;
        if (day <= _calibrationEnd)
        {
            if (newDay)
            {
                s.Days++;
            }

            if (day != s.FirstDay)
            {
                s.RepeatValue += amount;
            }

            s.LastCalibrationDay = day;
        }
        else
        {
            if (newDay)
            {
                s.HoldoutDays++;
            }

            s.HoldoutValue += amount;
        }

        s.LastDay = day;
    }

    /// <summary>The summary of the customers whose first purchase is in the calibration period, sorted by id (ordinal).</summary>
    public RfmSummary Build()
    {
        var unit = RfmSummary.DaysPerUnit(_options.Unit);
        var collect = new Collector(_customers.Count, _calibrationEnd);
        _customers.ForEach(ref collect);
        var (keys, states, n) = (collect.Keys, collect.States, collect.Count);
        var order = OrdinalOrder.Of(keys, n);
        var ids = new string[n];
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var m = new double[n];
        var xh = new double[n];
        var mh = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (id, s) = (keys[order[i]], states[order[i]]);
            ids[i] = id;
            x[i] = s.Days - 1;
            tx[i] = (s.LastCalibrationDay - s.FirstDay) / unit;
            t[i] = (_calibrationEnd - s.FirstDay) / unit;
            m[i] = s.Days > 1 ? s.RepeatValue / (s.Days - 1) : 0;
            xh[i] = s.HoldoutDays;
            mh[i] = s.HoldoutDays > 0 ? s.HoldoutValue / s.HoldoutDays : 0;
        }

        return RfmSummary.FromBuilder(ids, x, tx, t, m, xh, mh, _options.Unit, (_observationEnd - _calibrationEnd) / unit);
    }

    /// <summary>Builds a summary from transactions in any order, sorting them in memory first (memory grows with transactions).</summary>
    public static RfmSummary FromUnsorted(IEnumerable<(string CustomerId, LocalDate Date, double Amount)> transactions, RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var builder = new RfmSummaryBuilder(options);
        foreach (var (id, date, amount) in transactions.OrderBy(t => t.Date))
        {
            builder.Add(id, date, amount);
        }

        return builder.Build();
    }

    /// <summary>
    /// The summary of CrmKit customers from their completed orders, each dated in <paramref name="zone"/> (returned
    /// and cancelled orders are not purchases). Customers without completed orders are left out.
    /// </summary>
    public static RfmSummary FromCustomers(IEnumerable<Customer> customers, DateTimeZone zone, RfmOptions options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(zone);
        var builder = new RfmSummaryBuilder(options);
        foreach (var customer in customers)
        {
            foreach (var order in customer.History.Orders)
            {
                if (order.IsRevenue)
                {
                    builder.Add(customer.Id.Value, order.PlacedAt.InZone(customer.TimeZone ?? zone).Date, (double)order.Total.Amount);
                }
            }
        }

        return builder.Build();
    }

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    private static LocalDate ToDate(int dayNumber) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));

    private struct Collector(int capacity, int calibrationEnd) : CustomerTable<State>.IVisitor
    {
        public readonly string[] Keys = new string[capacity];
        public readonly State[] States = new State[capacity];
        public int Count;

        public void Visit(string id, in State state)
        {
            if (state.FirstDay <= calibrationEnd)
            {
                Keys[Count] = id;
                States[Count] = state;
                Count++;
            }
        }
    }

    private struct State
    {
        public int FirstDay;
        public int LastDay;
        public int LastCalibrationDay;
        public int Days;
        public int HoldoutDays;
        public double RepeatValue;
        public double HoldoutValue;
    }
}
