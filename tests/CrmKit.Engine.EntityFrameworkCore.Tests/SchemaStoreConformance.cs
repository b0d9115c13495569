namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="PostgresEngineStore"/> with a
/// fresh schema per test, on whichever server the derived class names; every test is skipped with the reason when that
/// server is absent. Schemas are dropped when the test class is disposed.
/// </summary>
public abstract class SchemaStoreConformance : EngineStoreConformance, IDisposable
{
    private readonly List<(PostgresEngineStore Store, string ConnectionString)> _created = [];

    /// <summary>Why the server is unusable, or <see langword="null"/> when it is there.</summary>
    protected abstract string? MissingReason { get; }

    /// <summary>A migrated store in a fresh schema, and its connection string.</summary>
    protected abstract PostgresEngineStore Create(out string connectionString);

    /// <summary>Drops the schema of a store <see cref="Create"/> made.</summary>
    protected abstract void Drop(string connectionString);

    protected sealed override IEngineStore CreateStore()
    {
        Skip.If(MissingReason is not null, MissingReason);
        var store = Create(out var connectionString);
        _created.Add((store, connectionString));
        return store;
    }

    public void Dispose()
    {
        foreach (var (store, connectionString) in _created)
        {
            store.Dispose();
            Drop(connectionString);
        }

        GC.SuppressFinalize(this);
    }
}
