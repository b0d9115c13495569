// A worker process of the multi-process kill test (docs/database.md): `drain` hands the inbox's events to the engine
// until the inbox is empty; `dispatch` sends due outbox messages to a test channel (a table with a delivered-once key)
// until nothing due at the horizon is pending. The test kills these processes with SIGKILL at random points.
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
await using var store = new PostgresEngineStore(connectionString);
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
