// A worker process of the multi-process kill test (docs/database.md): `drain` hands the inbox's events to the engine
// until the inbox is empty; `dispatch` sends due outbox messages to a test channel (a table with a delivered-once key)
// until nothing due at the horizon is pending. The test kills these processes with SIGKILL at random points.
// benchmarks/engine-postgres-workers.sh also uses `reset` (a fresh migrated schema: the connection's search path) and
// `seed CUSTOMERS EVENTS_PER_CUSTOMER` (orders and inbound messages, interleaved across customers, into the inbox).
//   CRMKIT_ENGINE_POSTGRES   the database (Npgsql connection string; its Search Path is the test's schema)
//   CRMKIT_KILL_CLOCK        "horizon;start": the dispatch clock reads horizon + (now − start), in Unix milliseconds
using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers;
using CrmKit.Engine;
using CrmKit.Engine.EntityFrameworkCore;
using Npgsql;
using NodaTime;

var mode = args.Length > 0 ? args[0] : throw new ArgumentException("usage: CrmKit.Engine.KillTestWorker drain|dispatch");
var connectionString = Environment.GetEnvironmentVariable("CRMKIT_ENGINE_POSTGRES") ?? throw new InvalidOperationException("CRMKIT_ENGINE_POSTGRES is not set.");
var worker = string.Create(CultureInfo.InvariantCulture, $"{mode}-{Environment.ProcessId}");
if (mode == "reset")
{
    var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath ?? throw new InvalidOperationException("The connection string needs a Search Path.");
    await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = null }.ConnectionString))
    {
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}");
        await drop.ExecuteNonQueryAsync();
    }

    await using var fresh = new PostgresEngineStore(connectionString);
    await EngineSchema.MigrateAsync(fresh.DataSource);
    return 0;
}

await using var store = new PostgresEngineStore(connectionString);
if (mode == "seed")
{
    var customers = int.Parse(args[1], CultureInfo.InvariantCulture);
    var perCustomer = int.Parse(args[2], CultureInfo.InvariantCulture);
    var rng = new Random(1);
    var start = Instant.FromUtc(2026, 3, 6, 3, 0);
    var events = new List<CareEvent>();
    for (var k = 0; k < perCustomer; k++)
    {
        // Round k of every customer, customers shuffled within the round: each customer's events stay in time order.
        foreach (var c in Enumerable.Range(0, customers).OrderBy(_ => rng.Next()))
        {
            var id = new CustomerId(string.Create(CultureInfo.InvariantCulture, $"B{c:D6}"));
            var at = start + Duration.FromHours(3 * k) + Duration.FromSeconds(c % 3600);
            var eventId = string.Create(CultureInfo.InvariantCulture, $"{id.Value}-{k}");
            events.Add(k == 0 || rng.Next(10) < 6
                ? new OrderPlacedEvent(new Order { Id = new(eventId), CustomerId = id, PlacedAt = at, Total = Money.Vnd(100_000 * (1 + rng.Next(50))), Status = OrderStatus.Completed }) { EventId = eventId, CustomerId = id, At = at }
                : new ContactMadeEvent(ContactChannel.Zalo, ContactPurpose.Transactional, InteractionDirection.Inbound) { EventId = eventId, CustomerId = id, At = at });
        }
    }

    var inboxToSeed = new EngineInbox(store.DataSource);
    foreach (var chunk in events.Chunk(10_000))
    {
        await inboxToSeed.EnqueueAsync(chunk);
    }

    return 0;
}

var engine = new CareEngine(new CareEngineOptions(), store);

if (mode == "drain")
{
    var inbox = new EngineInbox(store.DataSource);
    while (true)
    {
        var handled = await inbox.DrainAsync(engine, maxCustomers: 16, parallelism: 4);
        if (handled > 0)
        {
            Console.WriteLine(handled); // progress: the test kills only workers that have done some work
        }
        else
        {
            // Nothing free: done when no customer waits at all (a killed worker's claims come back when its connection is gone).
            await using var heads = store.DataSource.CreateCommand("SELECT count(*) FROM crm_engine_inbox_customers");
            if ((long)(await heads.ExecuteScalarAsync())! == 0)
            {
                return 0;
            }

            await Task.Delay(50);
        }
    }
}

var parts = (Environment.GetEnvironmentVariable("CRMKIT_KILL_CLOCK") ?? throw new InvalidOperationException("CRMKIT_KILL_CLOCK is not set.")).Split(';');
var horizon = Instant.FromUnixTimeMilliseconds(long.Parse(parts[0], CultureInfo.InvariantCulture));
var clock = new ShiftedClock(horizon, long.Parse(parts[1], CultureInfo.InvariantCulture));
var channels = Enum.GetValues<ContactChannel>().Select(c => (ICareChannel)new TableChannel(c, store.DataSource, worker)).ToList();
var options = new DispatchOptions
{
    BatchSize = 50,
    MaxParallelSends = 8,
    LeaseDuration = TimeSpan.FromSeconds(8),
    SendTimeout = TimeSpan.FromSeconds(2),
    MaxRetryAttempts = 1,
    RetryDelay = TimeSpan.FromMilliseconds(50),
    MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    WorkerId = worker,
};
var dispatcher = new CareDispatcher(engine, channels, options, clock);
while (true)
{
    var report = await dispatcher.DispatchAsync();
    if (!report.Outcomes.IsDefaultOrEmpty)
    {
        Console.WriteLine(report.Claimed);
    }
    else
    {
        await using var due = store.DataSource.CreateCommand("SELECT count(*) FROM crm_engine_outbox WHERE state = 0 AND due_at <= $1");
        due.Parameters.Add(new NpgsqlParameter { Value = horizon });
        if ((long)(await due.ExecuteScalarAsync())! == 0)
        {
            return 0;
        }

        await Task.Delay(100);
    }
}

/// <summary>The test's clock: the horizon plus the real time elapsed since the test's start, shared by every worker process.</summary>
internal sealed class ShiftedClock(Instant horizon, long startUnixMilliseconds) : IClock
{
    public Instant GetCurrentInstant() => horizon + Duration.FromMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() - startUnixMilliseconds);
}

/// <summary>
/// A provider with a dedup key, as a table: every call is appended to <c>kill_channel_received</c>; the first call of an
/// idempotency key also goes to <c>kill_channel_delivered</c> (what reached the customer) — in one transaction.
/// </summary>
internal sealed class TableChannel(ContactChannel channel, NpgsqlDataSource dataSource, string worker) : ICareChannel
{
    public ContactChannel Channel => channel;

    public async ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var received = new NpgsqlBatchCommand("INSERT INTO kill_channel_received (customer_id, idempotency_key, worker) VALUES ($1, $2, $3)");
        received.Parameters.Add(new NpgsqlParameter { Value = message.CustomerId.Value });
        received.Parameters.Add(new NpgsqlParameter { Value = message.IdempotencyKey });
        received.Parameters.Add(new NpgsqlParameter { Value = worker });
        var delivered = new NpgsqlBatchCommand("INSERT INTO kill_channel_delivered (customer_id, idempotency_key) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        delivered.Parameters.Add(new NpgsqlParameter { Value = message.CustomerId.Value });
        delivered.Parameters.Add(new NpgsqlParameter { Value = message.IdempotencyKey });
        batch.BatchCommands.Add(received);
        batch.BatchCommands.Add(delivered);
        await batch.ExecuteNonQueryAsync(ct); // a batch without a transaction runs as one implicit transaction
        return ChannelSendResult.Sent;
    }
}
