using System.Collections.Immutable;
using System.Globalization;
using Npgsql;

namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>
/// The engine store's schema as versioned SQL scripts (<c>Migrations/NNNN_name.sql</c>, embedded in the package) and
/// the runner that applies the missing ones. Applied versions are recorded in <c>crm_engine_schema_history</c>; each
/// script runs in its own transaction together with its history row, under a transaction-scoped advisory lock, so
/// several workers starting at once apply every script exactly once. The tables of <c>CrmKit.EntityFrameworkCore</c>
/// (<c>crm_customers</c>, <c>crm_outbox</c>, …) are neither needed nor touched: a database created by its
/// <c>EnsureCreated</c> upgrades by running <see cref="MigrateAsync"/> (docs/database.md).
/// </summary>
public static class EngineSchema
{
    /// <summary>The history table's name.</summary>
    public const string HistoryTable = "crm_engine_schema_history";

    /// <summary>The advisory lock key the runner holds while it migrates (<c>pg_advisory_xact_lock</c>): "CRMKITEN" as a number.</summary>
    public const long AdvisoryLockKey = 0x43524D4B4954454E;

    /// <summary>Every migration, oldest first.</summary>
    public static ImmutableArray<EngineSchemaMigration> Migrations { get; } = Load();

    /// <summary>The version the newest migration brings a database to.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>
    /// Applies every migration newer than the database's version, each in its own transaction with its history row.
    /// Safe to call from several processes at once and on every start (a database already current is left as it is).
    /// </summary>
    /// <param name="dataSource">The database (the search path decides the schema the tables go to).</param>
    /// <param name="ct">Cancels between and inside scripts (a cancelled script's transaction rolls back).</param>
    /// <returns>The versions applied now (empty when the database was current).</returns>
    /// <exception cref="InvalidOperationException">The database records a version newer than this package knows (a newer CrmKit migrated it).</exception>
    public static Task<ImmutableArray<int>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
        => MigrateToAsync(dataSource, CurrentVersion, ct);

    /// <summary>Applies the migrations up to <paramref name="target"/> (the upgrade tests start from an older version).</summary>
    internal static async Task<ImmutableArray<int>> MigrateToAsync(NpgsqlDataSource dataSource, int target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var applied = ImmutableArray.CreateBuilder<int>();
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        // CREATE TABLE IF NOT EXISTS is not atomic across sessions (two at once can fail on the table's row type,
        // 42710, or on pg_type's unique index, 23505), so it runs under the same advisory lock as the scripts.
        var createTx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (createTx.ConfigureAwait(false))
        {
            await LockAsync(connection, createTx, ct).ConfigureAwait(false);
            var create = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {HistoryTable} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)", connection, createTx);
            await using (create.ConfigureAwait(false))
            {
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await createTx.CommitAsync(ct).ConfigureAwait(false);
        }

        foreach (var migration in Migrations.Where(m => m.Version <= target))
        {
            var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var txScope = tx.ConfigureAwait(false);
            await LockAsync(connection, tx, ct).ConfigureAwait(false);

            int current;
            var version = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {HistoryTable}", connection, tx);
            await using (version.ConfigureAwait(false))
            {
                current = Convert.ToInt32(await version.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            if (current > CurrentVersion)
            {
                throw new InvalidOperationException($"The database's engine schema is at version {current}, newer than this CrmKit.Engine.EntityFrameworkCore knows (up to {CurrentVersion}); upgrade the package before running it against this database.");
            }

            if (current >= migration.Version)
            {
                await tx.RollbackAsync(ct).ConfigureAwait(false);
                continue;
            }

            var script = new NpgsqlCommand(migration.Sql, connection, tx);

            await using (script.ConfigureAwait(false))
            {
                await script.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var record = new NpgsqlCommand($"INSERT INTO {HistoryTable} (version, name, applied_at) VALUES (@v, @n, now())", connection, tx);

            await using (record.ConfigureAwait(false))
            {
                record.Parameters.AddWithValue("v", migration.Version);
                record.Parameters.AddWithValue("n", migration.Name);
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        return applied.ToImmutable();
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var @lock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx);
        await using (@lock.ConfigureAwait(false))
        {
            @lock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await @lock.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The database's engine schema version (0 before any migration).</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="ct">Cancels the query.</param>
    public static async Task<int> VersionAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var exists = dataSource.CreateCommand($"SELECT to_regclass('{HistoryTable}') IS NOT NULL");
        await using (exists.ConfigureAwait(false))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return 0;
            }
        }

        var command = dataSource.CreateCommand($"SELECT coalesce(max(version), 0) FROM {HistoryTable}");
        await using var commandScope = command.ConfigureAwait(false);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static ImmutableArray<EngineSchemaMigration> Load()
    {
        const string prefix = "CrmKit.Engine.EntityFrameworkCore.Migrations.";
        var assembly = typeof(EngineSchema).Assembly;
        var migrations = new List<EngineSchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // NNNN_name.sql
            var file = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(file[..4], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new EngineSchemaMigration(version, file[5..], reader.ReadToEnd()));
        }

        return [.. migrations];
    }
}
