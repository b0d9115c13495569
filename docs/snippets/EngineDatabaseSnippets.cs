using CrmKit.Engine;
using CrmKit.Engine.EntityFrameworkCore;

namespace CrmKit.Docs.Snippets;

/// <summary>docs/database.md: the engine on PostgreSQL (compiled; run by the engine store tests, not here: they need a server).</summary>
public static class EngineDatabaseSnippets
{
    /// <summary>A worker process: migrate, then drain the inbox until <paramref name="ct"/> stops it.</summary>
    public static async Task Worker(string connectionString, CancellationToken ct)
    {
        #region engine-postgres-worker
        await using var store = new PostgresEngineStore(connectionString);
        await EngineSchema.MigrateAsync(store.DataSource, ct);          // applies the missing scripts, once, under a lock
        var engine = new CareEngine(new CareEngineOptions(), store);
        var inbox = new EngineInbox(store.DataSource);
        while (!ct.IsCancellationRequested)
        {
            // Claims up to 32 customers nobody holds, hands each one's events to the engine in order, releases them.
            if (await inbox.DrainAsync(engine, ct: ct) == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
        #endregion
    }

    /// <summary>A producer: events go to the inbox, not to an engine.</summary>
    public static async Task Produce(EngineInbox inbox, IReadOnlyList<CareEvent> events)
    {
        #region engine-postgres-enqueue
        await inbox.EnqueueAsync(events);                                // one transaction; per customer, in this order
        #endregion
    }
}
