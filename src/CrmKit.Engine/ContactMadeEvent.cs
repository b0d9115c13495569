using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// A contact was made, inbound or outbound. Outbound contacts count against the frequency caps; one carrying the
/// idempotency key of a queued message replaces that message's reservation instead of counting twice.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Transactional or marketing.</param>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="IdempotencyKey">The outbox message sent, when the contact is the dispatcher's record of a send.</param>
public sealed record ContactMadeEvent(ContactChannel Channel, ContactPurpose Purpose, InteractionDirection Direction, string? IdempotencyKey = null) : CareEvent;
