namespace CrmKit.CareProcess;

/// <summary>
/// The size limits of a process definition, checked by <see cref="ProcessDefinition.Validate(ProcessModel)"/> (and so
/// by <see cref="ProcessJson.ReadDefinition(string)"/> and <see cref="ProcessBuilder"/>) before anything else, each
/// reported with its JSON path. Documented in <c>docs/care-process.md</c> (section "Limits").
/// </summary>
/// <remarks>
/// A care process is a diagram staff read, with tens of states at most (see <see cref="BuiltInProcesses"/>). The
/// limits are far above that and keep validation and the precomputed step tables bounded
/// (a definition is validated in time linear in its size, plus at most
/// <see cref="MaxGuardedTransitions"/>² guard comparisons per state and trigger).
/// </remarks>
public static class ProcessLimits
{
    /// <summary><see cref="MaxDelayDays"/> as a duration.</summary>
    internal static readonly NodaTime.Duration MaxDelay = NodaTime.Duration.FromDays(MaxDelayDays);

    /// <summary>At most 1,000 states.</summary>
    public const int MaxStates = 1_000;

    /// <summary>At most 200 triggers (the step tables hold one entry per state and trigger).</summary>
    public const int MaxTriggers = 200;

    /// <summary>At most 10,000 transitions.</summary>
    public const int MaxTransitions = 10_000;

    /// <summary>At most 16 levels of states: a state without a parent is level 1, its children level 2, …</summary>
    public const int MaxStateDepth = 16;

    /// <summary>At most 64 guarded transitions leaving one state on one trigger (or one timer): guards are compared pairwise for overlap.</summary>
    public const int MaxGuardedTransitions = 64;

    /// <summary>At most 32 parameters per trigger.</summary>
    public const int MaxParameters = 32;

    /// <summary>
    /// The longest delay of an <c>after</c> timer and the longest time to complete of a task: 36,525 days (100
    /// years). Longer ones are mistakes (an 11,400-year timer passed validation and failed at <c>Start</c>, when its
    /// due instant fell outside the calendar).
    /// </summary>
    public const int MaxDelayDays = 36_525;

    /// <summary>At most 366 days before or after the date of an <c>atLocalTime</c> timer (<c>offsetDays</c>): a yearly occasion's reminder falls within a year of it.</summary>
    public const int MaxOffsetDays = 366;

    /// <summary>At most 64 effects in one list (a state's <c>onEntry</c> or <c>onExit</c>, a transition's <c>effects</c>).</summary>
    public const int MaxEffects = 64;
}
