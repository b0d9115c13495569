using CrmKit.Clv;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// The RFM summary (<see cref="RfmSummary"/>) aggregated by PostgreSQL from <c>crm_orders</c>: only one row per
/// customer leaves the database. Definitions as <see cref="RfmSummaryBuilder"/>: completed orders, dated in the shop's
/// zone, purchases on one day merged, calibration and holdout split at the calibration end.
/// </summary>
public static class RfmSql
{
    /// <summary>The SQL that computes the per-customer figures (parameters <c>@zone</c>, <c>@completed</c>, <c>@observation_end</c>, <c>@calibration_end</c>).</summary>
    public const string Query =
        """
        WITH days AS (
            SELECT customer_id, (placed_at AT TIME ZONE @zone)::date AS day, sum(amount) AS amount
            FROM crm_orders
            WHERE status = @completed AND (placed_at AT TIME ZONE @zone)::date <= @observation_end
            GROUP BY customer_id, day),
        customers AS (
            SELECT customer_id, min(day) AS first_day FROM days GROUP BY customer_id)
        SELECT d.customer_id AS "CustomerId",
               count(*) FILTER (WHERE d.day <= @calibration_end) AS "Days",
               max(d.day) FILTER (WHERE d.day <= @calibration_end) - c.first_day AS "RecencyDays",
               @calibration_end - c.first_day AS "AgeDays",
               coalesce(sum(d.amount) FILTER (WHERE d.day <= @calibration_end AND d.day > c.first_day), 0) AS "RepeatValue",
               count(*) FILTER (WHERE d.day > @calibration_end) AS "HoldoutDays",
               coalesce(sum(d.amount) FILTER (WHERE d.day > @calibration_end), 0) AS "HoldoutValue"
        FROM days d JOIN customers c USING (customer_id)
        WHERE c.first_day <= @calibration_end
        GROUP BY d.customer_id, c.first_day
        """;

    /// <summary>Computes the summary in the database, rows sorted by customer id (ordinal) as the in-memory builder sorts them.</summary>
    /// <param name="db">The context.</param>
    /// <param name="options">Observation end, optional calibration end, unit.</param>
    /// <param name="zone">The shop's zone, in which order instants become purchase days.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<RfmSummary> SummaryAsync(CrmKitDbContext db, RfmOptions options, DateTimeZone zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        var calibrationEnd = options.CalibrationEnd ?? options.ObservationEnd;
        if (calibrationEnd > options.ObservationEnd)
        {
            throw new InvalidValueException("calibration end", $"{calibrationEnd} is after the observation end {options.ObservationEnd}.");
        }

        var rows = await db.Database.SqlQueryRaw<Row>(
            Query,
            new NpgsqlParameter<string>("zone", zone.Id),
            new NpgsqlParameter<int>("completed", (int)OrderStatus.Completed),
            new NpgsqlParameter<DateOnly>("observation_end", options.ObservationEnd.ToDateOnly()),
            new NpgsqlParameter<DateOnly>("calibration_end", calibrationEnd.ToDateOnly())).ToListAsync(cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        var unit = RfmSummary.DaysPerUnit(options.Unit);
        var n = rows.Count;
        var (ids, x, tx, t, m, xh, mh) = (new string[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            ids[i] = r.CustomerId;
            x[i] = r.Days - 1;
            tx[i] = r.RecencyDays / unit;
            t[i] = r.AgeDays / unit;
            m[i] = r.Days > 1 ? (double)r.RepeatValue / (r.Days - 1) : 0;
            xh[i] = r.HoldoutDays;
            mh[i] = r.HoldoutDays > 0 ? (double)r.HoldoutValue / r.HoldoutDays : 0;
        }

        return RfmSummary.FromBuilder(ids, x, tx, t, m, xh, mh, options.Unit, Period.DaysBetween(calibrationEnd, options.ObservationEnd) / unit);
    }

    private sealed class Row
    {
        public string CustomerId { get; set; } = "";

        public long Days { get; set; }

        public int RecencyDays { get; set; }

        public int AgeDays { get; set; }

        public decimal RepeatValue { get; set; }

        public long HoldoutDays { get; set; }

        public decimal HoldoutValue { get; set; }
    }
}
