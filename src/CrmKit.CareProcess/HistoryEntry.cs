using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>One step of an instance's history.</summary>
/// <param name="From">The state left (equal to <paramref name="To"/> for an internal transition).</param>
/// <param name="To">The state entered.</param>
/// <param name="At">When.</param>
/// <param name="Trigger">The trigger, or none for a timed transition.</param>
public sealed record HistoryEntry(string From, string To, Instant At, string? Trigger = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"{At}: {From} → {To} ({Trigger ?? "timer"})";
}
