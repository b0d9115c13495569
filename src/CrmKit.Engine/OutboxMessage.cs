using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A message the engine queued: what the dispatcher sends when <see cref="DueAt"/> comes.</summary>
/// <param name="IdempotencyKey">
/// Deterministic and unique: <c>{journey}@v{version}/{instance}/{step}.{effect}/{due}</c> (see docs/engine-semantics.md).
/// Replaying the same history gives the same keys; a channel uses it as the provider's dedup key.
/// </param>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Template">The template to render.</param>
/// <param name="DueAt">When to send (after the contact policy: a deferred message's allowed instant).</param>
/// <param name="JourneyId">The journey's versioned id (<c>after-sale@v1</c>).</param>
/// <param name="InstanceId">The journey instance (an order, ticket or claim id, or the customer id; <c>#n</c> for the n-th re-entry).</param>
public sealed record OutboxMessage(
    string IdempotencyKey,
    CustomerId CustomerId,
    ContactChannel Channel,
    ContactPurpose Purpose,
    string Template,
    Instant DueAt,
    string JourneyId,
    string InstanceId);
