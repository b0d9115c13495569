using Npgsql;

namespace CrmKit.Testing;

/// <summary>
/// The Citus cluster the distributed tests use (compiled into each database test project): the connection string of
/// its coordinator in <c>CRMKIT_TEST_CITUS</c> (set by <c>.ci/citus start</c>, which <c>.ci/run</c> calls), usable when
/// it answers and has at least one worker. Each test works in a schema of its own: Citus propagates schemas, not
/// databases, to the workers.
/// </summary>
internal static class CitusCluster
{
    public const string Variable = "CRMKIT_TEST_CITUS";

    public const string MissingReason = "No Citus cluster: set CRMKIT_TEST_CITUS to an Npgsql connection string of a Citus coordinator with registered workers (.ci/citus start does) to run the distributed tests.";

    private static readonly Lazy<string?> Server = new(() =>
    {
        var text = Environment.GetEnvironmentVariable(Variable);
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

    /// <summary>The coordinator's connection string, or <see langword="null"/> when no usable cluster is reachable.</summary>
    public static string? ConnectionString => Server.Value;

    /// <summary>
    /// Creates an empty schema on the coordinator and returns a connection string whose search path is it, with
    /// <paramref name="shardCount"/> shards per table it distributes and any further server <paramref name="options"/>.
    /// </summary>
    public static string CreateSchema(string prefix, int shardCount, string? options = null)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var schema = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Options = $"-c citus.shard_count={shardCount} {options}".TrimEnd() }.ConnectionString;
    }

    /// <summary>Drops the schema a <see cref="CreateSchema"/> connection string names, with its shards on the workers.</summary>
    public static void DropSchema(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
