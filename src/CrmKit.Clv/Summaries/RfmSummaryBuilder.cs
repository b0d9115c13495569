using System.Runtime.InteropServices;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>Options of an RFM summary.</summary>
public sealed record RfmOptions
{
    /// <summary>The last day of observation (inclusive): later transactions are ignored.</summary>
    public required LocalDate ObservationEnd { get; init; }

    /// <summary>
    /// The last day of the calibration period (inclusive), when a holdout period follows it: customers whose first
    /// purchase is later are left out, and purchases after it count in the holdout columns. Default: no holdout —
    /// calibration ends at <see cref="ObservationEnd"/>.
    /// </summary>
    public LocalDate? CalibrationEnd { get; init; }

    /// <summary>The unit of recency and age. Default: weeks.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Week;
}

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
    private readonly Dictionary<string, State> _customers = new(StringComparer.Ordinal);

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
        if (!(amount >= 0) || double.IsInfinity(amount))
        {
            throw new InvalidValueException("amount", $"{amount} is not a finite amount ≥ 0.");
        }

        var day = DayNumber(date);
        if (day > _observationEnd)
        {
            IgnoredAfterObservationEnd++;
            return;
        }

        // One hash lookup per transaction, and the state stored inline in the dictionary's entry.
        ref var s = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, customerId, out var exists);
        if (!exists)
        {
            s.FirstDay = day;
            s.LastDay = day;
        }
        else if (day < s.LastDay)
        {
            throw new InvalidValueException(
                "transaction date",
                $"customer '{customerId}' has a purchase on {date:uuuu-MM-dd} after one on {ToDate(s.LastDay):uuuu-MM-dd}; each customer's transactions must be in date order.",
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
        var keys = new string[_customers.Count];
        var states = new State[_customers.Count];
        var n = 0;
        foreach (var (key, state) in _customers)
        {
            if (state.FirstDay <= _calibrationEnd)
            {
                keys[n] = key;
                states[n] = state;
                n++;
            }
        }

        Array.Sort(keys, states, 0, n, StringComparer.Ordinal);
        var ids = new string[n];
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var m = new double[n];
        var xh = new double[n];
        var mh = new double[n];
        for (var i = 0; i < n; i++)
        {
            var (id, s) = (keys[i], states[i]);
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
