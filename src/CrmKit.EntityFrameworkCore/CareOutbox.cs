using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// The outbox of due care actions (<c>crm_outbox</c>): the agenda enqueues each action once under its idempotency
/// key, and any number of workers claim batches with <c>FOR UPDATE SKIP LOCKED</c> — no two workers get the same
/// action, none waits for another — each claim holding for a lease. A worker that dies leaves its claims to expire;
/// they are then handed out again, and <see cref="CompleteAsync"/> accepts only the current holder, so every action
/// is completed exactly once.
/// </summary>
public sealed class CareOutbox(CrmKitDbContext db)
{
    /// <summary>Enqueues the due items of an agenda; items already enqueued (same idempotency key) are left as they are.</summary>
    /// <returns>How many items were new.</returns>
    public async ValueTask<int> EnqueueAsync(IEnumerable<AgendaItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var total = 0;
        foreach (var chunk in items.Where(i => i.Status == AgendaStatus.Due).Chunk(10_000))
        {
            // One INSERT … SELECT FROM unnest(arrays) per chunk; ON CONFLICT makes enqueueing idempotent.
            total += await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO crm_outbox (idempotency_key, customer_id, channel, template, send_at, payload, attempts)
                SELECT k, c, ch, t, s, p::jsonb, 0 FROM unnest(@keys, @customers, @channels, @templates, @sends, @payloads) AS u(k, c, ch, t, s, p)
                ON CONFLICT (customer_id, idempotency_key) DO NOTHING
                """,
                [
                    new NpgsqlParameter("keys", chunk.Select(i => i.IdempotencyKey).ToArray()),
                    new NpgsqlParameter("customers", chunk.Select(i => i.CustomerId.Value).ToArray()),
                    new NpgsqlParameter("channels", chunk.Select(i => (int)i.Action.Channel).ToArray()),
                    new NpgsqlParameter("templates", chunk.Select(i => i.Action.Template).ToArray()),
                    new NpgsqlParameter("sends", chunk.Select(i => i.SendAt ?? i.DueAt).ToArray()),
                    new NpgsqlParameter("payloads", chunk.Select(i => CrmKitJson.Serialize(i)).ToArray()),
                ],
                cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> actions due at <paramref name="now"/> that nobody holds (never claimed, or
    /// whose claim expired), earliest first, for <paramref name="lease"/>. Rows another worker is claiming at the same
    /// moment are skipped, not waited for.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is below 1 or <paramref name="lease"/> is not positive.</exception>
    public async ValueTask<ImmutableArray<OutboxAction>> ClaimAsync(string worker, int max, Duration lease, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (lease <= Duration.Zero)
        {
            // A lease that ends when (or before) it starts is expired at once: another worker would claim the same actions.
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "A lease must be positive: it is how long the worker holds the actions it claims.");
        }

        var until = now + lease;
        var claimed = await db.Outbox.FromSql(
            $"""
            UPDATE crm_outbox SET claimed_by = {worker}, claimed_until = {until}, attempts = attempts + 1
            WHERE (customer_id, idempotency_key) IN (
                SELECT customer_id, idempotency_key FROM crm_outbox
                WHERE done_at IS NULL AND send_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                ORDER BY send_at, idempotency_key
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. claimed.OrderBy(a => a.SendAt).ThenBy(a => a.IdempotencyKey, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Marks an action sent. Only the worker that holds it may: a worker whose lease expired and whose action was handed
    /// to another gets <see langword="false"/> and must not count it as its own.
    /// </summary>
    /// <param name="action">The claimed action (its customer and idempotency key are used).</param>
    /// <param name="worker">The worker completing it.</param>
    /// <param name="now">The completion instant.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async ValueTask<bool> CompleteAsync(OutboxAction action, string worker, Instant now, CancellationToken cancellationToken = default)
        => await db.Outbox
            .Where(a => a.CustomerId == action.CustomerId && a.IdempotencyKey == action.IdempotencyKey && a.ClaimedBy == worker && a.DoneAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.DoneAt, now), cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>How many actions are not completed yet.</summary>
    public Task<int> PendingAsync(CancellationToken cancellationToken = default) => db.Outbox.CountAsync(a => a.DoneAt == null, cancellationToken);
}
