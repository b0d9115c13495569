using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>
/// CrmKit's schema on the Citus cluster (<see cref="CitusCluster"/>): each test gets a schema of its own with CrmKit's
/// tables created and laid out by <see cref="CitusLayout"/>, 8 shards per table (4 on each of the two workers).
/// </summary>
internal static class Citus
{
    public const int ShardCount = 8;

    public const string MissingReason = CitusCluster.MissingReason;

    public static string? ConnectionString => CitusCluster.ConnectionString;

    /// <summary>Creates a schema with CrmKit's tables distributed on the cluster and returns a connection string that uses it.</summary>
    public static string CreateDatabase(string? options = null)
    {
        var database = CitusCluster.CreateSchema("crmkit", ShardCount, options);
        using var db = Postgres.Context(database);

        // EnsureCreated would see the other tests' tables on the server and create nothing: run the model's script.
        db.Database.ExecuteSqlRaw(db.Database.GenerateCreateScript());
        CitusLayout.DistributeAsync(db).GetAwaiter().GetResult();
        return database;
    }

    /// <summary>Drops a schema made by <see cref="CreateDatabase"/>, with its shards on the workers.</summary>
    public static void Drop(string database) => CitusCluster.DropSchema(database);
}
