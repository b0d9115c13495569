using System.Runtime.CompilerServices;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>
/// The engine's <see cref="IEngineStore"/> on PostgreSQL (docs/database.md). A customer's state is one JSON document
/// in <c>crm_engine_customers</c> with a version for optimistic concurrency and its next-due instant (the index
/// <see cref="DueAsync"/> reads); memberships and journey instances are kept beside it as rows; the outbox, tasks and
/// processed event ids have tables of their own. Every per-customer table has the customer id first in its primary
/// key (the distribution column on Citus).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CommitAsync"/> is one transaction in two round trips: one batch records the event id
/// (<c>ON CONFLICT DO NOTHING</c>: a repeat inserts nothing → <see cref="CommitOutcome.Duplicate"/>), writes the state
/// only where the version is the expected one (nothing written → <see cref="CommitOutcome.Conflict"/>), and adds the
/// outbox entries, tasks, cancellations, erasure, memberships and instances; then <c>COMMIT</c>, or <c>ROLLBACK</c>
/// when either check failed. A process killed at any point leaves the commit whole or absent; handling the event
/// again is then a duplicate or a fresh commit.
/// </para>
/// <para>
/// PostgreSQL keeps instants to the microsecond: the outbox's and index's instants are truncated to whole
/// microseconds (the state document keeps nanoseconds). Leases are issued truncated, so they settle exactly.
/// </para>
/// <para>Create the tables first with <see cref="EngineSchema.MigrateAsync"/>.</para>
/// </remarks>
public sealed class PostgresEngineStore : IEngineStore, IAsyncDisposable, IDisposable
{
    private const short Pending = (short)OutboxState.Pending;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PooledDbContextFactory<EngineDbContext> _contexts;

    /// <summary>Creates a store over a connection string (Npgsql's syntax; a <c>Search Path</c> selects the schema).</summary>
    /// <param name="connectionString">The database.</param>
    public PostgresEngineStore(string connectionString)
        : this(CreateDataSource(connectionString), ownsDataSource: true)
    {
    }

    private PostgresEngineStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _contexts = new PooledDbContextFactory<EngineDbContext>(
            new DbContextOptionsBuilder<EngineDbContext>().UseNpgsql(dataSource, o => o.UseNodaTime()).Options);
    }

    /// <summary>The data source the store uses (NodaTime types mapped), for <see cref="EngineSchema.MigrateAsync"/> and the inbox.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>A data source for <paramref name="connectionString"/> with NodaTime's types mapped (what the store and the inbox need).</summary>
    /// <param name="connectionString">The database (Npgsql's syntax).</param>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }

    /// <inheritdoc/>
    public async ValueTask<StoredCustomer> LoadAsync(CustomerId customerId, CancellationToken ct = default)
    {
        var command = _dataSource.CreateCommand("SELECT version, state::text FROM crm_engine_customers WHERE customer_id = $1");
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId.Value });
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return default;
        }

        return new StoredCustomer(CrmKitJson.Deserialize<CustomerState>(reader.GetString(1)), reader.GetInt64(0));
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsProcessedAsync(CustomerId customerId, string eventId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var command = _dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM crm_engine_processed_events WHERE customer_id = $1 AND event_id = $2)");
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerId.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public async ValueTask<CommitOutcome> CommitAsync(EngineCommit commit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.State);
        if (commit.State.CustomerId != commit.CustomerId)
        {
            throw new ArgumentException($"The state is customer '{commit.State.CustomerId.Value}', the commit '{commit.CustomerId.Value}'.", nameof(commit));
        }

        var customer = commit.CustomerId.Value;
        var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var txScope = tx.ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection, tx);
        await using var batchScope = batch.ConfigureAwait(false);

        var eventCheck = -1;
        if (commit.EventId is { } eventId)
        {
            eventCheck = Add(batch, "INSERT INTO crm_engine_processed_events (customer_id, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", customer, eventId);
        }

        var json = CrmKitJson.Serialize(commit.State);
        var nextDue = Micros(commit.State.NextDue);
        var versionCheck = commit.ExpectedVersion == 0
            ? Add(batch, "INSERT INTO crm_engine_customers (customer_id, version, state, next_due, erased, updated_at) VALUES ($1, 1, $2::jsonb, $3, $4, now()) ON CONFLICT DO NOTHING", customer, json, Nullable(nextDue), commit.State.Erased)
            : Add(batch, "UPDATE crm_engine_customers SET version = version + 1, state = $2::jsonb, next_due = $3, erased = $4, updated_at = now() WHERE customer_id = $1 AND version = $5", customer, json, Nullable(nextDue), commit.State.Erased, commit.ExpectedVersion);

        AddOutbox(batch, commit.Enqueue);
        AddTasks(batch, customer, commit.Tasks);
        foreach (var cancel in commit.Cancel)
        {
            Add(
                batch,
                """
                UPDATE crm_engine_outbox SET state = 2, reason = $2, closed_at = $3, worker = NULL
                WHERE customer_id = $1 AND state = 0
                  AND ($4::text IS NULL OR idempotency_key = $4) AND ($5::text IS NULL OR journey_id = $5) AND ($6::text IS NULL OR instance_id = $6)
                  AND ($7::smallint IS NULL OR channel = $7) AND ($8::smallint IS NULL OR purpose = $8)
                """,
                customer, cancel.Reason, cancel.At, Text(cancel.IdempotencyKey), Text(cancel.JourneyId), Text(cancel.InstanceId),
                Small(cancel.Channel is { } ch ? (short)ch : null), Small(cancel.Purpose is { } p ? (short)p : null));
        }

        if (commit.Erase)
        {
            var reason = commit.State.MergedInto is { } into ? $"customer merged into '{into.Value}'" : "customer erased";
            Add(batch, "UPDATE crm_engine_outbox SET state = 2, reason = $2, closed_at = $3, worker = NULL WHERE customer_id = $1 AND state = 0", customer, reason, commit.At);
            Add(batch, "DELETE FROM crm_engine_tasks WHERE customer_id = $1", customer);
        }

        AddMemberships(batch, customer, commit.State);
        AddInstances(batch, customer, commit.State);

        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        var outcome = eventCheck >= 0 && batch.BatchCommands[eventCheck].RecordsAffected == 0 ? CommitOutcome.Duplicate
            : batch.BatchCommands[versionCheck].RecordsAffected == 0 ? CommitOutcome.Conflict
            : CommitOutcome.Committed;
        if (outcome == CommitOutcome.Committed)
        {
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        else
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var until = Micros(now);
        var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var dbScope = db.ConfigureAwait(false);
        var ids = await db.Customers.AsNoTracking()
            .Where(c => c.NextDue != null && c.NextDue <= until)
            .OrderBy(c => c.NextDue).ThenBy(c => EF.Functions.Collate(c.CustomerId, "C"))
            .Take(max).Select(c => c.CustomerId)
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. ids.Select(id => new CustomerId(id))];
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<CareTask>> ListTasksAsync(CancellationToken ct = default)
    {
        var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var dbScope = db.ConfigureAwait(false);
        var rows = await db.Tasks.AsNoTracking().OrderBy(t => t.CreatedAt).ThenBy(t => EF.Functions.Collate(t.Key, "C")).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(t => new CareTask(t.Key, new CustomerId(t.CustomerId), t.Title, t.Role, t.CreatedAt, t.DueAt, t.JourneyId, t.InstanceId, t.IsAssignment))];
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CustomerState> StatesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var dbScope = db.ConfigureAwait(false);
        await foreach (var json in db.Customers.AsNoTracking().Select(c => c.State).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            yield return CrmKitJson.Deserialize<CustomerState>(json);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<OutboxRecord>> ListAsync(OutboxState? state, CancellationToken ct = default)
    {
        var db = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var dbScope = db.ConfigureAwait(false);
        var query = db.Outbox.AsNoTracking();
        if (state is { } s)
        {
            var code = (short)s;
            query = query.Where(r => r.State == code);
        }

        var rows = await query.OrderBy(r => r.DueAt).ThenBy(r => EF.Functions.Collate(r.IdempotencyKey, "C")).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(r => new OutboxRecord(
            new OutboxMessage(r.IdempotencyKey, new CustomerId(r.CustomerId), (ContactChannel)r.Channel, (ContactPurpose)r.Purpose, r.Template, r.DueAt, r.JourneyId, r.InstanceId),
            (OutboxState)r.State, (ContactVerdict)r.Verdict, r.Reason, r.QueuedAt, r.ClosedAt, r.Attempts))];
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, int max, Duration lease, string worker, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (lease <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The lease must be positive.");
        }

        var at = Micros(now);
        var until = Micros(now + lease);
        var command = _dataSource.CreateCommand(
            """
            UPDATE crm_engine_outbox o SET worker = $1, leased_until = $2, attempts = o.attempts + 1
            FROM (SELECT customer_id, idempotency_key FROM crm_engine_outbox
                  WHERE state = 0 AND due_at <= $3 AND (worker IS NULL OR leased_until <= $3)
                  ORDER BY due_at, idempotency_key COLLATE "C" LIMIT $4
                  FOR UPDATE SKIP LOCKED) c
            WHERE o.customer_id = c.customer_id AND o.idempotency_key = c.idempotency_key
            RETURNING o.idempotency_key, o.customer_id, o.channel, o.purpose, o.template, o.due_at, o.journey_id, o.instance_id, o.attempts
            """);
        await using var commandScope = command.ConfigureAwait(false);
        Parameters(command.Parameters, worker, until, at, max);
        var leases = new List<OutboxLease>();
        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var message = new OutboxMessage(reader.GetString(0), new CustomerId(reader.GetString(1)), (ContactChannel)reader.GetInt16(2), (ContactPurpose)reader.GetInt16(3), reader.GetString(4), reader.GetFieldValue<Instant>(5), reader.GetString(6), reader.GetString(7));
                leases.Add(new OutboxLease(message, worker, until, reader.GetInt32(8)));
            }
        }

        leases.Sort(static (x, y) => x.Message.DueAt != y.Message.DueAt ? x.Message.DueAt.CompareTo(y.Message.DueAt) : string.CompareOrdinal(x.Message.IdempotencyKey, y.Message.IdempotencyKey));
        return leases;
    }

    /// <inheritdoc/>
    public ValueTask<bool> MarkSentAsync(OutboxLease lease, Instant at, CancellationToken ct = default)
        => SettleAsync(lease, "state = 1, closed_at = $5, worker = NULL", at, ct);

    /// <inheritdoc/>
    public ValueTask<bool> RescheduleAsync(OutboxLease lease, Instant dueAt, string reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SettleAsync(lease, "due_at = $5, reason = $6, worker = NULL", Micros(dueAt), ct, reason);
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SettleAsync(lease, "state = 2, closed_at = $5, reason = $6, worker = NULL", at, ct, reason);
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeadLetterAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return SettleAsync(lease, "state = 3, closed_at = $5, reason = $6, worker = NULL", at, ct, reason);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>Truncates to whole microseconds (towards the past), PostgreSQL's resolution.</summary>
    internal static Instant Micros(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - (((ticks % 10) + 10) % 10));
    }

    private static Instant? Micros(Instant? instant) => instant is { } i ? Micros(i) : null;

    private async ValueTask<bool> SettleAsync(OutboxLease lease, string set, Instant at, CancellationToken ct, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var command = _dataSource.CreateCommand(
            $"UPDATE crm_engine_outbox SET {set} WHERE customer_id = $1 AND idempotency_key = $2 AND state = 0 AND worker = $3 AND leased_until = $4 AND attempts = $7");
        await using var commandScope = command.ConfigureAwait(false);
        Parameters(command.Parameters, lease.Message.CustomerId.Value, lease.Message.IdempotencyKey, lease.Worker, lease.LeasedUntil, at, Text(reason), lease.Attempt);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private static int Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Parameters(command.Parameters, values);
        batch.BatchCommands.Add(command);
        return batch.BatchCommands.Count - 1;
    }

    private static void Parameters(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values)
        {
            parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Small(short? value) => new() { NpgsqlDbType = NpgsqlDbType.Smallint, Value = value is { } v ? v : DBNull.Value };

    private static NpgsqlParameter Nullable(Instant? value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v : DBNull.Value };

    private static void AddOutbox(NpgsqlBatch batch, IReadOnlyList<OutboxRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        Add(
            batch,
            """
            INSERT INTO crm_engine_outbox (customer_id, idempotency_key, channel, purpose, template, due_at, journey_id, instance_id, state, verdict, reason, queued_at, closed_at, attempts)
            SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::smallint[], $10::smallint[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::integer[])
            ON CONFLICT DO NOTHING
            """,
            records.Select(r => r.Message.CustomerId.Value).ToArray(),
            records.Select(r => r.Message.IdempotencyKey).ToArray(),
            records.Select(r => (short)r.Message.Channel).ToArray(),
            records.Select(r => (short)r.Message.Purpose).ToArray(),
            records.Select(r => r.Message.Template).ToArray(),
            records.Select(r => Micros(r.Message.DueAt)).ToArray(),
            records.Select(r => r.Message.JourneyId).ToArray(),
            records.Select(r => r.Message.InstanceId).ToArray(),
            records.Select(r => (short)r.State).ToArray(),
            records.Select(r => (short)r.Verdict).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = records.Select(r => r.Reason).ToArray() },
            records.Select(r => Micros(r.QueuedAt)).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = records.Select(r => Micros(r.ClosedAt)).ToArray() },
            records.Select(r => r.Attempts).ToArray());
    }

    private static void AddTasks(NpgsqlBatch batch, string customer, IReadOnlyList<CareTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        Add(
            batch,
            """
            INSERT INTO crm_engine_tasks (customer_id, task_key, title, role, created_at, due_at, journey_id, instance_id, is_assignment)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::boolean[])
            ON CONFLICT DO NOTHING
            """,
            customer,
            tasks.Select(t => t.Key).ToArray(),
            tasks.Select(t => t.Title).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = tasks.Select(t => t.Role).ToArray() },
            tasks.Select(t => Micros(t.CreatedAt)).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = tasks.Select(t => Micros(t.DueAt)).ToArray() },
            tasks.Select(t => t.JourneyId).ToArray(),
            tasks.Select(t => t.InstanceId).ToArray(),
            tasks.Select(t => t.IsAssignment).ToArray());
    }

    private static void AddMemberships(NpgsqlBatch batch, string customer, CustomerState state)
    {
        var segments = state.Segments.IsDefault ? [] : state.Segments.ToArray();
        Add(batch, "DELETE FROM crm_engine_memberships WHERE customer_id = $1 AND segment <> ALL ($2::text[])", customer, segments);
        if (segments.Length > 0)
        {
            Add(batch, "INSERT INTO crm_engine_memberships (customer_id, segment) SELECT $1, s FROM unnest($2::text[]) AS s ON CONFLICT DO NOTHING", customer, segments);
        }
    }

    private static void AddInstances(NpgsqlBatch batch, string customer, CustomerState state)
    {
        var instances = state.Instances.IsDefault ? [] : state.Instances.ToArray();
        Add(
            batch,
            "DELETE FROM crm_engine_instances WHERE customer_id = $1 AND (journey_id, instance_id) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))",
            customer, instances.Select(i => i.JourneyId).ToArray(), instances.Select(i => i.InstanceId).ToArray());
        if (instances.Length == 0)
        {
            return;
        }

        Add(
            batch,
            """
            INSERT INTO crm_engine_instances AS i (customer_id, journey_id, instance_id, correlation, process_id, process_state, status, enrolled_at, ended_at, exit_reason, next_due)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::timestamptz[])
            ON CONFLICT (customer_id, journey_id, instance_id) DO UPDATE
            SET process_state = excluded.process_state, status = excluded.status, ended_at = excluded.ended_at, exit_reason = excluded.exit_reason, next_due = excluded.next_due
            WHERE (i.process_state, i.status, i.ended_at, i.exit_reason, i.next_due) IS DISTINCT FROM (excluded.process_state, excluded.status, excluded.ended_at, excluded.exit_reason, excluded.next_due)
            """,
            customer,
            instances.Select(i => i.JourneyId).ToArray(),
            instances.Select(i => i.InstanceId).ToArray(),
            instances.Select(i => i.Correlation).ToArray(),
            instances.Select(i => i.Snapshot.ProcessId).ToArray(),
            instances.Select(i => i.Snapshot.State).ToArray(),
            instances.Select(i => (short)i.Status).ToArray(),
            instances.Select(i => Micros(i.EnrolledAt)).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = instances.Select(i => Micros(i.EndedAt)).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = instances.Select(i => i.ExitReason).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = instances.Select(i => Micros(i.NextDue)).ToArray() });
    }
}
