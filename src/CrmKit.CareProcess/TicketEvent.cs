using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>One ticket event.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What.</param>
public readonly record struct TicketEvent(Instant At, TicketEventKind Kind);
