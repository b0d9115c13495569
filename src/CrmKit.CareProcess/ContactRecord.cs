using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>A message or call that went (or will go) out: what the frequency caps count.</summary>
/// <param name="At">When.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Marketing or transactional.</param>
public readonly record struct ContactRecord(Instant At, ContactChannel Channel, ContactPurpose Purpose);
