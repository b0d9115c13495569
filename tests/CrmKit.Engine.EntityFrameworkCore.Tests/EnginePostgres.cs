using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The PostgreSQL server the engine-store tests, the conformance suite and the multi-process kill test use: the
/// connection string in <c>CRMKIT_ENGINE_POSTGRES</c> if set (point it at a Citus coordinator to run them on a
/// cluster), else <c>CRMKIT_TEST_POSTGRES</c> (set by <c>.ci/postgres start</c>). Each store gets a schema of its own
/// (<c>Search Path</c>), so the tests need no CREATE DATABASE (which a Citus cluster does not propagate by default).
/// </summary>
internal static class EnginePostgres
{
    public const string Variable = "CRMKIT_ENGINE_POSTGRES";

    public const string MissingReason = "No PostgreSQL server: set CRMKIT_ENGINE_POSTGRES or CRMKIT_TEST_POSTGRES to an Npgsql connection string (.ci/postgres start sets the latter) to run the engine store tests.";

    private static readonly Lazy<string?> Server = new(() => PostgresServer.Find(NpgsqlFactory.Instance, Variable, "CRMKIT_TEST_POSTGRES"));

    public static string? ConnectionString => Server.Value;

    /// <summary>Creates an empty schema and returns a connection string whose search path is it (not migrated).</summary>
    public static string CreateSchema(string prefix = "crm_t")
    {
        var server = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ConnectionString;
    }

    /// <summary>Drops the schema a <see cref="CreateSchema"/> connection string names.</summary>
    public static void DropSchema(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>A migrated store in a fresh schema (laid out by <see cref="EngineCitusLayout"/> when the server is a Citus coordinator).</summary>
    public static PostgresEngineStore CreateStore(out string connectionString)
    {
        connectionString = CreateSchema();
        var store = new PostgresEngineStore(connectionString);
        EngineSchema.MigrateAsync(store.DataSource).GetAwaiter().GetResult();
        LayOutIfCitusAsync(store.DataSource).GetAwaiter().GetResult();
        return store;
    }

    /// <summary>
    /// On a Citus coordinator (<c>CRMKIT_ENGINE_POSTGRES</c> pointing at one), distributes the migrated schema's tables with
    /// <see cref="EngineCitusLayout.Sql"/>, so the tests run on the distributed layout; on plain PostgreSQL, nothing.
    /// </summary>
    public static async Task LayOutIfCitusAsync(NpgsqlDataSource dataSource)
    {
        await using var citus = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')");
        if ((bool)(await citus.ExecuteScalarAsync())!)
        {
            await using var layout = dataSource.CreateCommand(EngineCitusLayout.Sql);
            await layout.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A fact that needs a PostgreSQL server; skipped, with the reason shown, when none is reachable.</summary>
public sealed class EnginePostgresFactAttribute : FactAttribute
{
    public EnginePostgresFactAttribute()
    {
        if (EnginePostgres.ConnectionString is null)
        {
            Skip = EnginePostgres.MissingReason;
        }
    }
}
