using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Outbox entries with one state, verdict, reason and channel.</summary>
/// <param name="State">Pending, sent, cancelled, dead-lettered.</param>
/// <param name="Verdict">The policy's verdict when queued.</param>
/// <param name="Reason">The reason, else none.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Count">How many.</param>
public sealed record MessageCount(OutboxState State, ContactVerdict Verdict, string? Reason, ContactChannel Channel, int Count);
