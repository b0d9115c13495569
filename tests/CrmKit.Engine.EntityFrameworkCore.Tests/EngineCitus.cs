namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The engine store on the Citus cluster (<see cref="CitusCluster"/>): each store gets a schema of its own on the
/// coordinator, migrated by <see cref="EngineSchema.MigrateAsync"/> and then laid out by <see cref="EngineCitusLayout.Sql"/>
/// — per-customer tables distributed by customer id and co-located, the tables claimed across customers on the
/// coordinator — with 8 shards per table (4 on each worker).
/// </summary>
internal static class EngineCitus
{
    public const string MissingReason = CitusCluster.MissingReason;

    public static string? ConnectionString => CitusCluster.ConnectionString;

    /// <summary>A migrated, distributed store in a fresh schema on the cluster.</summary>
    public static PostgresEngineStore CreateStore(out string connectionString, string? options = null)
    {
        connectionString = CitusCluster.CreateSchema("crm_c", 8, options);
        var store = new PostgresEngineStore(connectionString);
        EngineSchema.MigrateAsync(store.DataSource).GetAwaiter().GetResult();
        using var layout = store.DataSource.CreateCommand(EngineCitusLayout.Sql);
        layout.ExecuteNonQuery();
        return store;
    }

    public static void DropSchema(string connectionString) => CitusCluster.DropSchema(connectionString);
}
