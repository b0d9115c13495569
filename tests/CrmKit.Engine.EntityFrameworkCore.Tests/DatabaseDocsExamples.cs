namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The code blocks of docs/database.md's engine section, compiled here (the docs snippets project cannot reference
/// this package: its EF Core dependencies lift Microsoft.Extensions.* above the versions the snippets pin).
/// </summary>
internal static class DatabaseDocsExamples
{
    public static async Task Worker(string connectionString, CancellationToken ct)
    {
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
    }

    public static async Task Produce(EngineInbox inbox, IReadOnlyList<CareEvent> events)
        => await inbox.EnqueueAsync(events);                              // one transaction; per customer, in this order
}
