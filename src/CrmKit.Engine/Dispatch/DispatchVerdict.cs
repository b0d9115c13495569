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
