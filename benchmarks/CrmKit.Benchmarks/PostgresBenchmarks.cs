using BenchmarkDotNet.Attributes;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.EntityFrameworkCore;
using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace CrmKit.Benchmarks;

/// <summary>
/// CrmKit in PostgreSQL: all 40 built-in segments classified by the server, and the RFM summary aggregated by it,
/// over <c>CRMKIT_BENCH_CUSTOMERS</c> customers (default 1,000) with about ten orders each, loaded once with binary
/// COPY into a fresh database on the server of <c>CRMKIT_BENCH_POSTGRES</c> (else <c>CRMKIT_TEST_POSTGRES</c>).
/// The same-run baseline of the summary streams every completed order to the client and builds the summary there
/// (<c>RfmSql.SummaryStreamedAsync</c>); that of the one-statement classification (<see cref="SqlSegmentClassifier"/>) is the
/// previous path, one rule query per segment whose order conditions are correlated subqueries.
/// With <c>CRMKIT_BENCH_DATABASE</c> set, the data is loaded into that database once (when it does not exist yet) and
/// kept, so several runs, and <c>--postgres-explain</c>, share one load.
/// With <c>CRMKIT_BENCH_CITUS</c> (a Citus coordinator's connection string) the
/// same data is loaded into a schema laid out by <see cref="CitusLayout"/> and the same queries run on the cluster.
/// </summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class PostgresBenchmarks
{
    private static readonly SqlSegmentClassifier OneStatement = new(BuiltInSegments.Catalog);
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly Instant AsOf = Instant.FromUtc(2026, 10, 31, 17, 0);
    private static readonly RfmOptions Options = new() { ObservationEnd = new LocalDate(2026, 10, 31), CalibrationEnd = new LocalDate(2026, 4, 30) };
    private string _database = "";
    private string _server = "";
    private string? _keep;

    private bool _citus;

    [GlobalSetup]
    public void Setup()
    {
        var customers = int.Parse(Environment.GetEnvironmentVariable("CRMKIT_BENCH_CUSTOMERS") ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        _keep = Environment.GetEnvironmentVariable("CRMKIT_BENCH_DATABASE");
        var name = _keep ?? "crmkit_bench_" + Guid.NewGuid().ToString("N")[..8];
        if (Environment.GetEnvironmentVariable("CRMKIT_BENCH_CITUS") is { Length: > 0 } coordinator)
        {
            // On a Citus cluster: a schema on the coordinator (Citus propagates schemas, not databases), the tables
            // laid out by CitusLayout (32 shards per table, Citus's default) before the load, so COPY writes to the shards.
            _citus = true;
            _server = coordinator;
            using (var connection = new NpgsqlConnection(_server))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
                create.ExecuteNonQuery();
            }

            _database = new NpgsqlConnectionStringBuilder(_server) { SearchPath = name, CommandTimeout = 3600 }.ConnectionString;
            using (var db = Context())
            {
                db.Database.ExecuteSqlRaw(db.Database.GenerateCreateScript());
                CitusLayout.DistributeAsync(db).GetAwaiter().GetResult();
            }

            Load(customers);
            return;
        }

        _server = Environment.GetEnvironmentVariable("CRMKIT_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("CRMKIT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set CRMKIT_BENCH_POSTGRES to an Npgsql connection string (source .ci/postgres start sets CRMKIT_TEST_POSTGRES), or CRMKIT_BENCH_CITUS to a Citus coordinator's.");
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (_keep is not null && (long)exists.ExecuteScalar()! > 0)
            {
                _database = new NpgsqlConnectionStringBuilder(_server) { Database = name, CommandTimeout = 3600 }.ConnectionString;
                return;
            }

            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        _database = new NpgsqlConnectionStringBuilder(_server) { Database = name, CommandTimeout = 3600 }.ConnectionString;
        using (var db = Context())
        {
            db.Database.EnsureCreated();
        }

        Load(customers);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NpgsqlConnection.ClearAllPools();
        if (_keep is not null)
        {
            return;
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        if (_citus)
        {
            using var dropSchema = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {new NpgsqlConnectionStringBuilder(_database).SearchPath} CASCADE", connection);
            dropSchema.ExecuteNonQuery();
            return;
        }

        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(_database).Database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("segments")]
    public async Task<long> ClassifyBuiltInSegments_InPostgres()
    {
        using var db = Context();
        var context = new EvaluationContext(AsOf, Zone);
        long members = 0;
        foreach (var segment in BuiltInSegments.Catalog.Segments)
        {
            members += await db.Customers.InSegment(BuiltInSegments.Catalog, segment.Id, context).CountAsync();
        }

        return members;
    }

    /// <summary>The 40 segments' sizes from one statement: the aggregate pass, the flags as masks, counted (see <see cref="SqlSegmentClassifier.CountAsync"/>).</summary>
    [Benchmark]
    [BenchmarkCategory("segments")]
    public async Task<long> ClassifyBuiltInSegments_OneStatement()
    {
        using var db = Context();
        return (await OneStatement.CountAsync(db, new EvaluationContext(AsOf, Zone))).Values.Sum();
    }

    /// <summary>
    /// The same classification stored in <c>crm_segment_memberships</c>: the first iteration writes every row, the later
    /// ones (same instant) find nothing changed and write none — the steady state of a nightly refresh.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("segments")]
    public async Task<int> RefreshMemberships_OneStatement()
    {
        using var db = Context();
        return await OneStatement.RefreshAsync(db, new EvaluationContext(AsOf, Zone));
    }

    [Benchmark]
    [BenchmarkCategory("rfm")]
    public async Task<int> RfmSummary_InPostgres()
    {
        using var db = Context();
        return (await RfmSql.SummaryAsync(db, Options, Zone)).Count;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("rfm")]
    public async Task<int> RfmSummary_StreamedToClient()
    {
        // Every completed order crosses the wire in date order and the builder summarises it on the client.
        using var db = Context();
        return (await RfmSql.SummaryStreamedAsync(db, Options, Zone)).Count;
    }

    /// <summary>
    /// <c>--postgres-explain</c>: loads (or reuses) the data as the benchmarks do, then prints the one-statement
    /// classification's plan with <c>EXPLAIN (ANALYZE, BUFFERS)</c> and the server settings that bound it.
    /// </summary>
    public static async Task<int> ExplainAsync(TextWriter output)
    {
        var bench = new PostgresBenchmarks();
        bench.Setup();
        try
        {
            await using var connection = new NpgsqlConnection(bench._database);
            await connection.OpenAsync();
            foreach (var setting in new[] { "server_version", "work_mem", "shared_buffers", "max_parallel_workers_per_gather", "jit" })
            {
                await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
                await output.WriteLineAsync($"{setting} = {await show.ExecuteScalarAsync()}");
            }

            using var db = bench.Context();
            await db.Database.OpenConnectionAsync();
            foreach (var setting in (Environment.GetEnvironmentVariable("CRMKIT_BENCH_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                await output.WriteLineAsync($"SET {setting}");
                var set = "SET " + setting;
                await db.Database.ExecuteSqlRawAsync(set);
            }

            var plan = await OneStatement.ExplainAsync(db, new EvaluationContext(AsOf, Zone));
            await output.WriteLineAsync(plan);
            return 0;
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private CrmKitDbContext Context()
        => new(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql(_database, o => o.UseNodaTime().CommandTimeout(3600)).Options);

    // Synthetic shop: customers joined over three years, ~10 orders each (1 to 19), 85 % completed; two consents each.
    private void Load(int customers)
    {
        var random = new Random(7);
        string[] provinces = ["Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Cần Thơ", "Hải Phòng"];
        var start = Instant.FromUtc(2023, 11, 1, 0, 0);
        var span = (AsOf - start).TotalSeconds;
        using var connection = new NpgsqlConnection(_database);
        connection.Open();
        var created = new Instant[customers];
        using (var copy = connection.BeginBinaryImport("COPY crm_customers (id, kind, gender, birth_date, province, province_key, stage, created_at, joined_on, tags, tag_keys) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < customers; i++)
            {
                created[i] = start.Plus(Duration.FromSeconds(random.NextDouble() * span * 0.9));
                var province = provinces[random.Next(provinces.Length)];
                string[] tags = random.Next(3) == 0 ? ["food"] : [];
                copy.StartRow();
                copy.Write($"KH{i:D7}", NpgsqlDbType.Text);
                copy.Write((int)CustomerKind.Individual, NpgsqlDbType.Integer);
                copy.Write(random.Next(2), NpgsqlDbType.Integer);
                if (random.Next(4) == 0)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(new DateOnly(1960, 1, 1).AddDays(random.Next(45 * 365)), NpgsqlDbType.Date);
                }

                copy.Write(province, NpgsqlDbType.Text);
                copy.Write(TextFold.ForMatching(province), NpgsqlDbType.Text);
                copy.Write((int)LifecycleStage.Retention, NpgsqlDbType.Integer);
                copy.Write(created[i].ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                copy.Write(created[i].InZone(Zone).Date.ToDateOnly(), NpgsqlDbType.Date);
                copy.Write(tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
                copy.Write(tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("COPY crm_orders (customer_id, id, placed_at, amount, status, channel, product_tags) FROM STDIN (FORMAT BINARY)"))
        {
            var empty = Array.Empty<string>();
            for (var i = 0; i < customers; i++)
            {
                var orders = 1 + random.Next(19);
                var life = (AsOf - created[i]).TotalSeconds;
                for (var k = 0; k < orders; k++)
                {
                    copy.StartRow();
                    copy.Write($"KH{i:D7}", NpgsqlDbType.Text);
                    copy.Write($"O{i:D7}-{k}", NpgsqlDbType.Text);
                    copy.Write(created[i].Plus(Duration.FromSeconds(random.NextDouble() * life)).ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                    copy.Write((decimal)(50_000 + random.Next(2_000) * 1_000), NpgsqlDbType.Numeric);
                    copy.Write(random.Next(100) < 85 ? 0 : 1 + random.Next(2), NpgsqlDbType.Integer);
                    copy.Write(random.Next(3), NpgsqlDbType.Integer);
                    copy.Write(empty, NpgsqlDbType.Array | NpgsqlDbType.Text);
                }
            }

            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("COPY crm_customer_consents (customer_id, channel, purpose, granted) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < customers; i++)
            {
                foreach (var channel in new[] { ContactChannel.Zalo, ContactChannel.Sms })
                {
                    copy.StartRow();
                    copy.Write($"KH{i:D7}", NpgsqlDbType.Text);
                    copy.Write((int)channel, NpgsqlDbType.Integer);
                    copy.Write((int)ContactPurpose.Marketing, NpgsqlDbType.Integer);
                    copy.Write(random.Next(3) > 0, NpgsqlDbType.Boolean);
                }
            }

            copy.Complete();
        }

        using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 3600 };
        analyze.ExecuteNonQuery();
    }
}
