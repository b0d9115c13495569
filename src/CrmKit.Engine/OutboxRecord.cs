using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>An outbox entry as stored.</summary>
/// <param name="Message">The message (its <see cref="OutboxMessage.DueAt"/> moves when rescheduled).</param>
/// <param name="State">Where it is.</param>
/// <param name="Verdict">The contact policy's verdict when queued (allowed, deferred, skipped, dropped).</param>
/// <param name="Reason">Why it was deferred, skipped, dropped, cancelled, rescheduled or dead-lettered, else none.</param>
/// <param name="QueuedAt">When the engine queued it.</param>
/// <param name="ClosedAt">When it was sent, cancelled or dead-lettered, else none.</param>
/// <param name="Attempts">Claims so far (each claim by a dispatcher, whether or not it called the channel; see <see cref="DispatchOutcome.Attempts"/> for channel calls).</param>
public sealed record OutboxRecord(OutboxMessage Message, OutboxState State, ContactVerdict Verdict, string? Reason, Instant QueuedAt, Instant? ClosedAt, int Attempts);
