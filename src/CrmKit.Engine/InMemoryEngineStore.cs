using NodaTime;

namespace CrmKit.Engine;

/// <summary>A thread-safe in-memory <see cref="IEngineStore"/> (tests, replay, a single-process host).</summary>
public sealed class InMemoryEngineStore : IEngineStore
{
    /// <inheritdoc/>
    public ValueTask<StoredCustomer> LoadAsync(CrmKit.Customers.CustomerId customerId, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<bool> IsProcessedAsync(CrmKit.Customers.CustomerId customerId, string eventId, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<CommitOutcome> CommitAsync(EngineCommit commit, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CrmKit.Customers.CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CareTask>> ListTasksAsync(CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IAsyncEnumerable<CustomerState> StatesAsync(CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, int max, Duration lease, string worker, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<bool> MarkSentAsync(OutboxLease lease, Instant at, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<bool> RescheduleAsync(OutboxLease lease, Instant dueAt, string reason, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<bool> DeadLetterAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OutboxRecord>> ListAsync(OutboxState? state, CancellationToken ct = default) => throw new NotImplementedException();
}
