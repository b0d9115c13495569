using System.Collections.Concurrent;

namespace CrmKit.Engine.Tests.Dispatch;

/// <summary>
/// A small outbox and send-time check for the dispatcher's own tests (retries, dead letters, leases), independent of the
/// engine's unit of work; the end-to-end tests in <see cref="CareDispatcherEngineTests"/> use the real engine and store.
/// Lease rules follow <see cref="IOutboxStore"/>'s contract: a lease is the worker's until it expires or is settled.
/// </summary>
internal sealed class FakeDispatchTarget : IDispatchTarget, IOutboxStore
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public IOutboxStore Outbox => this;

    /// <summary>The send-time answer (default: send).</summary>
    public Func<OutboxMessage, Instant, SendCheck> Check { get; set; } = static (_, _) => SendCheck.Send;

    /// <summary>Every contact recorded, in order.</summary>
    public ConcurrentQueue<ContactMadeEvent> Recorded { get; } = new();

    public OutboxMessage Enqueue(string key, Instant due, ContactChannel channel = ContactChannel.Zalo, string customer = "C1")
    {
        var message = new OutboxMessage(key, new CustomerId(customer), channel, ContactPurpose.Transactional, "order-follow-up", due, "after-sale@v1", "O1");
        lock (_gate)
        {
            _entries.Add(new Entry(message));
        }

        return message;
    }

    public ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct) => ValueTask.FromResult(Check(message, now));

    public ValueTask RecordSentAsync(ContactMadeEvent contact, CancellationToken ct)
    {
        Recorded.Enqueue(contact);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, int max, Duration lease, string worker, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var claimed = new List<OutboxLease>();
            foreach (var e in _entries.Where(e => e.State == OutboxState.Pending && e.Message.DueAt <= now && (e.Lease is null || e.Lease.LeasedUntil <= now)).OrderBy(e => e.Message.DueAt).Take(max))
            {
                e.Attempts++;
                e.Lease = new OutboxLease(e.Message, worker, now + lease, e.Attempts);
                claimed.Add(e.Lease);
            }

            return ValueTask.FromResult<IReadOnlyList<OutboxLease>>(claimed);
        }
    }

    public ValueTask<bool> MarkSentAsync(OutboxLease lease, Instant at, CancellationToken ct = default) => Settle(lease, e => e.State = OutboxState.Sent, at);

    public ValueTask<bool> RescheduleAsync(OutboxLease lease, Instant dueAt, string reason, CancellationToken ct = default)
        => Settle(lease, e => (e.Message, e.Lease, e.Reason) = (e.Message with { DueAt = dueAt }, null, reason), null);

    public ValueTask<bool> CancelAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default) => Settle(lease, e => (e.State, e.Reason) = (OutboxState.Cancelled, reason), at);

    public ValueTask<bool> DeadLetterAsync(OutboxLease lease, string reason, Instant at, CancellationToken ct = default) => Settle(lease, e => (e.State, e.Reason) = (OutboxState.DeadLettered, reason), at);

    public ValueTask<IReadOnlyList<OutboxRecord>> ListAsync(OutboxState? state, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<OutboxRecord>>(
                [.. _entries.Where(e => state is null || e.State == state).Select(e => new OutboxRecord(e.Message, e.State, ContactVerdict.Allowed, e.Reason, e.Message.DueAt, e.ClosedAt, e.Attempts))]);
        }
    }

    private ValueTask<bool> Settle(OutboxLease lease, Action<Entry> change, Instant? at)
    {
        lock (_gate)
        {
            var e = _entries.Single(x => x.Message.IdempotencyKey == lease.Message.IdempotencyKey);
            if (e.State != OutboxState.Pending || e.Lease is null || e.Lease.Worker != lease.Worker || e.Lease.Attempt != lease.Attempt)
            {
                return ValueTask.FromResult(false);
            }

            change(e);
            e.ClosedAt = at;
            if (e.State != OutboxState.Pending)
            {
                e.Lease = null;
            }

            return ValueTask.FromResult(true);
        }
    }

    private sealed class Entry(OutboxMessage message)
    {
        public OutboxMessage Message { get; set; } = message;

        public OutboxState State { get; set; } = OutboxState.Pending;

        public OutboxLease? Lease { get; set; }

        public string? Reason { get; set; }

        public Instant? ClosedAt { get; set; }

        public int Attempts { get; set; }
    }
}
