using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>What <see cref="CareDispatcher"/> did with one claimed message.</summary>
public enum DispatchVerdict
{
    /// <summary>The channel accepted it; the contact was recorded and the entry marked sent.</summary>
    Sent,

    /// <summary>The send-time check deferred it (quiet hours, a cap): rescheduled to the allowed instant.</summary>
    Deferred,

    /// <summary>The send-time check cancelled it (consent withdrawn, customer erased or merged, journey exited); the channel was not called.</summary>
    Cancelled,

    /// <summary>Failed for good (a permanent failure, retries exhausted, no channel registered): kept with the reason.</summary>
    DeadLettered,

    /// <summary>Given back unsent, due now, because its lease would run out before a send could finish; another round takes it.</summary>
    Released,

    /// <summary>
    /// The outcome could not be stored because the entry was no longer leased to this worker: its lease expired and
    /// another worker claimed it, or the engine settled it meanwhile (a consent withdrawal or an erasure cancels pending
    /// entries). If it was sent, the contact is recorded, and another worker's send carries the same idempotency key.
    /// </summary>
    LeaseLost,

    /// <summary>
    /// Settling it threw (the store or the engine failed, e.g. during an outage); the other messages of the batch go on.
    /// The entry stays leased and is claimed again after its lease; the reason names the exception.
    /// </summary>
    Failed,
}

/// <summary>One claimed message and what became of it.</summary>
/// <param name="IdempotencyKey">The outbox entry.</param>
/// <param name="CustomerId">The recipient (masked by its <c>ToString</c>).</param>
/// <param name="Channel">The channel.</param>
/// <param name="Verdict">What the dispatcher did.</param>
/// <param name="Reason">Why it was deferred, cancelled, dead-lettered or released, else none.</param>
/// <param name="Attempts">
/// Calls of the channel in this claim, retries included (0 when the channel was not called: no channel registered,
/// cancelled or deferred at send time, released). Not <see cref="OutboxRecord.Attempts"/>, which counts claims: a message
/// dead-lettered for a missing channel has 0 here and 1 there; one sent after two retries has 3 here and 1 there.
/// </param>
public sealed record DispatchOutcome(string IdempotencyKey, CustomerId CustomerId, ContactChannel Channel, DispatchVerdict Verdict, string? Reason, int Attempts);

/// <summary>The result of <see cref="CareDispatcher.DispatchAsync"/>: one outcome per claimed message, in claim order.</summary>
/// <param name="Outcomes">The outcomes.</param>
public sealed record DispatchReport(ImmutableArray<DispatchOutcome> Outcomes)
{
    /// <summary>No message claimed.</summary>
    public static DispatchReport Empty { get; } = new(ImmutableArray<DispatchOutcome>.Empty);

    /// <summary>Messages claimed.</summary>
    public int Claimed => Outcomes.Length;

    /// <summary>How many outcomes have <paramref name="verdict"/>.</summary>
    public int Count(DispatchVerdict verdict) => Outcomes.Count(o => o.Verdict == verdict);

    /// <summary>This report followed by <paramref name="other"/>.</summary>
    public DispatchReport Concat(DispatchReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Outcomes.IsEmpty ? this : new(Outcomes.AddRange(other.Outcomes));
    }

    /// <inheritdoc/>
    public override string ToString()
        => Claimed == 0 ? "nothing due" : string.Join(", ", Enum.GetValues<DispatchVerdict>().Select(v => (v, n: Count(v))).Where(p => p.n > 0).Select(p => $"{p.n} {p.v}"));
}
