using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The contact policy's decision on one message effect.</summary>
/// <param name="Message">The message (for a skipped or dropped one, <see cref="OutboxMessage.DueAt"/> is the instant it was due).</param>
/// <param name="Verdict">Allowed, deferred, skipped or dropped.</param>
/// <param name="Reason">Why it was not simply allowed, else none.</param>
public sealed record MessageDecision(OutboxMessage Message, ContactVerdict Verdict, string? Reason);
