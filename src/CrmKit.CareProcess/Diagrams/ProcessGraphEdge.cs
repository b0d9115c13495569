namespace CrmKit.CareProcess;

/// <summary>A transition of a <see cref="ProcessGraph"/>.</summary>
/// <param name="From">The source state's id.</param>
/// <param name="To">The target state's id; <see langword="null"/> for an internal transition (no state change).</param>
/// <param name="Label">Trigger or timer, guard in brackets, effects after <c>" / "</c>, e.g. <c>reply [priority = high] / assign agent</c>.</param>
/// <param name="IsTimed">Whether a timer (not a trigger) fires the transition.</param>
public sealed record ProcessGraphEdge(string From, string? To, string Label, bool IsTimed)
{
    /// <summary>Whether the transition stays in its state (it has no target).</summary>
    public bool IsInternal => To is null;
}
