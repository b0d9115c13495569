using CrmKit.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore.Tests;

/// <summary>
/// The versioned schema scripts: numbered 1..N without gaps, applied once each (also by several processes at once),
/// upgrading a database created by <c>CrmKit.EntityFrameworkCore</c>'s <c>EnsureCreated</c> (the previous schema) and
/// one at version 1 with data, to the same tables a fresh database gets.
/// </summary>
public sealed class EngineSchemaTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 2, 0);

    [Fact]
    public void Migrations_AreNumberedFromOne_WithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, EngineSchema.Migrations.Length), EngineSchema.Migrations.Select(m => m.Version));
        Assert.Equal(["engine_store", "engine_inbox"], EngineSchema.Migrations.Select(m => m.Name));
        Assert.Equal(2, EngineSchema.CurrentVersion);
        Assert.All(EngineSchema.Migrations, m => Assert.Contains("CREATE TABLE", m.Sql, StringComparison.Ordinal));
    }

    [EnginePostgresFact]
    public async Task MigrateAsync_UpgradesTheEnsureCreatedSchema_KeepingItsRows()
    {
        var cs = EnginePostgres.CreateSchema();
        try
        {
            // The previous schema: CrmKit.EntityFrameworkCore's tables as EnsureCreated makes them, with a row.
            using (var db = new CrmKitDbContext(new DbContextOptionsBuilder<CrmKitDbContext>().UseNpgsql(cs, o => o.UseNodaTime()).Options))
            {
                db.GetService<IRelationalDatabaseCreator>().CreateTables();
                db.Database.ExecuteSqlRaw("INSERT INTO crm_outbox (idempotency_key, customer_id, channel, template, send_at, payload, attempts) VALUES ('old-key', 'C1', 0, 'old', now(), jsonb_build_object(), 0)");
            }

            using var store = new PostgresEngineStore(cs);
            Assert.Equal(0, await EngineSchema.VersionAsync(store.DataSource));
            Assert.Equal("1,2", string.Join(",", await EngineSchema.MigrateAsync(store.DataSource)));
            Assert.Equal(2, await EngineSchema.VersionAsync(store.DataSource));
            Assert.Equal("old-key", await Scalar(store.DataSource, "SELECT idempotency_key FROM crm_outbox"));
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(new CustomerId("C1"))));
            Assert.Equal(await Columns(cs), await FreshColumns());
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    [EnginePostgresFact]
    public async Task MigrateAsync_FromVersionOne_KeepsTheEngineRows_AndAddsTheInbox()
    {
        var cs = EnginePostgres.CreateSchema();
        try
        {
            using var store = new PostgresEngineStore(cs);
            Assert.Equal("1", string.Join(",", await EngineSchema.MigrateToAsync(store.DataSource, 1, default)));
            Assert.Null(await Scalar(store.DataSource, "SELECT to_regclass('crm_engine_inbox')::text"));
            Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(Commit(new CustomerId("C1"))));

            Assert.Equal("2", string.Join(",", await EngineSchema.MigrateAsync(store.DataSource)));
            Assert.Empty((await EngineSchema.MigrateAsync(store.DataSource)).ToArray());
            Assert.Equal(1L, (await store.LoadAsync(new CustomerId("C1"))).Version);
            Assert.True(await store.IsProcessedAsync(new CustomerId("C1"), "e1"));
            Assert.Equal(await Columns(cs), await FreshColumns());
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    [EnginePostgresFact]
    public async Task MigrateAsync_FromSeveralProcessesAtOnce_AppliesEachScriptOnce()
    {
        var cs = EnginePostgres.CreateSchema();
        try
        {
            var stores = Enumerable.Range(0, 4).Select(_ => new PostgresEngineStore(cs)).ToList();
            var applied = await Task.WhenAll(stores.Select(s => Task.Run(() => EngineSchema.MigrateAsync(s.DataSource))));
            Assert.Equal([1, 2], applied.SelectMany(a => a).Order());
            Assert.Equal(2L, await Scalar(stores[0].DataSource, $"SELECT count(*) FROM {EngineSchema.HistoryTable}"));
            stores.ForEach(s => s.Dispose());
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    [EnginePostgresFact]
    public async Task MigrateAsync_ADatabaseFromANewerCrmKit_IsRefused()
    {
        var cs = EnginePostgres.CreateSchema();
        try
        {
            using var store = new PostgresEngineStore(cs);
            await EngineSchema.MigrateAsync(store.DataSource);
            await Scalar(store.DataSource, $"INSERT INTO {EngineSchema.HistoryTable} VALUES (3, 'future', now()) RETURNING version");
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => EngineSchema.MigrateAsync(store.DataSource));
            Assert.Equal("The database's engine schema is at version 3, newer than this CrmKit.Engine.EntityFrameworkCore knows (up to 2); upgrade the package before running it against this database.", e.Message);
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }

    private static EngineCommit Commit(CustomerId id)
        => new(id, 0, "e1", new CustomerState { CustomerId = id, Clock = At, NextDue = At }, [], [], [], At);

    private static async Task<object?> Scalar(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>The engine tables' columns and indexes in a schema, as text to compare.</summary>
    private static async Task<List<string>> Columns(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rows = new List<string>();
        await using var command = dataSource.CreateCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = $1 AND table_name LIKE 'crm_engine_%'
            UNION ALL
            SELECT tablename || ' ' || replace(indexdef, $1 || '.', '') FROM pg_indexes WHERE schemaname = $1 AND tablename LIKE 'crm_engine_%'
            """);
        command.Parameters.AddWithValue(schema!);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0).Replace(schema!, "S", StringComparison.Ordinal));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> FreshColumns()
    {
        using var store = EnginePostgres.CreateStore(out var cs);
        try
        {
            var columns = await Columns(cs);
            Assert.Contains(columns, c => c.StartsWith("crm_engine_inbox.seq bigint", StringComparison.Ordinal));
            return columns;
        }
        finally
        {
            EnginePostgres.DropSchema(cs);
        }
    }
}
