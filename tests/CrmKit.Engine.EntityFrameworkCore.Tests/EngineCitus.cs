using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The Citus cluster (<c>CRMKIT_TEST_CITUS</c>, set by <c>.ci/citus start</c>) for the engine store: each store gets a
/// schema of its own on the coordinator, migrated by <see cref="EngineSchema.MigrateAsync"/> and then laid out by
/// <see cref="EngineCitusLayout.Sql"/> — per-customer tables distributed by customer id and co-located, the
/// tables claimed across customers on the coordinator — with 8 shards per table (4 on each worker).
/// </summary>
internal static class EngineCitus
{
    public const string MissingReason = "No Citus cluster: set CRMKIT_TEST_CITUS to an Npgsql connection string of a Citus coordinator with registered workers (.ci/citus start does) to run the engine store on Citus.";

    private static readonly Lazy<string?> Server = new(() =>
    {
        var text = Environment.GetEnvironmentVariable("CRMKIT_TEST_CITUS");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var connection = new NpgsqlConnection(text);
            connection.Open();
            using var workers = new NpgsqlCommand("SELECT count(*) FROM citus_get_active_worker_nodes()", connection);
            return (long)workers.ExecuteScalar()! >= 1 ? text : null;
        }
        catch (NpgsqlException)
        {
            return null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    });

    public static string? ConnectionString => Server.Value;

    /// <summary>A migrated, distributed store in a fresh schema on the cluster.</summary>
    public static PostgresEngineStore CreateStore(out string connectionString, string? options = null)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var schema = "crm_c_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }

        connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Options = $"-c citus.shard_count=8 {options}".TrimEnd() }.ConnectionString;
        var store = new PostgresEngineStore(connectionString);
        EngineSchema.MigrateAsync(store.DataSource).GetAwaiter().GetResult();
        using var layout = store.DataSource.CreateCommand(EngineCitusLayout.Sql);
        layout.ExecuteNonQuery();
        return store;
    }

    public static void DropSchema(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
