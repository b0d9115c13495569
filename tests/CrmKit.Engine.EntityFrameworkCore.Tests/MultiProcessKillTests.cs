using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers.Serialization;
using Npgsql;
using Xunit.Abstractions;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The crash test with real operating-system processes (docs/database.md): three worker processes
/// (<c>CrmKit.Engine.KillTestWorker</c>) drain an inbox of 100,000 events of 10,000 customers into the PostgreSQL store
/// while the test kills one of them with SIGKILL (<see cref="Process.Kill()"/>) at random points and starts a fresh
/// one; then three dispatcher processes send the due messages to a table channel, killed the same way. Afterwards
/// every customer's state equals the state an in-memory engine reaches by handling the same events once each, in
/// order (so every event was applied exactly once and each customer's order was kept), the outbox holds exactly the
/// reference's entries, and the channel delivered each sent key exactly once. Runs:
/// <c>CRMKIT_KILL_TEST_RUNS</c> (default 1), each with its own seed (from <c>CRMKIT_KILL_TEST_FIRST_SEED</c>, default 1); the database: <c>CRMKIT_ENGINE_POSTGRES</c>.
/// </summary>
public sealed class MultiProcessKillTests(ITestOutputHelper output)
{
    private const int EventsPerCustomer = 10;

    /// <summary>10,000 (100,000 events); <c>CRMKIT_KILL_TEST_CUSTOMERS</c> makes a quicker local experiment.</summary>
    private static readonly int Customers = int.TryParse(Environment.GetEnvironmentVariable("CRMKIT_KILL_TEST_CUSTOMERS"), CultureInfo.InvariantCulture, out var n) ? n : 10_000;
    private const int Workers = 3;

    /// <summary>The orders are placed in the 14 days from here.</summary>
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 6, 3, 0);

    /// <summary>
    /// The dispatch horizon, three days in: the dispatchers settle every message due by then (about a quarter of the
    /// outbox; a later horizon only adds messages the send-time check cancels as too late). 10:00 in Ho Chi Minh City,
    /// so the channels' allowed hours are open.
    /// </summary>
    private static readonly Instant Horizon = Start + Duration.FromDays(3);

    [EnginePostgresFact]
    public async Task ThreeWorkerProcesses_OneKilledAtRandomPoints_ApplyEveryEventOnceInOrder_AndDeliverEachMessageOnce()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("CRMKIT_KILL_TEST_RUNS"), CultureInfo.InvariantCulture, out var r) ? r : 1;
        var first = int.TryParse(Environment.GetEnvironmentVariable("CRMKIT_KILL_TEST_FIRST_SEED"), CultureInfo.InvariantCulture, out var f) ? f : 1;
        for (var run = 0; run < runs; run++)
        {
            await RunAsync(seed: first + run);
        }
    }

    /// <summary>
    /// Guards the kill test against vacuity: for every one of 200 generated customers, handling one of its events
    /// twice (as a store without idempotency would after a crash) or two of its events swapped gives a state other
    /// than the reference's — so the state comparison detects a repeat and a reordering.
    /// </summary>
    [Fact]
    public async Task TheReference_SeesARepeatAndASwap()
    {
        var events = Generate(new Random(7), 200);
        var expected = await ReferenceStates(events);
        foreach (var customer in events.GroupBy(e => e.CustomerId))
        {
            var own = customer.ToList();
            var k = new Random(own.Count + own[0].CustomerId.Value.Length).Next(own.Count - 1);
            List<CareEvent> repeated = [.. own[..(k + 1)], own[k] with { EventId = own[k].EventId + "-again" }, .. own[(k + 1)..]];
            List<CareEvent> swapped = [.. own[..k], own[k + 1], own[k], .. own[(k + 2)..]];
            Assert.NotEqual(expected[customer.Key.Value], (await ReferenceStates(repeated))[customer.Key.Value]);
            Assert.NotEqual(expected[customer.Key.Value], (await ReferenceStates(swapped))[customer.Key.Value]);
        }
    }

    private async Task RunAsync(int seed)
    {
        var total = Stopwatch.StartNew();
        var rng = new Random(seed);
        var events = Generate(rng, Customers);
        var cs = EnginePostgres.CreateSchema("crm_kill");
        try
        {
            await using var store = new PostgresEngineStore(cs);
            await EngineSchema.MigrateAsync(store.DataSource);
            await EnginePostgres.LayOutIfCitusAsync(store.DataSource);
            await Execute(store.DataSource, """
                CREATE TABLE kill_channel_received (id bigint GENERATED ALWAYS AS IDENTITY, customer_id text NOT NULL, idempotency_key text NOT NULL, worker text NOT NULL, PRIMARY KEY (customer_id, id));
                CREATE TABLE kill_channel_delivered (customer_id text NOT NULL, idempotency_key text NOT NULL, PRIMARY KEY (customer_id, idempotency_key));
                """);
            var inbox = new EngineInbox(store.DataSource);
            foreach (var chunk in events.Chunk(10_000))
            {
                await inbox.EnqueueAsync(chunk);
            }

            // The reference: one in-memory engine handles every event once, in the same order.
            var reference = new InMemoryEngineStore();
            var referenceEngine = new CareEngine(new CareEngineOptions(), reference);
            foreach (var e in events)
            {
                await referenceEngine.HandleAsync(e);
            }

            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var state in reference.StatesAsync())
            {
                expected[state.CustomerId.Value] = CrmKitJson.Serialize(state);
            }

            var drain = Stopwatch.StartNew();
            var drainKills = await RunWorkersAsync("drain", cs, rng, kills: 5);
            drain.Stop();
            Assert.Equal(0L, await inbox.PendingAsync());
            Assert.Equal(0L, await Count(store.DataSource, "SELECT count(*) FROM crm_engine_inbox_customers"));
            Assert.Equal((long)events.Count, await Count(store.DataSource, "SELECT count(*) FROM crm_engine_processed_events"));

            // Every customer's state equals the reference's: each event applied once, in the customer's order.
            var actual = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var state in store.StatesAsync())
            {
                actual[state.CustomerId.Value] = CrmKitJson.Serialize(state);
            }

            Assert.Equal(Customers, actual.Count);
            var differing = expected.Where(kv => !actual.TryGetValue(kv.Key, out var json) || json != kv.Value).Select(kv => kv.Key).ToList();
            Assert.True(differing.Count == 0, $"{differing.Count} customers' states differ from the reference, e.g. {string.Join(", ", differing.Take(5))}");

            // The outbox holds exactly the reference's entries (each key once: it is the primary key).
            var expectedOutbox = (await reference.ListAsync(null)).Select(Describe).Order(StringComparer.Ordinal).ToList();
            var actualOutbox = (await store.ListAsync(null)).Select(Describe).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(expectedOutbox);
            Assert.Equal(expectedOutbox, actualOutbox);

            var dispatch = Stopwatch.StartNew();
            var clock = string.Create(CultureInfo.InvariantCulture, $"{Horizon.ToUnixTimeMilliseconds()};{TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()}");
            var dispatchKills = await RunWorkersAsync("dispatch", cs, rng, kills: 3, clock);
            dispatch.Stop();

            var outbox = await store.ListAsync(null);
            Assert.DoesNotContain(outbox, o => o.State == OutboxState.Pending && o.Message.DueAt <= Horizon);
            var sent = outbox.Where(o => o.State == OutboxState.Sent).Select(o => $"{o.Message.CustomerId.Value}|{o.Message.IdempotencyKey}").ToHashSet(StringComparer.Ordinal);
            var delivered = await Strings(store.DataSource, "SELECT customer_id || '|' || idempotency_key FROM kill_channel_delivered");
            var received = await Count(store.DataSource, "SELECT count(*) FROM kill_channel_received");
            var receivedKeys = await Count(store.DataSource, "SELECT count(DISTINCT (customer_id, idempotency_key)) FROM kill_channel_received");
            Assert.NotEmpty(sent);

            // Every sent entry reached the channel, the channel delivered each key once, and what it delivered is sent.
            Assert.Equal(sent.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
            Assert.Equal(receivedKeys, delivered.Count);

            // Each send is recorded as the customer's contact exactly once (event id "sent:" + key).
            var recorded = await Strings(store.DataSource, $"SELECT customer_id || '|' || substr(event_id, {CareDispatcher.SentEventIdPrefix.Length + 1}) FROM crm_engine_processed_events WHERE event_id LIKE '{CareDispatcher.SentEventIdPrefix}%'");
            Assert.Equal(sent.Order(StringComparer.Ordinal), recorded.Order(StringComparer.Ordinal));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: {events.Count} events, {Customers} customers; drain {drain.Elapsed.TotalSeconds:F1} s ({events.Count / drain.Elapsed.TotalSeconds:F0} events/s) with {drainKills} kills; dispatch {dispatch.Elapsed.TotalSeconds:F1} s with {dispatchKills} kills: {sent.Count} sent, {outbox.Count(o => o.State == OutboxState.Cancelled)} cancelled, {outbox.Count(o => o.State == OutboxState.Pending)} pending after the horizon, channel calls {received} for {delivered.Count} keys; total {total.Elapsed.TotalSeconds:F1} s"));
            Assert.True(drainKills > 0 && dispatchKills > 0, $"the workers finished before any kill (drain {drainKills}, dispatch {dispatchKills}): the run proves nothing");
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    /// <summary>
    /// Runs <see cref="Workers"/> worker processes until they all finish. Up to <paramref name="kills"/> times, after a
    /// random pause, one worker that has reported progress (so it is past start-up and holding claims) is killed with
    /// SIGKILL at a random moment of its work, and a replacement is started.
    /// </summary>
    /// <returns>How many processes were killed.</returns>
    private static async Task<int> RunWorkersAsync(string mode, string connectionString, Random rng, int kills, string? clock = null)
    {
        var progress = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var running = Enumerable.Range(0, Workers).Select(_ => StartWorker(mode, connectionString, clock, progress)).ToList();
        var killed = 0;
        var deadline = Stopwatch.StartNew();
        while (running.Any(p => !p.HasExited))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(20), $"the {mode} workers did not finish in 20 minutes");
            await Task.Delay(TimeSpan.FromMilliseconds(500 + rng.Next(3_000)));
            foreach (var done in running.Where(p => p.HasExited).ToList())
            {
                Assert.True(done.ExitCode == 0, $"a {mode} worker failed (exit {done.ExitCode}): {await done.StandardError.ReadToEndAsync()}");
                running.Remove(done);
            }

            var working = running.Where(p => progress.GetValueOrDefault(p.Id) > 0).ToList();
            if (killed < kills && working.Count > 0)
            {
                var victim = working[rng.Next(working.Count)];
                await Task.Delay(rng.Next(1_500)); // somewhere inside its current claim
                if (victim.HasExited)
                {
                    continue;
                }

                victim.Kill(); // SIGKILL on Unix: no finally blocks, no connection close messages
                await victim.WaitForExitAsync();
                running.Remove(victim);
                running.Add(StartWorker(mode, connectionString, clock, progress));
                killed++;
            }
        }

        foreach (var p in running)
        {
            Assert.True(p.ExitCode == 0, $"a {mode} worker failed (exit {p.ExitCode}): {await p.StandardError.ReadToEndAsync()}");
        }

        return killed;
    }

    private static Process StartWorker(string mode, string connectionString, string? clock, System.Collections.Concurrent.ConcurrentDictionary<int, int> progress)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(WorkerPath());
        start.ArgumentList.Add(mode);
        start.Environment[EnginePostgres.Variable] = connectionString;
        if (clock is not null)
        {
            start.Environment["CRMKIT_KILL_CLOCK"] = clock;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var id = process.Id;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                progress.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
        };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>The worker built beside this test project, in the same configuration (bin/Debug or bin/Release).</summary>
    private static string WorkerPath()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var tests = configuration.Parent!.Parent!.Parent!;
        var path = Path.Combine(tests.FullName, "CrmKit.Engine.KillTestWorker", "bin", configuration.Name, tfm.Name, "CrmKit.Engine.KillTestWorker.dll");
        Assert.True(File.Exists(path), $"The worker is not built at {path}.");
        return path;
    }

    /// <summary>
    /// For each of 10,000 customers, 10 events within 36 hours (starting at a random point of the 12 days from
    /// <see cref="Start"/>): orders and inbound Zalo messages in random mix, interleaved across customers at random
    /// (each customer's own events in time order) — the order the inbox receives and the reference handles them in.
    /// Both kinds leave a trace that a repeat or a swap changes (<see cref="TheReference_SeesARepeatAndASwap"/>).
    /// </summary>
    private static List<CareEvent> Generate(Random rng, int customers)
    {
        var queues = new List<Queue<CareEvent>>();
        for (var c = 0; c < customers; c++)
        {
            var id = new CustomerId(string.Create(CultureInfo.InvariantCulture, $"K{c:D5}"));
            var first = Start + Duration.FromMinutes(rng.Next(12 * 24 * 60));
            var minutes = Enumerable.Range(0, EventsPerCustomer).Select(_ => rng.Next(36 * 60)).Order().ToList();
            var queue = new Queue<CareEvent>();
            for (var k = 0; k < EventsPerCustomer; k++)
            {
                var at = first + Duration.FromMinutes(minutes[k]) + Duration.FromSeconds(k);
                var eventId = string.Create(CultureInfo.InvariantCulture, $"{id.Value}-{k}");
                if (k == 0 || rng.Next(10) < 6)
                {
                    var order = new Order { Id = new(eventId), CustomerId = id, PlacedAt = at, Total = Money.Vnd(100_000 * (1 + rng.Next(50))), Status = OrderStatus.Completed };
                    queue.Enqueue(new OrderPlacedEvent(order) { EventId = eventId, CustomerId = id, At = at });
                }
                else
                {
                    queue.Enqueue(new ContactMadeEvent(ContactChannel.Zalo, ContactPurpose.Transactional, InteractionDirection.Inbound) { EventId = eventId, CustomerId = id, At = at });
                }
            }

            queues.Add(queue);
        }

        var events = new List<CareEvent>(customers * EventsPerCustomer);
        while (queues.Count > 0)
        {
            var i = rng.Next(queues.Count);
            events.Add(queues[i].Dequeue());
            if (queues[i].Count == 0)
            {
                queues[i] = queues[^1];
                queues.RemoveAt(queues.Count - 1);
            }
        }

        return events;
    }

    /// <summary>The engine's state after handling <paramref name="events"/> in memory, as JSON, per customer.</summary>
    private static async Task<Dictionary<string, string>> ReferenceStates(IEnumerable<CareEvent> events)
    {
        var reference = new InMemoryEngineStore();
        var engine = new CareEngine(new CareEngineOptions(), reference);
        foreach (var e in events)
        {
            await engine.HandleAsync(e);
        }

        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var state in reference.StatesAsync())
        {
            states[state.CustomerId.Value] = CrmKitJson.Serialize(state);
        }

        return states;
    }

    private static string Describe(OutboxRecord r)
        => string.Create(CultureInfo.InvariantCulture, $"{r.Message.CustomerId.Value}|{r.Message.IdempotencyKey}|{r.Message.Channel}|{r.Message.Purpose}|{r.Message.Template}|{PostgresEngineStore.Micros(r.Message.DueAt)}|{r.Message.JourneyId}|{r.Message.InstanceId}|{r.State}|{r.Verdict}|{r.Reason}|{PostgresEngineStore.Micros(r.QueuedAt)}");

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Count(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> Strings(NpgsqlDataSource dataSource, string sql)
    {
        var values = new List<string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
