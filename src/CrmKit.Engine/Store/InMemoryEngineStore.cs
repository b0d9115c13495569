using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// A thread-safe in-memory <see cref="IEngineStore"/> (tests, replay, a single-process host). Every operation takes one
/// lock, held briefly, so a commit — state, event id, outbox entries, cancellations, tasks and the next-due index — is
/// seen whole or not at all.
/// </summary>
/// <remarks>
/// Each customer has one slot holding everything the store keeps for them (state and version, processed event ids, the
/// instant in the next-due index, their outbox entries), so a commit finds the customer once and, for a known customer,
/// allocates nothing beyond the outbox entries and tasks it adds.
/// </remarks>
public sealed class InMemoryEngineStore : IEngineStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CustomerId, Slot> _slots = [];
    // The next-due index: a 4-ary min-heap by (instant, customer id) whose entries carry the instant, so sifting compares
    // adjacent array elements instead of reading each slot (a cache miss per comparison at 100,000 customers).
    private DueEntry[] _dueHeap = [];
    private int _dueCount;
    private readonly Dictionary<string, Entry> _outbox = new(StringComparer.Ordinal);
    private readonly SortedSet<(Instant Due, string Key)> _pending = new(PendingComparer.Instance);
    private readonly Dictionary<string, CareTask> _tasks = new(StringComparer.Ordinal);
    // The closed keys as 128-bit XxHash128 values (16 bytes against a ~150-byte string each; with 10^7 keys the chance
    // of any two colliding is below 10^-24, so "an existing key is left as it is" holds in practice).
    private readonly HashSet<UInt128> _closedKeys = [];
    private readonly Dictionary<(OutboxState State, ContactVerdict Verdict, string? Reason, ContactChannel Channel), int> _closedCounts = [];

    /// <summary>
    /// Whether a message's record is kept once it is closed (sent, cancelled, dead-lettered, or queued already
    /// cancelled by the contact policy). True by default: <see cref="ListAsync"/> lists every entry, as
    /// <see cref="IEngineStore"/> requires.
    /// </summary>
    /// <remarks>
    /// False for a long replay that reads only the figures (<c>crmkit run</c>): a closed record is then dropped and only
    /// a 128-bit hash of its idempotency key (an entry with the same key is still ignored) and a count by state, verdict, reason and
    /// channel (what <see cref="CareEngine.StatisticsAsync"/> reports) are kept, so the store holds the pending entries
    /// instead of every message ever queued. <see cref="ListAsync"/> then lists the pending entries and those cancelled
    /// by an erasure or merge (kept whole), not the other closed ones.
    /// </remarks>
    public bool KeepClosedMessages { get; init; } = true;

    /// <summary>Customers stored.</summary>
    public int CustomerCount
    {
        get
        {
            lock (_gate)
            {
                var n = 0;
                foreach (var slot in _slots.Values)
                {
                    n += slot.Version > 0 ? 1 : 0;
                }

                return n;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<StoredCustomer> LoadAsync(CustomerId customerId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return new(_slots.TryGetValue(customerId, out var slot) ? new StoredCustomer(slot.State, slot.Version) : default);
        }
    }

    /// <summary>
    /// <see cref="IsProcessedAsync"/> and <see cref="LoadAsync"/> in one lookup under one acquisition of the lock (the
    /// engine's first step for every event): false when <paramref name="eventId"/> was processed for the customer, else
    /// true with the customer's state and version.
    /// </summary>
    internal bool TryLoadUnprocessed(CustomerId customerId, string? eventId, out StoredCustomer stored)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(customerId, out var slot))
            {
                stored = default;
                return true;
            }

            if (eventId is not null && slot.Ids.Contains(eventId))
            {
                stored = default;
                return false;
            }

            stored = new StoredCustomer(slot.State, slot.Version);
            return true;
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsProcessedAsync(CustomerId customerId, string eventId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return new(_slots.TryGetValue(customerId, out var slot) && slot.Ids.Contains(eventId));
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
            _slots.TryGetValue(commit.CustomerId, out var slot);
            if (commit.EventId is { } id && slot is not null && slot.Ids.Contains(id))
            {
                return new(CommitOutcome.Duplicate);
            }

            if ((slot?.Version ?? 0) != commit.ExpectedVersion)
            {
                return new(CommitOutcome.Conflict);
            }

            if (slot is null)
            {
                _slots[commit.CustomerId] = slot = new Slot(commit.CustomerId);
            }

            slot.State = commit.State;
            slot.Version++;
            if (commit.EventId is { } eventId)
            {
                slot.Ids.Add(eventId);
            }

            SetDue(slot, commit.State.NextDue);
            // Indexed loops over the commit's lists: foreach over IReadOnlyList<T> allocates an enumerator for each.
            var enqueue = commit.Enqueue;
            for (var r = 0; r < enqueue.Count; r++)
            {
                var record = enqueue[r];
                var key = record.Message.IdempotencyKey;
                if (_outbox.ContainsKey(key) || (!KeepClosedMessages && _closedKeys.Contains(KeyHash(key))))
                {
                    continue;
                }

                if (!KeepClosedMessages && record.State != OutboxState.Pending)
                {
                    // Queued already closed (the policy skipped or dropped it): counted, its key kept, nothing else.
                    Tally(record);
                    continue;
                }

                var owner = record.Message.CustomerId == commit.CustomerId ? slot : OwnerOf(record.Message.CustomerId);
                var added = new Entry { Record = record, Owner = owner };
                _outbox[key] = added;
                (owner.Outbox ??= []).Add(added);
                if (record.State == OutboxState.Pending)
                {
                    _pending.Add((record.Message.DueAt, key));
                }
            }

            var tasks = commit.Tasks;
            for (var t = 0; t < tasks.Count; t++)
            {
                _tasks.TryAdd(tasks[t].Key, tasks[t]);
            }

            var cancels = commit.Cancel;
            for (var c = 0; c < cancels.Count; c++)
            {
                var cancel = cancels[c];
                if (cancel.IdempotencyKey is { } key)
                {
                    if (_outbox.TryGetValue(key, out var entry) && entry.Record.State == OutboxState.Pending && entry.Record.Message.CustomerId == commit.CustomerId && cancel.Matches(entry.Record.Message))
                    {
                        Close(entry, OutboxState.Cancelled, cancel.Reason, cancel.At);
                    }
                }
                else if (slot.Outbox is { } entries)
                {
                    // Backwards: without kept closed messages, closing takes the entry out of this list.
                    for (var e = entries.Count - 1; e >= 0; e--)
                    {
                        var entry = entries[e];
                        if (entry.Record.State == OutboxState.Pending && cancel.Matches(entry.Record.Message))
                        {
                            Close(entry, OutboxState.Cancelled, cancel.Reason, cancel.At);
                        }
                    }
                }
            }

            if (commit.Erase)
            {
                if (slot.Outbox is { } entries)
                {
                    foreach (var entry in entries)
                    {
                        if (entry.Record.State == OutboxState.Pending)
                        {
                            // Kept whole in every case: the engine reads back what an erasure cancelled (rare).
                            Close(entry, OutboxState.Cancelled, commit.State.MergedInto is { } into ? $"customer merged into '{into.Value}'" : "customer erased", commit.At, keep: true);
                        }
                    }
                }

                // A loop, not Where with a lambda: capturing the parameter 'commit' allocated a closure on every commit.
                List<string>? dropped = null;
                foreach (var (key, task) in _tasks)
                {
                    if (task.CustomerId == commit.CustomerId)
                    {
                        (dropped ??= []).Add(key);
                    }
                }

                foreach (var key in dropped ?? [])
                {
                    _tasks.Remove(key);
                }
            }

            return new(CommitOutcome.Committed);
        }
    }

    /// <summary>The slot of a customer an outbox entry names (made, stateless, when the commit's entry names another customer).</summary>
    private Slot OwnerOf(CustomerId customer)
    {
        if (!_slots.TryGetValue(customer, out var slot))
        {
            _slots[customer] = slot = new Slot(customer);
        }

        return slot;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Read from the due heap without changing it: the earliest entries are found by walking the heap from its root,
    /// always taking the smallest entry seen so far (a small candidate heap of the walked entries' children), so a poll
    /// costs O(k log k) for k customers returned, and a customer's entry moves only when a commit changes its instant.
    /// </remarks>
    public ValueTask<IReadOnlyList<CustomerId>> DueAsync(Instant now, int max, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            if (_dueCount == 0 || _dueHeap[0].Due > now)
            {
                return new([]);
            }

            var result = new List<CustomerId>();
            var candidates = new PriorityQueue<int, DueEntry>(DueComparer.Instance);
            candidates.Enqueue(0, _dueHeap[0]);
            while (result.Count < max && candidates.TryDequeue(out var at, out var entry))
            {
                result.Add(entry.Slot.Customer);
                var first = (Arity * at) + 1;
                for (var child = first; child < first + Arity && child < _dueCount; child++)
                {
                    if (_dueHeap[child].Due <= now)
                    {
                        candidates.Enqueue(child, _dueHeap[child]);
                    }
                }
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
    /// <remarks>The states as they were when the enumeration started (taken under the lock, then yielded).</remarks>
    public async IAsyncEnumerable<CustomerState> StatesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        List<CustomerState> states;
        lock (_gate)
        {
            states = [];
            foreach (var slot in _slots.Values)
            {
                if (slot.State is { } state)
                {
                    states.Add(state);
                }
            }
        }

        foreach (var state in states)
        {
            ct.ThrowIfCancellationRequested();
            yield return state;
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
            // One list sorted in place (keys are unique, so the order is total): over a million entries after a long
            // replay, where OrderBy/ThenBy would add key arrays and a map of the same length.
            var list = new List<OutboxRecord>(state is null ? _outbox.Count : 0);
            foreach (var entry in _outbox.Values)
            {
                if (state is null || entry.Record.State == state)
                {
                    list.Add(entry.Record);
                }
            }

            list.Sort(static (x, y) =>
            {
                var c = x.Message.DueAt.CompareTo(y.Message.DueAt);
                return c != 0 ? c : string.CompareOrdinal(x.Message.IdempotencyKey, y.Message.IdempotencyKey);
            });
            return new(list);
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

    private void Close(Entry entry, OutboxState state, string? reason, Instant at, bool keep = false)
    {
        _pending.Remove((entry.Record.Message.DueAt, entry.Record.Message.IdempotencyKey));
        if (!KeepClosedMessages && !keep)
        {
            // Counted as its record would be listed, then dropped: only the key stays (for an enqueue of the same key).
            var key = entry.Record.Message.IdempotencyKey;
            _closedCounts[(state, entry.Record.Verdict, reason, entry.Record.Message.Channel)] = _closedCounts.GetValueOrDefault((state, entry.Record.Verdict, reason, entry.Record.Message.Channel)) + 1;
            _closedKeys.Add(KeyHash(key));
            _outbox.Remove(key);
            var owned = entry.Owner.Outbox!;
            owned.Remove(entry);
            if (owned.Count == 0)
            {
                entry.Owner.Outbox = null;
            }

            return;
        }

        entry.Record = entry.Record with { State = state, Reason = reason, ClosedAt = at };
        entry.Worker = null;
    }

    /// <summary>Counts a record queued already closed and keeps its key (<see cref="KeepClosedMessages"/> false).</summary>
    private void Tally(OutboxRecord record)
    {
        var group = (record.State, record.Verdict, record.Reason, record.Message.Channel);
        _closedCounts[group] = _closedCounts.GetValueOrDefault(group) + 1;
        _closedKeys.Add(KeyHash(record.Message.IdempotencyKey));
    }

    private static UInt128 KeyHash(string key) => System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.AsSpan()));

    /// <summary>
    /// The closed messages dropped (<see cref="KeepClosedMessages"/> false), counted by state, verdict, reason and
    /// channel; empty when closed messages are kept.
    /// </summary>
    internal IReadOnlyList<MessageCount> DroppedMessageCounts()
    {
        lock (_gate)
        {
            var counts = new List<MessageCount>(_closedCounts.Count);
            foreach (var ((state, verdict, reason, channel), count) in _closedCounts)
            {
                counts.Add(new MessageCount(state, verdict, reason, channel, count));
            }

            return counts;
        }
    }

    /// <summary>Puts the customer's entry in the due heap at <paramref name="due"/>, moves it, or takes it out (none).</summary>
    private void SetDue(Slot slot, Instant? due)
    {
        if (slot.Due == due)
        {
            return;
        }

        if (due is not { } instant)
        {
            // Out of the heap: the last entry takes its place and moves up or down from there.
            var at = slot.HeapIndex;
            var last = _dueHeap[--_dueCount];
            _dueHeap[_dueCount] = default;
            slot.Due = null;
            slot.HeapIndex = -1;
            if (at < _dueCount)
            {
                Resettle(last, at);
            }

            return;
        }

        var fresh = slot.Due is null;
        slot.Due = due;
        if (fresh)
        {
            if (_dueCount == _dueHeap.Length)
            {
                Array.Resize(ref _dueHeap, Math.Max(16, 2 * _dueHeap.Length));
            }

            slot.HeapIndex = _dueCount++;
        }

        Resettle(new DueEntry(instant, slot), slot.HeapIndex);
    }

    /// <summary>Places <paramref name="entry"/> at <paramref name="at"/> and moves it up or down the due heap until its parent is not later and no child earlier.</summary>
    private void Resettle(DueEntry entry, int at)
    {
        while (at > 0 && DueComparer.Less(entry, _dueHeap[(at - 1) / Arity]))
        {
            Place(_dueHeap[(at - 1) / Arity], at);
            at = (at - 1) / Arity;
        }

        while (true)
        {
            var first = (Arity * at) + 1;
            if (first >= _dueCount)
            {
                break;
            }

            var child = first;
            var end = Math.Min(first + Arity, _dueCount);
            for (var c = first + 1; c < end; c++)
            {
                if (DueComparer.Less(_dueHeap[c], _dueHeap[child]))
                {
                    child = c;
                }
            }

            if (!DueComparer.Less(_dueHeap[child], entry))
            {
                break;
            }

            Place(_dueHeap[child], at);
            at = child;
        }

        Place(entry, at);
    }

    private void Place(DueEntry entry, int at)
    {
        _dueHeap[at] = entry;
        entry.Slot.HeapIndex = at;
    }

    /// <summary>Children per node of the due heap: four halves its depth against a binary heap, and they are adjacent in the array.</summary>
    private const int Arity = 4;

    /// <summary>An entry of the due heap: the customer's next-due instant (a copy of <see cref="Slot.Due"/>) and the slot.</summary>
    private readonly record struct DueEntry(Instant Due, Slot Slot);

    /// <summary>Everything the store keeps for one customer; changed only under the store's lock.</summary>
    private sealed class Slot(CustomerId customer)
    {
        /// <summary>The processed event ids.</summary>
        public IdSet<string> Ids;

        public CustomerId Customer { get; } = customer;

        public CustomerState? State { get; set; }

        public long Version { get; set; }

        /// <summary>The customer's instant in the due heap, else none (not in it).</summary>
        public Instant? Due { get; set; }

        /// <summary>The customer's position in the due heap, −1 when not in it.</summary>
        public int HeapIndex { get; set; } = -1;

        /// <summary>The customer's outbox entries, in the order they were added.</summary>
        public List<Entry>? Outbox { get; set; }
    }

    /// <summary>A set of ids kept in a plain array up to <see cref="Listed"/> (most customers have few events), then in a hash set.</summary>
    private struct IdSet<T>
        where T : IEquatable<T>
    {
        private const int Listed = 8;

        private T[]? _list;
        private int _count;
        private HashSet<T>? _set;

        public readonly bool Contains(T id)
        {
            if (_set is not null)
            {
                return _set.Contains(id);
            }

            for (var i = 0; i < _count; i++)
            {
                if (_list![i].Equals(id))
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(T id)
        {
            if (_set is not null)
            {
                _set.Add(id);
                return;
            }

            if (_count == Listed)
            {
                _set = new HashSet<T>(_list!) { id };
                _list = null;
                return;
            }

            if (_list is null || _count == _list.Length)
            {
                Array.Resize(ref _list, _list is null ? 2 : 2 * _list.Length);
            }

            _list[_count++] = id;
        }
    }

    /// <summary>The due heap's order: the instant, then the customer id (ordinal), as <see cref="DueAsync"/> lists them.</summary>
    private sealed class DueComparer : IComparer<DueEntry>
    {
        public static readonly DueComparer Instance = new();

        /// <summary>Whether <paramref name="x"/> comes before <paramref name="y"/> (the slots are read only when the instants tie).</summary>
        public static bool Less(in DueEntry x, in DueEntry y)
            => x.Due != y.Due ? x.Due < y.Due : string.CompareOrdinal(x.Slot.Customer.Value, y.Slot.Customer.Value) < 0;

        public int Compare(DueEntry x, DueEntry y)
        {
            var c = x.Due.CompareTo(y.Due);
            return c != 0 ? c : string.CompareOrdinal(x.Slot.Customer.Value, y.Slot.Customer.Value);
        }
    }

    private sealed class Entry
    {
        public required OutboxRecord Record { get; set; }

        /// <summary>The slot whose <see cref="Slot.Outbox"/> lists the entry.</summary>
        public required Slot Owner { get; init; }

        public string? Worker { get; set; }

        public Instant LeasedUntil { get; set; }
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
