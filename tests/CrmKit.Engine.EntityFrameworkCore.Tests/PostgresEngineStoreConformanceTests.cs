namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The store conformance suite (<see cref="EngineStoreConformance"/>) against <see cref="PostgresEngineStore"/>,
/// exactly as <c>InMemoryEngineStoreConformanceTests</c> runs it: each test gets a fresh migrated schema. Without a
/// server every test is skipped with the reason (the suite's facts are <c>[SkippableFact]</c>).
/// </summary>
public sealed class PostgresEngineStoreConformanceTests : SchemaStoreConformance
{
    protected override string? MissingReason => EnginePostgres.ConnectionString is null ? EnginePostgres.MissingReason : null;

    protected override PostgresEngineStore Create(out string connectionString) => EnginePostgres.CreateStore(out connectionString);

    protected override void Drop(string connectionString) => EnginePostgres.DropSchema(connectionString);
}
