using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The outbox as a dispatcher sees it. Every method is safe to call concurrently from several workers.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> pending messages due at or before <paramref name="now"/> (earliest first) whose
    /// lease is free or expired, for <paramref name="lease"/>.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, int max, Duration lease, string worker, CancellationToken ct = default);

    /// <summary>Marks a leased message sent. False when the lease is no longer this worker's (expired and claimed again) or the message is no longer pending.</summary>
    ValueTask<bool> MarkSentAsync(OutboxLease lease, Instant at, CancellationToken ct = default);

    /// <summary>Releases a leased message to be due again at <paramref name="dueAt"/> (a send-time deferral or a transient failure). False as for <see cref="MarkSentAsync"/>.</summary>
    ValueTask<bool> RescheduleAsync(OutboxLease lease, Instant dueAt, string reason, CancellationToken ct = default);

    /// <summary>Cancels a leased message (a send-time check failed). False as for <see cref="MarkSentAsync"/>.</summary>
    ValueTask<bool> CancelAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default);

    /// <summary>Dead-letters a leased message (a permanent failure) with the reason. False as for <see cref="MarkSentAsync"/>.</summary>
    ValueTask<bool> DeadLetterAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default);

    /// <summary>Every entry in a state (or all), ordered by due instant then idempotency key.</summary>
    ValueTask<IReadOnlyList<OutboxRecord>> ListAsync(OutboxState? state, CancellationToken ct = default);
}
