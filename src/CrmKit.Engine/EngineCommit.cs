using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>One unit of work for one customer, committed atomically by <see cref="IEngineStore.CommitAsync"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ExpectedVersion">The version loaded; the commit fails with <see cref="CommitOutcome.Conflict"/> if the stored version differs.</param>
/// <param name="EventId">The event handled, recorded as processed (none for <see cref="CareEngine.AdvanceAsync"/>).</param>
/// <param name="State">The new state.</param>
/// <param name="Enqueue">New outbox entries (pending, or already cancelled when the policy skipped or dropped them). An existing key is left as it is.</param>
/// <param name="Cancel">Pending outbox entries of the customer to cancel (entries matching nothing pending are ignored).</param>
/// <param name="Tasks">New tasks (an existing key is left as it is).</param>
/// <param name="At">The unit of work's instant (an erasure's cancellations are stamped with it).</param>
/// <param name="Erase">Drop the customer's tasks and cancel all their pending entries (after adding this commit's entries and tasks).</param>
public sealed record EngineCommit(
    CustomerId CustomerId,
    long ExpectedVersion,
    string? EventId,
    CustomerState State,
    IReadOnlyList<OutboxRecord> Enqueue,
    IReadOnlyList<OutboxCancellation> Cancel,
    IReadOnlyList<CareTask> Tasks,
    Instant At,
    bool Erase = false);
