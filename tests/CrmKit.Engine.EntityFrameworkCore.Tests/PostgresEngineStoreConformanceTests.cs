namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="PostgresEngineStore"/>,
/// exactly as <c>InMemoryEngineStoreConformanceTests</c> runs it: each test gets a fresh migrated schema. Without a
/// server every test is skipped with the reason (the suite's facts are <c>[SkippableFact]</c>).
/// </summary>
public sealed class PostgresEngineStoreConformanceTests : EngineStoreConformance, IDisposable
{
    private readonly List<(PostgresEngineStore Store, string ConnectionString)> _created = [];

    protected override IEngineStore CreateStore()
    {
        Skip.If(EnginePostgres.ConnectionString is null, EnginePostgres.MissingReason);
        var store = EnginePostgres.CreateStore(out var connectionString);
        _created.Add((store, connectionString));
        return store;
    }

    public void Dispose()
    {
        foreach (var (store, connectionString) in _created)
        {
            store.Dispose();
            EnginePostgres.DropSchema(connectionString);
        }
    }
}
