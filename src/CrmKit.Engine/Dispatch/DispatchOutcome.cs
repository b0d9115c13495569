using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Engine;

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
