namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="PostgresEngineStore"/> on a
/// Citus cluster, the engine's tables laid out by <see cref="EngineCitusLayout.Sql"/>. Skipped with the reason
/// when no cluster is reachable.
/// </summary>
public sealed class CitusEngineStoreConformanceTests : EngineStoreConformance, IDisposable
{
    private readonly List<(PostgresEngineStore Store, string ConnectionString)> _created = [];

    protected override IEngineStore CreateStore()
    {
        Skip.If(EngineCitus.ConnectionString is null, EngineCitus.MissingReason);
        var store = EngineCitus.CreateStore(out var connectionString);
        _created.Add((store, connectionString));
        return store;
    }

    public void Dispose()
    {
        foreach (var (store, connectionString) in _created)
        {
            store.Dispose();
            EngineCitus.DropSchema(connectionString);
        }
    }
}
