using System.Collections.Immutable;
using System.Diagnostics;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A trigger the engine did not accept: the state, the trigger, why, and what would have been accepted.</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="State">The instance's state.</param>
/// <param name="Trigger">The trigger fired.</param>
/// <param name="Reason">Why it was rejected.</param>
/// <param name="Permitted">The triggers the state accepts.</param>
/// <param name="Detail">The guards that failed or the argument problem.</param>
public sealed record Rejection(string ProcessId, string State, string Trigger, RejectionReason Reason, ImmutableArray<string> Permitted, string? Detail = null)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var why = Reason switch
        {
            RejectionReason.UnknownTrigger => $"'{Trigger}' is not a trigger of {ProcessId}",
            RejectionReason.NotPermitted => $"'{Trigger}' is not permitted in state '{State}' of {ProcessId}",
            RejectionReason.GuardsFailed => $"'{Trigger}' in state '{State}' of {ProcessId}: no guard holds",
            RejectionReason.BadArguments => $"'{Trigger}' in state '{State}' of {ProcessId}: bad arguments",
            RejectionReason.WrongSnapshot => $"the snapshot does not fit {ProcessId}",
            _ => throw new UnreachableException($"RejectionReason {Reason} has no text."),
        };
        return $"{why}{(Detail is null ? "" : $" ({Detail})")}; permitted: {(Permitted.IsEmpty ? "none" : string.Join(", ", Permitted))}.";
    }
}
