using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in <c>CRMKIT_TEST_POSTGRES</c> (set by
/// <c>.ci/postgres start</c>, which <c>.ci/run</c> calls). Each test gets a database of its own.
/// </summary>
internal static class Postgres
{
    private static readonly Lazy<string?> Server = new(() => PostgresServer.Find(NpgsqlFactory.Instance, "CRMKIT_TEST_POSTGRES"));

    public const string MissingReason = "No PostgreSQL server: set CRMKIT_TEST_POSTGRES to an Npgsql connection string (.ci/postgres start does) to run the database tests.";

    public static string? ConnectionString => Server.Value;

    /// <summary>Creates an empty database with the CrmKit schema and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(MissingReason);
        var name = "crmkit_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        using var db = Context(database);
        db.Database.EnsureCreated();
        return database;
    }

    /// <summary>
    /// Replaces the customer tables' contents with the records (ids made unique, child rows unique by key), returning
    /// what was stored.
    /// </summary>
    public static CustomerRecord[] Store(string database, CustomerRecord[] generated)
    {
        var records = generated.Select((r, i) =>
        {
            var copy = r.Clone();
            copy.Id = $"c{i:D2}";
            copy.Orders = [.. copy.Orders.Select((o, j) => { o.Id = $"o{j}"; return o; })];
            copy.Attributes = [.. copy.Attributes.DistinctBy(a => a.Name)];
            copy.Consents = [.. copy.Consents.DistinctBy(x => (x.Channel, x.Purpose))];
            return copy;
        }).ToArray();
        using var db = Context(database);
        db.Database.ExecuteSqlRaw("TRUNCATE crm_customers, crm_orders, crm_customer_attributes, crm_customer_consents, crm_segment_memberships");
        db.Customers.AddRange(records.Select(r => r.Clone()));
        db.SaveChanges();
        return records;
    }

    public static CrmKitDbContext Context(string connectionString)
        => new(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql(connectionString, o => o.UseNodaTime()).Options);
}

/// <summary>A fact that needs a PostgreSQL server; skipped, with the reason shown, when none is reachable.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Postgres.ConnectionString is null)
        {
            Skip = Postgres.MissingReason;
        }
    }
}

/// <summary>A property that needs a PostgreSQL server; skipped, with the reason shown, when none is reachable.</summary>
public sealed class PostgresPropertyAttribute : PropertyAttribute
{
    public PostgresPropertyAttribute()
    {
        if (Postgres.ConnectionString is null)
        {
            Skip = Postgres.MissingReason;
        }
    }
}
