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
    /// <summary>
    /// The SQL that computes the per-customer figures (parameters <c>@zone</c>, <c>@completed</c>,
    /// <c>@observation_end</c>, <c>@calibration_end</c>): purchase days per customer, then each customer's first day by a
    /// window over them, then one row per customer — sorted aggregation all the way, so nothing is hashed or spilled
    /// twice.
    /// </summary>
    public static string Query { get; } =
        """
        SELECT customer_id AS "CustomerId",
               count(*) FILTER (WHERE day <= @calibration_end) AS "Days",
               max(day) FILTER (WHERE day <= @calibration_end) - first_day AS "RecencyDays",
               @calibration_end - first_day AS "AgeDays",
               coalesce(sum(amount) FILTER (WHERE day <= @calibration_end AND day > first_day), 0) AS "RepeatValue",
               count(*) FILTER (WHERE day > @calibration_end) AS "HoldoutDays",
               coalesce(sum(amount) FILTER (WHERE day > @calibration_end), 0) AS "HoldoutValue"
        FROM (
            SELECT customer_id, day, amount, min(day) OVER (PARTITION BY customer_id) AS first_day
            FROM (
                SELECT customer_id, (placed_at AT TIME ZONE @zone)::date AS day, sum(amount) AS amount
                FROM crm_orders
                WHERE status = @completed AND (placed_at AT TIME ZONE @zone)::date <= @observation_end
                GROUP BY customer_id, day) AS per_day) AS with_first
        WHERE first_day <= @calibration_end
        GROUP BY customer_id, first_day
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
        var unit = TimeUnits.Days(options.Unit);
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

        return RfmSummary.CreateWithHoldout(ids, x, tx, t, m, xh, mh, Period.DaysBetween(calibrationEnd, options.ObservationEnd) / unit, options.Unit);
    }

    /// <summary>
    /// Builds the summary on the client from the completed orders streamed in date order (one row at a time, never all
    /// in memory; the builder keeps a few numbers per customer). It moves every order over the wire but, on a small
    /// server, finishes sooner than <see cref="SummaryAsync"/>: see docs/database.md for both measured.
    /// </summary>
    public static async Task<RfmSummary> SummaryStreamedAsync(CrmKitDbContext db, RfmOptions options, DateTimeZone zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        var builder = new RfmSummaryBuilder(options);
        var end = options.ObservationEnd.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var command = new NpgsqlCommand("SELECT customer_id, placed_at, amount FROM crm_orders WHERE status = @completed AND placed_at < @end ORDER BY placed_at", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<int>("completed", (int)OrderStatus.Completed));
                command.Parameters.Add(new NpgsqlParameter<DateTime>("end", end.ToDateTimeUtc()));
                command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
                var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    const int Page = 4096;
                    var (ids, dates, amounts) = (new string[Page], new LocalDate[Page], new double[Page]);
                    var n = 0;
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids[n] = reader.GetString(0);
                        dates[n] = Instant.FromDateTimeUtc(reader.GetDateTime(1)).InZone(zone).Date;
                        amounts[n] = (double)reader.GetDecimal(2);
                        if (++n == Page)
                        {
                            builder.AddRange(ids, dates, amounts);
                            n = 0;
                        }
                    }

                    builder.AddRange(ids.AsSpan(0, n), dates.AsSpan(0, n), amounts.AsSpan(0, n));
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }

        return builder.Build();
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
