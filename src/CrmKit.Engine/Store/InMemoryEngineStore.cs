using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// A thread-safe in-memory <see cref="IEngineStore"/> (tests, replay, a single-process host). Reads of customer state
/// take no lock (states are immutable); a commit and every outbox operation take one lock, so a commit — state, event
/// id, outbox entries, cancellations, tasks and the next-due index — is seen whole or not at all.
/// </summary>
public sealed class InMemoryEngineStore : IEngineStore
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<CustomerId, StoredCustomer> _customers = new();
    private readonly Dictionary<CustomerId, HashSet<string>> _processed = [];
    private readonly PriorityQueue<CustomerId, (Instant Due, CustomerId Customer)> _due = new(DueComparer.Instance);
    private readonly Dictionary<CustomerId, Instant> _dueOf = [];
    private readonly Dictionary<string, Entry> _outbox = new(StringComparer.Ordinal);
    private readonly SortedSet<(Instant Due, string Key)> _pending = new(PendingComparer.Instance);
    private readonly Dictionary<CustomerId, List<string>> _outboxOf = [];
    private readonly Dictionary<string, CareTask> _tasks = new(StringComparer.Ordinal);

    /// <summary>Customers stored.</summary>
    public int CustomerCount => _customers.Count;

    /// <inheritdoc/>
    public ValueTask<StoredCustomer> LoadAsync(CustomerId customerId, CancellationToken ct = default)
        => new(_customers.TryGetValue(customerId, out var stored) ? stored : default);

    /// <inheritdoc/>
    public ValueTask<bool> IsProcessedAsync(CustomerId customerId, string eventId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return new(_processed.TryGetValue(customerId, out var ids) && ids.Contains(eventId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<CommitOutcome> CommitAsync(EngineCommit commit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.State);
        if (commit.State.CustomerId != commit.CustomerId)
        {
            throw new ArgumentException($"The state is customer '{commit.State.CustomerId.Value}', the commit '{commit.CustomerId.Value}'.", nameof(commit));
        }

        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var current = _customers.TryGetValue(commit.CustomerId, out var stored) ? stored.Version : 0;
            if (commit.EventId is { } id && _processed.TryGetValue(commit.CustomerId, out var seen) && seen.Contains(id))
            {
                return new(CommitOutcome.Duplicate);
            }

            if (current != commit.ExpectedVersion)
            {
                return new(CommitOutcome.Conflict);
            }

            _customers[commit.CustomerId] = new StoredCustomer(commit.State, current + 1);
            if (commit.EventId is { } eventId)
            {
                if (!_processed.TryGetValue(commit.CustomerId, out var ids))
                {
                    _processed[commit.CustomerId] = ids = new HashSet<string>(StringComparer.Ordinal);
                }

                ids.Add(eventId);
            }

            SetDue(commit.CustomerId, commit.State.NextDue);
            foreach (var record in commit.Enqueue)
            {
                var key = record.Message.IdempotencyKey;
                if (_outbox.ContainsKey(key))
                {
                    continue;
                }

                _outbox[key] = new Entry { Record = record };
                if (!_outboxOf.TryGetValue(record.Message.CustomerId, out var list))
                {
                    _outboxOf[record.Message.CustomerId] = list = [];
                }

                list.Add(key);
                if (record.State == OutboxState.Pending)
                {
                    _pending.Add((record.Message.DueAt, key));
                }
            }

            foreach (var task in commit.Tasks)
            {
                _tasks.TryAdd(task.Key, task);
            }

            foreach (var cancel in commit.Cancel)
            {
                if (cancel.IdempotencyKey is { } key)
                {
                    if (_outbox.TryGetValue(key, out var entry) && entry.Record.State == OutboxState.Pending && entry.Record.Message.CustomerId == commit.CustomerId && cancel.Matches(entry.Record.Message))
                    {
                        Close(entry, OutboxState.Cancelled, cancel.Reason, cancel.At);
                    }
                }
                else if (_outboxOf.TryGetValue(commit.CustomerId, out var keys))
                {
                    foreach (var k in keys)
                    {
                        var entry = _outbox[k];
                        if (entry.Record.State == OutboxState.Pending && cancel.Matches(entry.Record.Message))
                        {
                            Close(entry, OutboxState.Cancelled, cancel.Reason, cancel.At);
                        }
                    }
                }
            }

            if (commit.Erase)
            {
                if (_outboxOf.TryGetValue(commit.CustomerId, out var keys))
                {
                    foreach (var key in keys)
                    {
                        var entry = _outbox[key];
                        if (entry.Record.State == OutboxState.Pending)
                        {
                            Close(entry, OutboxState.Cancelled, commit.State.MergedInto is { } into ? $"customer merged into '{into.Value}'" : "customer erased", commit.At);
                        }
                    }
                }

                foreach (var key in _tasks.Where(t => t.Value.CustomerId == commit.CustomerId).Select(t => t.Key).ToList())
                {
                    _tasks.Remove(key);
                }
            }

            return new(CommitOutcome.Committed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            if (!_due.TryPeek(out _, out var first) || first.Due > now)
            {
                return new([]);
            }

            // A heap with lazy deletion: an entry whose instant is no longer the customer's next due is dropped here.
            var result = new List<CustomerId>();
            var keep = new List<(CustomerId, Instant)>();
            var seen = new HashSet<CustomerId>();
            while (result.Count < max && _due.TryPeek(out var customer, out var key) && key.Due <= now)
            {
                _due.Dequeue();
                if (_dueOf.TryGetValue(customer, out var due) && due == key.Due && seen.Add(customer))
                {
                    result.Add(customer);
                    keep.Add((customer, due));
                }
            }

            foreach (var (customer, due) in keep)
            {
                _due.Enqueue(customer, (due, customer));
            }

            return new(result);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CareTask>> ListTasksAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            return new(_tasks.Values.OrderBy(t => t.CreatedAt).ThenBy(t => t.Key, StringComparer.Ordinal).ToList());
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CustomerState> StatesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (_, stored) in _customers)
        {
            ct.ThrowIfCancellationRequested();
            if (stored.State is { } state)
            {
                yield return state;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, int max, Duration lease, string worker, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        if (lease <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The lease must be positive.");
        }

        lock (_gate)
        {
            if (_pending.Count == 0 || _pending.Min.Due > now)
            {
                // Nothing due (most polls): no enumerator of the sorted set, no list.
                return new([]);
            }

            var claimed = new List<OutboxLease>();
            foreach (var (due, key) in _pending)
            {
                if (due > now || claimed.Count == max)
                {
                    break;
                }

                var entry = _outbox[key];
                if (entry.Worker is not null && entry.LeasedUntil > now)
                {
                    continue;
                }

                entry.Worker = worker;
                entry.LeasedUntil = now + lease;
                entry.Record = entry.Record with { Attempts = entry.Record.Attempts + 1 };
                claimed.Add(new OutboxLease(entry.Record.Message, worker, entry.LeasedUntil, entry.Record.Attempts));
            }

            return new(claimed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> MarkSentAsync(OutboxLease lease, Instant at, CancellationToken ct = default)
        => Settle(lease, entry => Close(entry, OutboxState.Sent, entry.Record.Reason, at));

    /// <inheritdoc/>
    public ValueTask<bool> RescheduleAsync(OutboxLease lease, Instant dueAt, string reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Settle(lease, entry =>
        {
            _pending.Remove((entry.Record.Message.DueAt, entry.Record.Message.IdempotencyKey));
            entry.Record = entry.Record with { Message = entry.Record.Message with { DueAt = dueAt }, Reason = reason };
            entry.Worker = null;
            _pending.Add((dueAt, entry.Record.Message.IdempotencyKey));
        });
    }

    /// <inheritdoc/>
    public ValueTask<bool> CancelAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Settle(lease, entry => Close(entry, OutboxState.Cancelled, reason, at));
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeadLetterAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Settle(lease, entry => Close(entry, OutboxState.DeadLettered, reason, at));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<OutboxRecord>> ListAsync(OutboxState? state, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return new(_outbox.Values.Select(e => e.Record).Where(r => state is null || r.State == state)
                .OrderBy(r => r.Message.DueAt).ThenBy(r => r.Message.IdempotencyKey, StringComparer.Ordinal).ToList());
        }
    }

    private ValueTask<bool> Settle(OutboxLease lease, Action<Entry> action)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (!_outbox.TryGetValue(lease.Message.IdempotencyKey, out var entry) || entry.Record.State != OutboxState.Pending
                || entry.Worker != lease.Worker || entry.LeasedUntil != lease.LeasedUntil || entry.Record.Attempts != lease.Attempt)
            {
                return new(false);
            }

            action(entry);
            return new(true);
        }
    }

    private void Close(Entry entry, OutboxState state, string? reason, Instant at)
    {
        _pending.Remove((entry.Record.Message.DueAt, entry.Record.Message.IdempotencyKey));
        entry.Record = entry.Record with { State = state, Reason = reason, ClosedAt = at };
        entry.Worker = null;
    }

    private void SetDue(CustomerId customer, Instant? due)
    {
        if (due is { } d)
        {
            if (!_dueOf.TryGetValue(customer, out var old) || old != d)
            {
                _dueOf[customer] = d;
                _due.Enqueue(customer, (d, customer));
            }
        }
        else
        {
            _dueOf.Remove(customer);
        }

        if (_due.Count > 4 * (_dueOf.Count + 1024))
        {
            // Too many stale entries: rebuild the heap from the current instants.
            _due.Clear();
            foreach (var (c, at) in _dueOf)
            {
                _due.Enqueue(c, (at, c));
            }
        }
    }

    private sealed class Entry
    {
        public required OutboxRecord Record { get; set; }

        public string? Worker { get; set; }

        public Instant LeasedUntil { get; set; }
    }

    private sealed class DueComparer : IComparer<(Instant Due, CustomerId Customer)>
    {
        public static readonly DueComparer Instance = new();

        public int Compare((Instant Due, CustomerId Customer) x, (Instant Due, CustomerId Customer) y)
        {
            var c = x.Due.CompareTo(y.Due);
            return c != 0 ? c : string.CompareOrdinal(x.Customer.Value, y.Customer.Value);
        }
    }

    private sealed class PendingComparer : IComparer<(Instant Due, string Key)>
    {
        public static readonly PendingComparer Instance = new();

        public int Compare((Instant Due, string Key) x, (Instant Due, string Key) y)
        {
            var c = x.Due.CompareTo(y.Due);
            return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
