using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// The engine's storage: customer state (with memberships and journey instances), processed event ids, the outbox,
/// tasks and the next-due index. Every method is safe to call concurrently; <see cref="CommitAsync"/> is atomic.
/// Implementations must pass <c>CrmKit.Testing.EngineStoreConformance</c>.
/// </summary>
public interface IEngineStore : IOutboxStore
{
    /// <summary>The customer's state and version.</summary>
    ValueTask<StoredCustomer> LoadAsync(CustomerId customerId, CancellationToken ct = default);

    /// <summary>Whether the event id was already processed for the customer.</summary>
    ValueTask<bool> IsProcessedAsync(CustomerId customerId, string eventId, CancellationToken ct = default);

    /// <summary>
    /// Stores a unit of work atomically: the state (versioned, optimistic), the event id, outbox entries and
    /// cancellations, tasks and the next-due index entry (<see cref="CustomerState.NextDue"/>) — all or nothing. New
    /// entries and tasks are added first, then cancellations and the erasure apply (to them too).
    /// </summary>
    ValueTask<CommitOutcome> CommitAsync(EngineCommit commit, CancellationToken ct = default);

    /// <summary>Up to <paramref name="max"/> customers whose <see cref="CustomerState.NextDue"/> is at or before <paramref name="now"/>, earliest first (from an index: never a scan).</summary>
    ValueTask<IReadOnlyList<CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default);

    /// <summary>Every task, ordered by creation then key.</summary>
    ValueTask<IReadOnlyList<CareTask>> ListTasksAsync(CancellationToken ct = default);

    /// <summary>Every stored customer state (for statistics and reports; order unspecified).</summary>
    IAsyncEnumerable<CustomerState> StatesAsync(CancellationToken ct = default);
}
