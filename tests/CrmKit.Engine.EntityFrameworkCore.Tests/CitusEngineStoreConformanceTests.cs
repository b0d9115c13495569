namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="PostgresEngineStore"/> on a
/// Citus cluster, the engine's tables laid out by <see cref="EngineCitusLayout.Sql"/>. Skipped with the reason when no
/// cluster is reachable.
/// </summary>
public sealed class CitusEngineStoreConformanceTests : SchemaStoreConformance
{
    protected override string? MissingReason => EngineCitus.ConnectionString is null ? EngineCitus.MissingReason : null;

    protected override PostgresEngineStore Create(out string connectionString) => EngineCitus.CreateStore(out connectionString);

    protected override void Drop(string connectionString) => EngineCitus.DropSchema(connectionString);
}
