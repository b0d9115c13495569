using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A message handed to a channel.</summary>
/// <param name="IdempotencyKey">The provider's dedup key: a channel receives each message at least once and must not deliver a key twice.</param>
/// <param name="CustomerId">The recipient.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Template">The template.</param>
/// <param name="DueAt">When it was due.</param>
public sealed record CareMessage(string IdempotencyKey, CustomerId CustomerId, ContactChannel Channel, ContactPurpose Purpose, string Template, Instant DueAt);
