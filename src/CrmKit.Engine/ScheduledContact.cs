using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A contact the caps count: one made (a <see cref="ContactMadeEvent"/>) or one queued for <see cref="At"/>.</summary>
/// <param name="At">When it was (or will be) made.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="IdempotencyKey">The queued message, else none.</param>
public sealed record ScheduledContact(Instant At, ContactChannel Channel, ContactPurpose Purpose, string? IdempotencyKey = null);
