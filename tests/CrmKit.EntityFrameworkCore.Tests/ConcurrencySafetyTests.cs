using CrmKit.Customers.Store;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>Issue 18, item 12: failures and races in the PostgreSQL stores.</summary>
public sealed class ConcurrencySafetyTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 2, 1, 0);

    private static ProcessSnapshot Start(string instanceId)
        => BuiltInProcesses.All.Single(p => p.Id == "after-sale").Start(instanceId, T0).Snapshot;

    [PostgresFact]
    public async Task Snapshot_FailedAdd_DoesNotPoisonTheContext()
    {
        // A duplicate instance left its entity tracked: every later SaveChanges retried it and failed with the
        // previous key's error. Repeated: each failure must leave the context clean for the next add.
        using var db = Postgres.Context(Postgres.CreateDatabase());
        var store = new ProcessSnapshotStore(db);
        await store.AddAsync(new CustomerId("KH1"), Start("KH1/after-sale"));
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<DbUpdateException>(async () => await store.AddAsync(new CustomerId("KH1"), Start("KH1/after-sale")));
            Assert.Empty(db.ChangeTracker.Entries());
            var added = await store.AddAsync(new CustomerId($"KH{i + 2}"), Start($"KH{i + 2}/after-sale"));
            Assert.Equal(1, added.Version);
        }

        Assert.Equal(6, await db.ProcessSnapshots.CountAsync());
    }

    [PostgresFact]
    public async Task Snapshot_EightWritersWithTheDefaultAttempts_LoseNoUpdateAndNeverGiveUp()
    {
        // Issue 18: with 8 writers UpdateAsync gave up after its 100 attempts (the test this one replaces needed maxAttempts:
        // 1000). After a conflict a writer now waits a random time under an exponentially growing cap (full
        // jitter), so the writers spread out instead of colliding again. Repeated to meet the race.
        for (var round = 0; round < 3; round++)
        {
            var database = Postgres.CreateDatabase();
            using (var db = Postgres.Context(database))
            {
                await new ProcessSnapshotStore(db).AddAsync(new CustomerId("KH2"), Start("KH2/after-sale").WithData("count", ProcessValue.Of(0m)));
            }

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                using var db = Postgres.Context(database);
                var store = new ProcessSnapshotStore(db);
                for (var i = 0; i < 40; i++)
                {
                    await store.UpdateAsync(new CustomerId("KH2"), "KH2/after-sale", s => s.WithData("count", ProcessValue.Of(s.Data["count"].Number + 1)));
                }
            })));

            using var check = Postgres.Context(database);
            var final = (await new ProcessSnapshotStore(check).FindAsync(new CustomerId("KH2"), "KH2/after-sale"))!.Value;
            Assert.Equal(320m, final.Value.Data["count"].Number);
            Assert.Equal(321, final.Version);
        }
    }

    [PostgresFact]
    public async Task Outbox_ClaimWithAZeroOrNegativeLease_IsRefused()
    {
        // A lease that ends before it starts handed the same actions to two workers.
        using var db = Postgres.Context(Postgres.CreateDatabase());
        var outbox = new CareOutbox(db);
        foreach (var lease in new[] { Duration.Zero, Duration.FromSeconds(-30), Duration.FromDays(-1) })
        {
            var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await outbox.ClaimAsync("w1", 10, lease, T0));
            Assert.Equal("lease", ex.ParamName);
        }
    }
}
