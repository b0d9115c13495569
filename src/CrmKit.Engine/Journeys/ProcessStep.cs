using System.Collections.Immutable;
using CrmKit.CareProcess;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Fires a journey step's trigger the way <see cref="ProcessDefinition.Fire"/> does, building only what the engine
/// keeps: the new snapshot (without history — a journey instance stores none), the transition taken and the next due
/// instant. <see cref="ProcessDefinition.Fire"/> also builds a snapshot with a history entry, a
/// <see cref="StepResult"/>, a <see cref="FireResult"/> and a transitions array, which the engine dropped at once.
/// </summary>
internal static class ProcessStep
{
    /// <summary>
    /// The step fired on <paramref name="snapshot"/> at <paramref name="now"/>, else none when the trigger is not taken
    /// (unknown trigger, not permitted, guards failed, bad arguments, a snapshot of another process or of a parent
    /// state): the caller then asks <see cref="ProcessDefinition.Fire"/> for the rejection and its reason (rare).
    /// </summary>
    /// <remarks>
    /// The same semantics as <see cref="ProcessDefinition.Fire"/> (checked by <c>ProcessStepTests</c> over every
    /// built-in process, state and trigger): the state moves to the transition's target, <c>EnteredAt</c> moves to
    /// <paramref name="now"/> unless the transition is internal, the version goes up by one, and the trigger's arguments
    /// replace its parameters' data values (a missing trailing argument removes its value).
    /// </remarks>
    /// <param name="process">The process.</param>
    /// <param name="leaves">Per state index, whether the state has no children (<see cref="Leaves"/>).</param>
    /// <param name="trigger">The trigger's index (<see cref="ProcessDefinition.TriggerIndex"/>), −1 when unknown.</param>
    /// <param name="parameters">The trigger's parameters, positional.</param>
    /// <param name="snapshot">The instance's snapshot.</param>
    /// <param name="arguments">The trigger's arguments, positional.</param>
    /// <param name="now">When.</param>
    /// <param name="environment">The zone and business calendar timers count in.</param>
    public static (ProcessSnapshot Snapshot, ProcessTransition Taken, Instant? NextDue)? TryFire(
        ProcessDefinition process, bool[] leaves, int trigger, ImmutableArray<TriggerParameter> parameters,
        ProcessSnapshot snapshot, ReadOnlySpan<ProcessValue> arguments, Instant now, ProcessEnvironment environment)
    {
        var state = process.StateIndex(snapshot.State);
        if (trigger < 0 || state < 0 || snapshot.ProcessId != process.Id || !leaves[state])
        {
            return null;
        }

        var cursor = new ProcessCursor(state, snapshot.EnteredAt, snapshot.Version);
        if (process.TryFire(ref cursor, trigger, arguments, now, out var taken, snapshot.Data) != FireStatus.Fired)
        {
            return null;
        }

        var data = snapshot.Data;
        for (var p = 0; p < parameters.Length; p++)
        {
            // SetItem of an equal value and Remove of an absent name return the same dictionary: no copy then.
            data = p < arguments.Length ? data.SetItem(parameters[p].Name, arguments[p]) : data.Remove(parameters[p].Name);
        }

        var next = ReferenceEquals(data, snapshot.Data)
            ? snapshot with { State = taken!.To, EnteredAt = cursor.EnteredAt, Version = cursor.Version, History = [] }
            : snapshot with { State = taken!.To, EnteredAt = cursor.EnteredAt, Version = cursor.Version, History = [], Data = data };
        return (next, taken, process.NextDue(next, environment));
    }

    /// <summary>Per state index of <paramref name="process"/>, whether the state has no children (an instance can be in it).</summary>
    public static bool[] Leaves(ProcessDefinition process)
        => [.. process.Model.States.Select(s => !process.Model.States.Any(c => c.Parent == s.Id))];
}
