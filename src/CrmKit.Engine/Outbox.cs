using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A message the engine queued: what the dispatcher sends when <see cref="DueAt"/> comes.</summary>
/// <param name="IdempotencyKey">
/// Deterministic and unique: <c>{journey}@v{version}/{instance}/{step}.{effect}/{due}</c> (see docs/engine-semantics.md).
/// Replaying the same history gives the same keys; a channel uses it as the provider's dedup key.
/// </param>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Template">The template to render.</param>
/// <param name="DueAt">When to send (after the contact policy: a deferred message's allowed instant).</param>
/// <param name="JourneyId">The journey's versioned id (<c>after-sale@v1</c>).</param>
/// <param name="InstanceId">The journey instance (an order, ticket or claim id, or the customer id; <c>#n</c> for the n-th re-entry).</param>
public sealed record OutboxMessage(
    string IdempotencyKey,
    CustomerId CustomerId,
    ContactChannel Channel,
    ContactPurpose Purpose,
    string Template,
    Instant DueAt,
    string JourneyId,
    string InstanceId);

/// <summary>Where an outbox entry is.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (or leased by a dispatcher).</summary>
    Pending,

    /// <summary>Sent.</summary>
    Sent,

    /// <summary>Not sent: skipped or dropped by the contact policy, cancelled by a send-time check, an exit or an erasure.</summary>
    Cancelled,

    /// <summary>Failed permanently; kept with the reason.</summary>
    DeadLettered,
}

/// <summary>A dispatcher's claim on a due message, valid until <see cref="LeasedUntil"/>.</summary>
/// <param name="Message">The message.</param>
/// <param name="Worker">The dispatcher's name.</param>
/// <param name="LeasedUntil">After this instant another worker may claim the message again.</param>
/// <param name="Attempt">1 for the first claim, then one more for each claim after a reschedule or an expired lease.</param>
public sealed record OutboxLease(OutboxMessage Message, string Worker, Instant LeasedUntil, int Attempt);

/// <summary>An outbox entry as stored.</summary>
/// <param name="Message">The message (its <see cref="OutboxMessage.DueAt"/> moves when rescheduled).</param>
/// <param name="State">Where it is.</param>
/// <param name="Verdict">The contact policy's verdict when queued (allowed, deferred, skipped, dropped).</param>
/// <param name="Reason">Why it was deferred, skipped, dropped, cancelled, rescheduled or dead-lettered, else none.</param>
/// <param name="QueuedAt">When the engine queued it.</param>
/// <param name="ClosedAt">When it was sent, cancelled or dead-lettered, else none.</param>
/// <param name="Attempts">Claims so far (each claim by a dispatcher, whether or not it called the channel; see <see cref="DispatchOutcome.Attempts"/> for channel calls).</param>
public sealed record OutboxRecord(OutboxMessage Message, OutboxState State, ContactVerdict Verdict, string? Reason, Instant QueuedAt, Instant? ClosedAt, int Attempts);

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

/// <summary>A task for staff (call, follow up, an assignment), created by a process effect.</summary>
/// <param name="Key">Deterministic like an outbox key.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Title">What to do (<c>Check in with the customer</c>; for an assignment, <c>Assign to {role}</c>).</param>
/// <param name="Role">The role to do it, if any.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="DueAt">When it should be done by, if the effect says.</param>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="IsAssignment">True for an <see cref="AssignStaff"/> effect.</param>
public sealed record CareTask(string Key, CustomerId CustomerId, string Title, string? Role, Instant CreatedAt, Instant? DueAt, string JourneyId, string InstanceId, bool IsAssignment);
