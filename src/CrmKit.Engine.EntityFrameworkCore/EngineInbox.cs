using System.Globalization;
using CrmKit.Customers;
using Npgsql;
using NpgsqlTypes;

namespace CrmKit.Engine.EntityFrameworkCore;

/// <summary>
/// The event inbox several worker processes share (<c>crm_engine_inbox</c>): producers append events; a worker claims
/// a few customers' queue heads (<c>crm_engine_inbox_customers</c>) with <c>FOR UPDATE SKIP LOCKED</c>, hands each
/// claimed customer's events to the engine in arrival order, deletes them and releases the heads — all in one claim
/// transaction. A customer is held by one worker at a time, so each customer's events are handled in order; customers
/// are spread over the workers as they claim. A worker that dies releases its claims with its connection; the next
/// worker hands the same events to the engine again, where the processed event ids make the ones already committed
/// duplicates (docs/database.md).
/// </summary>
/// <param name="dataSource">The database (<see cref="PostgresEngineStore.DataSource"/>, or any data source of the same schema).</param>
public sealed class EngineInbox(NpgsqlDataSource dataSource)
{
    /// <summary>How many customers a worker claims at once unless told otherwise.</summary>
    public const int DefaultClaimSize = 32;

    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>
    /// Appends events in one transaction; each customer's events are handled in the order given here (and after the
    /// customer's events already waiting).
    /// </summary>
    /// <param name="events">The events (checked as <see cref="CareEngine.HandleAsync"/> checks them).</param>
    /// <param name="ct">Cancels the append (nothing is appended).</param>
    /// <returns>How many events were appended.</returns>
    /// <exception cref="ArgumentException">An event is invalid: its index and <see cref="CareEventJson.Problem"/> are named.</exception>
    public async Task<int> EnqueueAsync(IEnumerable<CareEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var problem = list[i] is null ? new Problem("$", "the event is null.") : CareEventJson.Problem(list[i]);
            if (problem is not null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Event [{i}] cannot be queued: {problem}"), nameof(events));
            }
        }

        if (list.Count == 0)
        {
            return 0;
        }

        var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var txScope = tx.ConfigureAwait(false);
        var batch = new NpgsqlBatch(connection, tx);
        await using var batchScope = batch.ConfigureAwait(false);
        var append = new NpgsqlBatchCommand(
            """
            INSERT INTO crm_engine_inbox (customer_id, event_id, payload, enqueued_at)
            SELECT c, e, p::jsonb, now() FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(c, e, p, n) ORDER BY n
            """);
        append.Parameters.Add(new NpgsqlParameter { Value = list.Select(e => e.CustomerId.Value).ToArray() });
        append.Parameters.Add(new NpgsqlParameter { Value = list.Select(e => e.EventId).ToArray() });
        append.Parameters.Add(new NpgsqlParameter { Value = list.Select(CareEventJson.Write).ToArray() });
        batch.BatchCommands.Add(append);

        // The heads: an upsert (not DO NOTHING) so that it waits for a worker holding the head, which may be about to
        // delete it for lack of events it cannot see yet; after that worker commits the head is inserted again. In
        // customer order, so two producers lock heads in the same order.
        var heads = new NpgsqlBatchCommand(
            """
            INSERT INTO crm_engine_inbox_customers AS h (customer_id, first_seq)
            SELECT i.customer_id, min(i.seq) FROM crm_engine_inbox i WHERE i.customer_id = ANY ($1::text[]) GROUP BY i.customer_id ORDER BY i.customer_id
            ON CONFLICT (customer_id) DO UPDATE SET first_seq = least(h.first_seq, excluded.first_seq)
            """);
        heads.Parameters.Add(new NpgsqlParameter { Value = list.Select(e => e.CustomerId.Value).Distinct(StringComparer.Ordinal).ToArray() });
        batch.BatchCommands.Add(heads);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return list.Count;
    }

    /// <summary>
    /// Claims up to <paramref name="maxCustomers"/> customers with waiting events that no other worker holds (oldest
    /// waiting first), hands each one's events to <paramref name="engine"/> in arrival order (customers in parallel, up to
    /// <paramref name="parallelism"/> at a time), then deletes the handled events and releases the customers.
    /// </summary>
    /// <param name="engine">The engine (over a store of the same database).</param>
    /// <param name="maxCustomers">How many customers to claim (at least 1).</param>
    /// <param name="parallelism">How many claimed customers to handle at once (at least 1).</param>
    /// <param name="ct">Cancels; the claim transaction rolls back and the events stay for the next worker.</param>
    /// <returns>How many events were handed to the engine (duplicates included); 0 when no customer was free.</returns>
    /// <exception cref="InvalidOperationException">The engine refused an event: the customer, the event's id and its inbox position are named; nothing of the claim is released (the customer's events stay).</exception>
    public async Task<int> DrainAsync(CareEngine engine, int maxCustomers = DefaultClaimSize, int parallelism = 4, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCustomers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var txScope = tx.ConfigureAwait(false);

        var claimed = new List<string>();
        var claim = new NpgsqlCommand("SELECT customer_id FROM crm_engine_inbox_customers ORDER BY first_seq LIMIT $1 FOR UPDATE SKIP LOCKED", connection, tx);
        await using (claim.ConfigureAwait(false))
        {
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCustomers });
            var reader = await claim.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    claimed.Add(reader.GetString(0));
                }
            }
        }

        if (claimed.Count == 0)
        {
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return 0;
        }

        var queues = new Dictionary<string, List<(long Seq, string EventId, string Payload)>>(StringComparer.Ordinal);
        var read = new NpgsqlCommand("SELECT customer_id, seq, event_id, payload::text FROM crm_engine_inbox WHERE customer_id = ANY ($1) ORDER BY customer_id, seq", connection, tx);
        await using (read.ConfigureAwait(false))
        {
            read.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = claimed.ToArray() });
            var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var customer = reader.GetString(0);
                    if (!queues.TryGetValue(customer, out var queue))
                    {
                        queues[customer] = queue = [];
                    }

                    queue.Add((reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
                }
            }
        }

        var handled = 0;
        await Parallel.ForEachAsync(queues, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (entry, token) =>
        {
            foreach (var (seq, eventId, payload) in entry.Value)
            {
                try
                {
                    await engine.HandleAsync(CareEventJson.Read(payload), token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ArgumentException or InvalidEventException or FormatException or System.Text.Json.JsonException)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The engine refused inbox event {seq} ('{eventId}') of customer '{entry.Key}': {e.Message} Remove or correct it in crm_engine_inbox; the customer's later events wait behind it."), e);
                }

                Interlocked.Increment(ref handled);
            }
        }).ConfigureAwait(false);

        var batch = new NpgsqlBatch(connection, tx);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var (customer, queue) in queues)
            {
                var delete = new NpgsqlBatchCommand("DELETE FROM crm_engine_inbox WHERE customer_id = $1 AND seq <= $2");
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customer });
                delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = queue[^1].Seq });
                batch.BatchCommands.Add(delete);
            }

            // Release: a head whose customer has no event left goes; one with events that arrived meanwhile moves to them.
            var release = new NpgsqlBatchCommand(
                """
                WITH rest AS (SELECT customer_id, min(seq) AS first_seq FROM crm_engine_inbox WHERE customer_id = ANY ($1) GROUP BY customer_id)
                DELETE FROM crm_engine_inbox_customers h WHERE h.customer_id = ANY ($1) AND h.customer_id NOT IN (SELECT customer_id FROM rest)
                """);
            release.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = claimed.ToArray() });
            batch.BatchCommands.Add(release);
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return handled;
    }

    /// <summary>How many events are waiting.</summary>
    /// <param name="ct">Cancels the count.</param>
    public async Task<long> PendingAsync(CancellationToken ct = default)
    {
        var command = _dataSource.CreateCommand("SELECT count(*) FROM crm_engine_inbox");
        await using var commandScope = command.ConfigureAwait(false);
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
