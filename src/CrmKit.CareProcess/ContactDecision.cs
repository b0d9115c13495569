using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>The decision on one action, with the reason when it is not simply allowed.</summary>
/// <param name="Verdict">Allowed, deferred, skipped or dropped.</param>
/// <param name="SendAt">When to send (allowed or deferred), else none.</param>
/// <param name="Reason">Why it was not allowed as asked ("quiet hours", "SMS cap: 3 per 24 h", "no marketing consent for Zalo").</param>
public readonly record struct ContactDecision(ContactVerdict Verdict, Instant? SendAt, string? Reason);
