using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>
/// The Citus cluster the distributed-schema tests use: the connection string of its coordinator in
/// <c>CRMKIT_TEST_CITUS</c> (set by <c>.ci/citus start</c>, which <c>.ci/run</c> calls). Each test gets a schema of its
/// own on the coordinator (Citus propagates schemas, not databases, to the workers), with CrmKit's tables created and
/// laid out by <see cref="CitusLayout"/> in 8 shards per table (4 on each of the two workers).
/// </summary>
internal static class Citus
{
    public const int ShardCount = 8;

    public const string MissingReason = "No Citus cluster: set CRMKIT_TEST_CITUS to an Npgsql connection string of a Citus coordinator with registered workers (.ci/citus start does) to run the distributed-schema tests.";

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

    /// <summary>Creates a schema with CrmKit's tables distributed on the cluster and returns a connection string that uses it.</summary>
    public static string CreateDatabase(string? options = null)
    {
        var server = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var schema = "crmkit_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            create.ExecuteNonQuery();
        }

        var database = new NpgsqlConnectionStringBuilder(server)
        {
            SearchPath = schema,
            Options = $"-c citus.shard_count={ShardCount} {options}".TrimEnd(),
        }.ConnectionString;
        using var db = Postgres.Context(database);

        // EnsureCreated would see the other tests' tables on the server and create nothing: run the model's script.
        db.Database.ExecuteSqlRaw(db.Database.GenerateCreateScript());
        CitusLayout.DistributeAsync(db).GetAwaiter().GetResult();
        return database;
    }

    /// <summary>Drops a schema made by <see cref="CreateDatabase"/>, with its shards on the workers.</summary>
    public static void Drop(string database)
    {
        var schema = new NpgsqlConnectionStringBuilder(database).SearchPath;
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
