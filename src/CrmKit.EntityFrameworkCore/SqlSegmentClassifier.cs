using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Data.Common;
using CrmKit.Customers;
using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Classifies customers against a <see cref="SegmentCatalog"/> inside PostgreSQL in one statement: one aggregate pass
/// over <c>crm_orders</c> grouped by customer id computes every window/status/channel/tag aggregate the catalogue's order
/// conditions read (a <c>FILTER</c> clause per distinct <see cref="OrderFilter"/>, as <see cref="SegmentClassifier"/> plans its
/// single pass in memory), consents and attributes are aggregated the same way, the results are joined to
/// <c>crm_customers</c> on the customer id, and every segment's membership (exclusivity groups resolved) is computed
/// in the same statement. Memberships are kept in <c>crm_segment_memberships</c> (<see cref="StoredSegmentMembership"/>),
/// refreshed for everyone (<see cref="RefreshAsync"/>) or for
/// some customers (<see cref="RefreshCustomersAsync"/>,
/// for the engine after an event), and read by
/// <see cref="SegmentQueries.InSegment(IQueryable{CustomerRecord}, IQueryable{StoredSegmentMembership}, string)"/>.
/// </summary>
/// <remarks>
/// <para>Members are those of the in-memory interpreter (<see cref="SegmentCatalog.ClassifyInterpreted"/>); property tests
/// compare them on generated customers, catalogues and evaluation instants. Every date-dependent value is a parameter
/// computed here from the <see cref="EvaluationContext"/> (the instant, its date in the context's zone, window starts),
/// so the server's clock and time zone play no part.</para>
/// <para>Every table is read grouped or joined by customer id, so the statement runs shard by shard on Citus with the
/// customer id as distribution column. Build one instance per catalogue and reuse it (it holds the statement's
/// text); it is thread-safe.</para>
/// </remarks>
public sealed class SqlSegmentClassifier
{
    private static readonly Instant EarliestBound = Instant.FromUtc(1, 1, 1, 0, 0);

    /// <summary>The most ranges of customer ids the counting statement is cut into (PostgreSQL's default runs 3 processes).</summary>
    private const int MaxRanges = 16;

    /// <summary>The largest <c>min_parallel_table_scan_size</c> and <c>min_parallel_index_scan_size</c> (in 8 kB pages): no table or index is that large.</summary>
    private const string NoParallelScan = "715827882";

    private const string SomeCustomers = "{id} = ANY(@customer_ids)";
    private readonly SegmentSqlWriter _writer;
    private readonly string?[] _countSql = new string?[MaxRanges];

    /// <summary>Writes the catalogue's statement.</summary>
    /// <param name="catalog">The segments.</param>
    /// <exception cref="InvalidRuleException">A segment's rule, with its references written out, exceeds <see cref="RuleLimits.MaxExpandedConditions"/>.</exception>
    public SqlSegmentClassifier(SegmentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        _writer = new SegmentSqlWriter(catalog);
        ClassifySql = Classify(onlySome: false);
    }

    /// <summary>The catalogue.</summary>
    public SegmentCatalog Catalog { get; }

    /// <summary>
    /// The classification of every customer: rows of <c>customer_id</c> and <c>segment_ids text[]</c> (unordered), with
    /// the parameters <c>@as_of</c> (timestamptz), the evaluation date's <c>@today</c> and <c>@days_until</c> (int[] by
    /// month × 100 + day), one <c>@window_N</c> per window length, one <c>@bound_N</c> per "days since ≥ n"
    /// (timestamptz) or "age ≥ n" (date) test, and the rules' text constants. For review and
    /// <c>EXPLAIN</c>.
    /// </summary>
    public string ClassifySql { get; }

    private string Classify(bool onlySome) => $"SELECT c.id AS customer_id, {_writer.SegmentIds} AS segment_ids\nFROM {_writer.From(onlySome ? SomeCustomers : null)}";

    /// <summary>
    /// The counting statement over <paramref name="ranges"/> ranges of customer ids: one <c>UNION ALL</c> branch per
    /// range (each reads only its customers' rows of every table, so PostgreSQL can run the branches in parallel workers,
    /// a <c>Parallel Append</c>), each customer's segments as <c>bigint</c> masks, and the customers counted by mask.
    /// </summary>
    private string CountSql(int ranges) => _countSql[ranges - 1] ??= CountSqlOf(ranges);

    private string CountSqlOf(int ranges)
    {
        var masks = string.Join(", ", _writer.SegmentMasks.Select((m, w) => $"{m} AS m{w}"));
        var names = string.Join(", ", _writer.SegmentMasks.Select((_, w) => $"m{w}"));
        var branches = Enumerable.Range(1, ranges).Select(i => $"SELECT {masks}\nFROM {_writer.From(Range(i, ranges))}");
        return $"SELECT {names}, count(*) FROM (\n{string.Join("\nUNION ALL\n", branches)}) AS m GROUP BY {names}";
    }

    /// <summary>The <paramref name="i"/>-th (1-based) of <paramref name="ranges"/> ranges of customer ids, cut at <c>@range_1</c> … <c>@range_{ranges − 1}</c>.</summary>
    private static string? Range(int i, int ranges)
    {
        var from = i > 1 ? $"{{id}} >= @range_{(i - 1).ToString(CultureInfo.InvariantCulture)}" : null;
        var to = i < ranges ? $"{{id}} < @range_{i.ToString(CultureInfo.InvariantCulture)}" : null;
        return from is null ? to : to is null ? from : $"{from} AND {to}";
    }

    /// <summary>
    /// The number of members of each segment (every segment of the catalogue, zero included). The customers are cut into
    /// ranges of ids, one per process PostgreSQL gives a statement (the leader and <c>max_parallel_workers_per_gather</c>
    /// workers), at equally spaced bounds of <c>crm_customers.id</c>'s statistics (<c>pg_stats</c>, kept by <c>ANALYZE</c>
    /// and autovacuum): each range is one <c>UNION ALL</c> branch that a worker runs whole, reading only its customers'
    /// rows. Without statistics or parallel workers (and on Citus, which runs the statement shard by shard), one branch.
    /// </summary>
    /// <param name="db">The context.</param>
    /// <param name="context">When.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<ImmutableDictionary<string, long>> CountAsync(CrmKitDbContext db, EvaluationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var counts = new long[Catalog.Segments.Length];
        if (counts.Length > 0)
        {
            var words = _writer.SegmentMasks.Count;
            await ReadAsync(db, CountSql, split: true, context, null, r =>
            {
                var members = r.GetInt64(words);
                for (var w = 0; w < words; w++)
                {
                    for (var mask = (ulong)r.GetInt64(w); mask != 0; mask &= mask - 1)
                    {
                        counts[(w * SegmentSqlWriter.BitsPerMask) + BitOperations.TrailingZeroCount(mask)] += members;
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return Catalog.Segments.Select((s, i) => KeyValuePair.Create(s.Id, counts[i])).ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The plan of the counting statement (<see cref="CountAsync"/>, with the same ranges of customer ids) at an evaluation
    /// instant, from <c>EXPLAIN</c>; with <paramref name="analyze"/>, <c>EXPLAIN (ANALYZE, BUFFERS)</c>, which runs the
    /// statement and reports each node's time, rows, buffers and memory (for instance whether the aggregate fit in
    /// <c>work_mem</c>).
    /// </summary>
    /// <param name="db">The context.</param>
    /// <param name="context">When.</param>
    /// <param name="analyze">Whether to run the statement and report measured figures.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<string> ExplainAsync(CrmKitDbContext db, EvaluationContext context, bool analyze = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var lines = new List<string>();
        await ReadAsync(db, ranges => (analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") + CountSql(ranges), split: true, context, null, r => lines.Add(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The memberships of the given customers (of every customer when <paramref name="customerIds"/> is null: one entry
    /// per customer, all in memory — for large populations store them with <see cref="RefreshAsync"/>).
    /// Customers that do not exist are absent from the result.
    /// </summary>
    /// <param name="db">The context.</param>
    /// <param name="context">When.</param>
    /// <param name="customerIds">The customers, or null for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Each customer's membership by <see cref="CustomerId"/>, as <see cref="Segmenter.Classify"/> keys its result.</returns>
    /// <exception cref="ArgumentException">A customer id in <paramref name="customerIds"/> is not set (a default <see cref="CustomerId"/>).</exception>
    public async Task<ImmutableDictionary<CustomerId, SegmentMembership>> ClassifyAsync(CrmKitDbContext db, EvaluationContext context, IReadOnlyCollection<CustomerId>? customerIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var keys = customerIds is null ? null : Keys(customerIds);
        var result = ImmutableDictionary.CreateBuilder<CustomerId, SegmentMembership>();
        await ReadAsync(db, _ => keys is null ? ClassifySql : Classify(onlySome: true), split: false, context, keys,
            r => result[new CustomerId(r.GetString(0))] = Catalog.Membership(r.GetFieldValue<string[]>(1)), cancellationToken).ConfigureAwait(false);
        return result.ToImmutable();
    }

    /// <summary>
    /// Classifies every customer and stores the result in <c>crm_segment_memberships</c> in one transaction (the
    /// context's, when one is open): an <c>INSERT … SELECT … ON CONFLICT DO UPDATE</c> that writes only the rows whose
    /// segments changed (their <see cref="StoredSegmentMembership.Since"/> becomes the evaluation instant), then removes the
    /// rows of customers that no longer exist.
    /// </summary>
    /// <returns>How many rows were written or removed.</returns>
    public Task<int> RefreshAsync(CrmKitDbContext db, EvaluationContext context, CancellationToken cancellationToken = default)
        => StoreAsync(db, context, null, cancellationToken);

    /// <summary>
    /// Reclassifies some customers and stores their memberships (for the engine, after it handled their events; runs in
    /// the context's transaction when one is open, so it commits or rolls back with the engine's unit of work). Only the
    /// given customers' rows of every table are read. A customer that does not exist has its row removed.
    /// </summary>
    /// <returns>How many rows were written or removed.</returns>
    /// <exception cref="ArgumentException">A customer id is not set (a default <see cref="CustomerId"/>).</exception>
    public Task<int> RefreshCustomersAsync(CrmKitDbContext db, EvaluationContext context, IReadOnlyCollection<CustomerId> customerIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        return StoreAsync(db, context, Keys(customerIds), cancellationToken);
    }

    /// <summary>The stored keys (<c>customer_id</c> text) of customer ids; a default (unset) id is refused.</summary>
    private static string[] Keys(IReadOnlyCollection<CustomerId> customerIds)
        => [.. customerIds.Select((id, i) => id.Value ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"customerIds[{i}] is not set (a default CustomerId)."), nameof(customerIds)))];

    private async Task<int> StoreAsync(CrmKitDbContext db, EvaluationContext context, IReadOnlyCollection<string>? customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(context);
        var onlySome = customerIds is not null;
        var sql =
            $"""
            INSERT INTO crm_segment_memberships AS m (customer_id, segment_ids, since)
            SELECT customer_id, segment_ids, @as_of FROM ({Classify(onlySome)}) AS n
            ON CONFLICT (customer_id) DO UPDATE SET segment_ids = EXCLUDED.segment_ids, since = EXCLUDED.since
            WHERE m.segment_ids IS DISTINCT FROM EXCLUDED.segment_ids
            """;
        var remove = "DELETE FROM crm_segment_memberships m WHERE NOT EXISTS (SELECT 1 FROM crm_customers c WHERE c.id = m.customer_id)"
                     + (onlySome ? " AND m.customer_id = ANY(@customer_ids)" : "");
        var own = db.Database.CurrentTransaction is null;
        var transaction = own ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var restore = await WithSettingsAsync(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction(), ranged: false, cancellationToken).ConfigureAwait(false);
            var written = await db.Database.ExecuteSqlRawAsync(sql, Parameters(context, customerIds), cancellationToken).ConfigureAwait(false);
            written += await db.Database.ExecuteSqlRawAsync(remove, onlySome ? [Ids(customerIds!)] : [], cancellationToken).ConfigureAwait(false);
            await restore(cancellationToken).ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return written;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ReadAsync(CrmKitDbContext db, Func<int, string> sql, bool split, EvaluationContext context, IReadOnlyCollection<string>? customerIds, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var outer = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            var own = outer is null ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
            try
            {
                var transaction = outer ?? own!;
                var cuts = split ? await CutsAsync(connection, transaction, cancellationToken).ConfigureAwait(false) : [];
                var restore = await WithSettingsAsync(connection, transaction, ranged: cuts.Length > 0, cancellationToken).ConfigureAwait(false);
                var command = new NpgsqlCommand(sql(cuts.Length + 1), connection, transaction);
                await using (command.ConfigureAwait(false))
                {
                    command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
                    command.Parameters.AddRange(Parameters(context, customerIds));
                    for (var i = 0; i < cuts.Length; i++)
                    {
                        command.Parameters.Add(new NpgsqlParameter($"range_{(i + 1).ToString(CultureInfo.InvariantCulture)}", NpgsqlDbType.Text) { Value = cuts[i] });
                    }

                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            row(reader);
                        }
                    }
                }

                await restore(cancellationToken).ConfigureAwait(false);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync().ConfigureAwait(false);
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
    }

    /// <summary>
    /// The customer ids to cut the counting statement at, ascending: for the leader and each of
    /// <c>max_parallel_workers_per_gather</c> workers one range (at most <see cref="MaxRanges"/>), cut at equally spaced
    /// bounds of <c>crm_customers.id</c>'s histogram in <c>pg_stats</c> (sorted by the column's own ordering, which the
    /// ranges compare with). None without workers, without a histogram (a table never analysed, a view) and on Citus.
    /// Only the balance between the ranges depends on the statistics: the ranges cover every id once whatever the cuts.
    /// </summary>
    private static async Task<string[]> CutsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT current_setting('max_parallel_workers_per_gather')::int,
                   EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus'),
                   (SELECT s.histogram_bounds::text::text[] FROM pg_stats s
                    JOIN pg_namespace n ON n.nspname = s.schemaname
                    JOIN pg_class r ON r.relnamespace = n.oid AND r.relname = s.tablename
                    WHERE r.oid = to_regclass('crm_customers') AND s.attname = 'id'
                    ORDER BY s.inherited LIMIT 1)
            """;
        var command = new NpgsqlCommand(Sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var bounds = reader.GetBoolean(1) || reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2);
                var ranges = Math.Min(Math.Min(reader.GetInt32(0) + 1, MaxRanges), bounds.Length - 1);
                var cuts = new List<string>();
                for (var j = 1; j < ranges; j++)
                {
                    var cut = bounds[j * (bounds.Length - 1) / ranges];
                    if (cuts.Count == 0 || !string.Equals(cuts[^1], cut, StringComparison.Ordinal))
                    {
                        cuts.Add(cut);
                    }
                }

                return [.. cuts];
            }
        }
    }

    /// <summary>
    /// Sets the statement's planner settings for the rest of the transaction (<c>set_config(…, true)</c>, as <c>SET LOCAL</c>)
    /// and returns what sets them back to their previous values (for a caller's transaction). JIT compilation is off: the
    /// statement is one pass whose expressions are cheap comparisons, and compiling them costs more than it saves
    /// (benchmarks/results/postgres.md). With <paramref name="ranged"/> (the ranges of <see cref="CountAsync"/>), no scan
    /// is parallel-aware (<c>min_parallel_table_scan_size</c> and <c>min_parallel_index_scan_size</c> at their maximum), so
    /// the planner runs each range whole in one process (a <c>Parallel Append</c>) instead of splitting one table's scan.
    /// </summary>
    private static async Task<Func<CancellationToken, Task>> WithSettingsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool ranged, CancellationToken cancellationToken)
    {
        List<(string Name, string Value)> settings = [("jit", "off")];
        if (ranged)
        {
            settings.Add(("min_parallel_table_scan_size", NoParallelScan));
            settings.Add(("min_parallel_index_scan_size", NoParallelScan));
        }

        var names = settings.Select((x, i) => $"current_setting(@n{i.ToString(CultureInfo.InvariantCulture)})");
        var sets = settings.Select((x, i) => $"set_config(@n{i.ToString(CultureInfo.InvariantCulture)}, @v{i.ToString(CultureInfo.InvariantCulture)}, true)");
        var command = new NpgsqlCommand($"SELECT ARRAY[{string.Join(", ", names)}], {string.Join(", ", sets)}", connection, transaction);
        string[] previous;
        await using (command.ConfigureAwait(false))
        {
            for (var i = 0; i < settings.Count; i++)
            {
                command.Parameters.AddWithValue($"n{i.ToString(CultureInfo.InvariantCulture)}", settings[i].Name);
                command.Parameters.AddWithValue($"v{i.ToString(CultureInfo.InvariantCulture)}", settings[i].Value);
            }

            previous = (string[])(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return async token =>
        {
            var reset = new NpgsqlCommand("SELECT " + string.Join(", ", settings.Select((x, i) => $"set_config(@n{i.ToString(CultureInfo.InvariantCulture)}, @p{i.ToString(CultureInfo.InvariantCulture)}, true)")), connection, transaction);
            await using (reset.ConfigureAwait(false))
            {
                for (var i = 0; i < settings.Count; i++)
                {
                    reset.Parameters.AddWithValue($"n{i.ToString(CultureInfo.InvariantCulture)}", settings[i].Name);
                    reset.Parameters.AddWithValue($"p{i.ToString(CultureInfo.InvariantCulture)}", previous[i]);
                }

                await reset.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        };
    }

    private static NpgsqlParameter Ids(IReadOnlyCollection<string> customerIds)
        => new("customer_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = customerIds.ToArray() };

    /// <summary>The statement's parameters at an evaluation instant (fresh objects: a parameter belongs to one command).</summary>
    private NpgsqlParameter[] Parameters(EvaluationContext context, IReadOnlyCollection<string>? customerIds)
    {
        // PostgreSQL keeps microseconds. Orders are stored to the microsecond, so comparing them with the instant
        // truncated (towards the past) to a microsecond decides exactly as comparing with the instant itself.
        var ticks = context.AsOf.ToUnixTimeTicks();
        var asOf = Instant.FromUnixTimeTicks(ticks - (((ticks % 10) + 10) % 10));
        var today = context.Today;
        var list = new List<NpgsqlParameter>
        {
            new("as_of", NpgsqlDbType.TimestampTz) { Value = asOf },
        };
        foreach (var days in _writer.Windows)
        {
            list.Add(new($"window_{days}", NpgsqlDbType.TimestampTz) { Value = asOf - Duration.FromDays(days) });
        }

        if (_writer.UsesToday)
        {
            list.Add(new("today", NpgsqlDbType.Date) { Value = today });
            list.Add(new("days_until", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = DaysUntil(today) });
        }

        foreach (var (name, kind, whole) in _writer.Bounds)
        {
            list.Add(kind == BoundKind.DaysBefore
                ? new(name, NpgsqlDbType.TimestampTz) { Value = DaysBefore(asOf, whole) is { } instant ? instant : DBNull.Value }
                : new(name, NpgsqlDbType.Date) { Value = LatestBirth(whole, today) is { } date ? date : DBNull.Value });
        }

        foreach (var (name, value, type) in _writer.Constants)
        {
            list.Add(new(name, type) { Value = value });
        }

        if (customerIds is not null)
        {
            list.Add(Ids(customerIds));
        }

        return [.. list];
    }

    /// <summary>
    /// The instant <paramref name="days"/> days before <paramref name="asOf"/>, or null when it falls before year 1 or
    /// after NodaTime's last instant (no stored instant is that far: a test against it is decided by the sign alone).
    /// </summary>
    private static Instant? DaysBefore(Instant asOf, long days)
    {
        var ticks = (System.Numerics.BigInteger)asOf.ToUnixTimeTicks() - ((System.Numerics.BigInteger)days * NodaConstants.TicksPerDay);
        return ticks < EarliestBound.ToUnixTimeTicks() || ticks >= Instant.MaxValue.ToUnixTimeTicks() ? null : Instant.FromUnixTimeTicks((long)ticks);
    }

    /// <summary>The latest birth date of someone at least <paramref name="years"/> old on <paramref name="today"/>, or null when no one born in year 1 or later is.</summary>
    private static LocalDate? LatestBirth(long years, LocalDate today)
        => years > today.Year - 2 ? null : CalendarFacts.LatestBirthForAge((int)Math.Max(years, 0), today);

    /// <summary>Days from <paramref name="today"/> to the next anniversary of each month-day, at index month × 100 + day (1-based, as SQL arrays).</summary>
    private static int[] DaysUntil(LocalDate today)
    {
        var table = new int[1231];
        for (var day = new LocalDate(2000, 1, 1); day.Year == 2000; day = day.PlusDays(1))
        {
            table[(day.Month * 100) + day.Day - 1] = CalendarFacts.DaysUntilAnniversary(day, today);
        }

        return table;
    }
}
