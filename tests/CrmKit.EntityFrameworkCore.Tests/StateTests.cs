using System.Collections.Concurrent;
using CrmKit.Clv.Summaries;
using CrmKit.Customers.Store;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>RFM summaries in SQL, snapshots under concurrent writers, and the outbox under concurrent workers.</summary>
public sealed class StateTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 1, 0);

    [PostgresProperty(MaxTest = 15)]
    public Property RfmSummary_InPostgres_EqualsTheBuilder() => RfmSummaryAgrees(Postgres.CreateDatabase, DropDatabase);

    /// <summary>The RFM summary aggregated in SQL and streamed from the database equal the builder's (one node and Citus).</summary>
    internal static Property RfmSummaryAgrees(Func<string> create, Action<string> drop)
        => Prop.ForAll(Generators.Customers(30).ToArbitrary(), Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month).ToArbitrary(), (generated, unit) =>
        {
            var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
            var customers = generated.Select(c => c with { TimeZone = null }).ToArray(); // the SQL dates every order in the shop's zone
            var options = new RfmOptions { ObservationEnd = new LocalDate(2026, 6, 30), CalibrationEnd = new LocalDate(2025, 12, 31), Unit = unit };
            var database = create();
            using var db = Postgres.Context(database);
            db.Customers.AddRange(customers.Select(c => CustomerRecord.From(c, zone)));
            db.SaveChanges();

            var expected = RfmSummaryBuilder.FromCustomers(customers, zone, options);
            var actual = RfmSql.SummaryAsync(db, options, zone).GetAwaiter().GetResult();
            var streamed = RfmSql.SummaryStreamedAsync(db, options, zone).GetAwaiter().GetResult();
            drop(database);
            return Same(expected, actual).Label($"in SQL: {expected.Count} vs {actual.Count} customers")
                .And(Same(expected, streamed)).Label($"streamed: {expected.Count} vs {streamed.Count} customers");
        });

    private static bool Same(RfmSummary expected, RfmSummary actual)
        => expected.CustomerIds.SequenceEqual(actual.CustomerIds)
                && expected.Frequency.SequenceEqual(actual.Frequency)
                && Close(expected.Recency, actual.Recency) && Close(expected.Age, actual.Age)
                && Close(expected.MonetaryValue, actual.MonetaryValue)
                && expected.FrequencyHoldout.SequenceEqual(actual.FrequencyHoldout)
                && Close(expected.MonetaryValueHoldout, actual.MonetaryValueHoldout)
                && expected.HoldoutDuration == actual.HoldoutDuration;

    [PostgresFact]
    public async Task Snapshot_StaleWrite_IsRejectedAndNothingOverwritten()
    {
        using var db = Postgres.Context(Postgres.CreateDatabase());
        var store = new ProcessSnapshotStore(db);
        var snapshot = Start("KH1/after-sale");
        await store.AddAsync(new CustomerId("KH1"), snapshot);
        await store.ReplaceAsync(new CustomerId("KH1"), snapshot.WithData("note", ProcessValue.Of("first")), 1);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.ReplaceAsync(new CustomerId("KH1"), snapshot.WithData("note", ProcessValue.Of("stale")), 1));

        Assert.Equal("Process instance 'KH1/after-sale' was changed concurrently: expected version 1, found 2. Read it again and retry the change.", ex.Message);
        var stored = (await store.FindAsync(new CustomerId("KH1"), "KH1/after-sale"))!.Value;
        Assert.Equal(2, stored.Version);
        Assert.Equal(ProcessValue.Of("first"), stored.Value.Data["note"]);
    }

    [PostgresFact]
    public Task Outbox_EightWorkersOneKilled_CompleteEveryActionExactlyOnce() => OutboxSurvivesAKilledWorker(Postgres.CreateDatabase(), 100_000);

    /// <summary>8 workers drain the outbox while one dies holding claims; every action is completed once (one node and Citus).</summary>
    internal static async Task OutboxSurvivesAKilledWorker(string database, int actions)
    {
        var items = Enumerable.Range(0, actions).Select(i => new AgendaItem(
            new CustomerId($"KH{i % 5000:D5}"), "after-sale", $"day-{i / 5000}", new CareAction(ContactChannel.Zalo, ContactPurpose.Transactional, "thank-you"),
            T0.Minus(Duration.FromMinutes(i % 600)), null, AgendaStatus.Due, null, $"KH{i % 5000:D5}/after-sale/day-{i / 5000}/2026-11-02")).ToList();
        using (var db = Postgres.Context(database))
        {
            var outbox = new CareOutbox(db);
            Assert.Equal(actions, await outbox.EnqueueAsync(items));
            Assert.Equal(0, await outbox.EnqueueAsync(items.Take(1000))); // enqueueing again adds nothing
        }

        var completed = new ConcurrentBag<string>();
        var claims = new ConcurrentBag<(string Worker, string Key)>();
        var lease = Duration.FromMinutes(5);

        async Task Work(string worker, Instant now, bool dieAfterFirstClaims)
        {
            using var db = Postgres.Context(database);
            var outbox = new CareOutbox(db);
            for (var round = 0; ; round++)
            {
                var batch = await outbox.ClaimAsync(worker, 200, lease, now);
                if (batch.IsEmpty)
                {
                    return;
                }

                foreach (var action in batch)
                {
                    claims.Add((worker, action.IdempotencyKey));
                }

                if (dieAfterFirstClaims && round == 3)
                {
                    return; // killed while holding 200 claimed, unsent actions
                }

                foreach (var action in batch)
                {
                    if (await outbox.CompleteAsync(action, worker, now))
                    {
                        completed.Add(action.IdempotencyKey);
                    }
                }
            }
        }

        // First run: 8 workers at once; worker 7 dies mid-way.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() => Work($"w{w}", T0, dieAfterFirstClaims: w == 7))));
        var stranded = claims.Where(c => c.Worker == "w7").Select(c => c.Key).Except(completed).ToHashSet();
        Assert.InRange(stranded.Count, 1, 200);
        Assert.Equal(claims.Count, claims.Select(c => c.Key).Distinct().Count()); // no action handed to two workers while its claim held
        using (var db = Postgres.Context(database))
        {
            Assert.Equal(stranded.Count, await new CareOutbox(db).PendingAsync());
        }

        // Recovery: after the dead worker's lease expires, the survivors take its actions.
        await Task.WhenAll(Enumerable.Range(0, 7).Select(w => Task.Run(() => Work($"w{w}", T0 + lease + Duration.FromSeconds(1), dieAfterFirstClaims: false))));

        Assert.Equal(actions, completed.Count);
        Assert.Equal(actions, completed.Distinct().Count());
        using var verify = Postgres.Context(database);
        Assert.Equal(0, await new CareOutbox(verify).PendingAsync());
        Assert.Equal(stranded.Count, await verify.Outbox.CountAsync(a => a.Attempts == 2));
        var strandedKeys = stranded.ToArray();
        Assert.False(await verify.Outbox.AnyAsync(a => strandedKeys.Contains(a.IdempotencyKey) && a.ClaimedBy == "w7"), "the dead worker's actions went to survivors");
        Assert.Equal(actions, await verify.Outbox.CountAsync(a => a.DoneAt != null));
    }

    private static ProcessSnapshot Start(string instanceId)
        => BuiltInProcesses.All.Single(p => p.Id == "after-sale").Start(instanceId, T0).Snapshot;

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

    private static void DropDatabase(string connectionString)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var connection = new Npgsql.NpgsqlConnection(Postgres.ConnectionString);
        connection.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
