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

/// <summary>
/// The state of one process instance: what the host stores. Immutable; each step returns a new snapshot whose
/// <see cref="Version"/> is one higher, for optimistic concurrency (store it only if the stored version is still
/// the one you read). JSON round-trips through <see cref="ProcessJson"/> without loss.
/// </summary>
public sealed record ProcessSnapshot
{
    /// <summary>The process definition's id.</summary>
    public required string ProcessId { get; init; }

    /// <summary>The instance's id (a ticket number, a warranty case, a customer id).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current state (always a state without children).</summary>
    public required string State { get; init; }

    /// <summary>When the instance started.</summary>
    public Instant StartedAt { get; init; }

    /// <summary>When the current state was entered.</summary>
    public Instant EnteredAt { get; init; }

    /// <summary>Incremented by every step.</summary>
    public long Version { get; init; }

    /// <summary>The steps taken, oldest first.</summary>
    public ImmutableArray<HistoryEntry> History { get; init; } = [];

    /// <summary>
    /// The instance's data: values guards and timers read (priority, birthday, decision…). Setting it (or starting an
    /// instance) with a <c>default(ProcessValue)</c> throws <see cref="ArgumentException"/>: such a value could not be
    /// read back from JSON.
    /// </summary>
    public ImmutableSortedDictionary<string, ProcessValue> Data
    {
        get;
        init => field = CheckContent(value ?? throw new ArgumentNullException(nameof(value))).WithComparers(StringComparer.Ordinal);
    } = ImmutableSortedDictionary.Create<string, ProcessValue>(StringComparer.Ordinal);

    /// <summary>This snapshot with one data value set (the version is unchanged: data is the host's to manage).</summary>
    /// <exception cref="ArgumentException">The name is blank, or the value is <c>default(ProcessValue)</c>.</exception>
    public ProcessSnapshot WithData(string name, ProcessValue value)
        => value.IsEmpty ? throw new ArgumentException($"Data value '{name}' {ProcessValue.EmptyMessage}.", nameof(value)) : this with { Data = Data.SetItem(Guard(name), value) };

    /// <summary>This snapshot without one data value.</summary>
    public ProcessSnapshot WithoutData(string name) => this with { Data = Data.Remove(Guard(name)) };

    /// <inheritdoc/>
    public bool Equals(ProcessSnapshot? other)
        => other is not null && ProcessId == other.ProcessId && InstanceId == other.InstanceId && State == other.State
           && StartedAt == other.StartedAt && EnteredAt == other.EnteredAt && Version == other.Version
           && History.SequenceEqual(other.History) && Data.Count == other.Data.Count && Data.SequenceEqual(other.Data);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ProcessId, InstanceId, State, EnteredAt, Version, History.Length);

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessId}/{InstanceId} in {State} since {EnteredAt} (v{Version})";

    private static ImmutableSortedDictionary<string, ProcessValue> CheckContent(ImmutableSortedDictionary<string, ProcessValue> data)
    {
        foreach (var (name, value) in data)
        {
            if (ProcessValue.IllFormedAt(name) is { } at)
            {
                throw new ArgumentException($"Data name '{name}' has a lone surrogate at index {at}; it could not be stored as JSON.", nameof(data));
            }

            if (value.IsEmpty)
            {
                throw new ArgumentException($"Data value '{name}' {ProcessValue.EmptyMessage}.", nameof(data));
            }
        }

        return data;
    }

    private static string Guard(string name) => string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A data name must not be blank.", nameof(name)) : name;
}

/// <summary>Where and how an instance runs: the customer's zone (for local-time timers) and the business hours.</summary>
/// <param name="Zone">The zone local-time timers use.</param>
/// <param name="Calendar">The business-hours calendar for timers counted in business hours.</param>
public sealed record ProcessEnvironment(DateTimeZone Zone, BusinessCalendar Calendar)
{
    /// <summary>UTC, always open.</summary>
    public static ProcessEnvironment Default { get; } = new(DateTimeZone.Utc, BusinessCalendar.AlwaysOpen);
}

/// <summary>The result of a step the engine accepted.</summary>
/// <param name="Snapshot">The new snapshot.</param>
/// <param name="Effects">What the host should now do, in order (exit effects, the transitions' effects, entry effects).</param>
/// <param name="Transitions">The transitions taken (one for a trigger; zero or more when timers are advanced).</param>
/// <param name="NextDue">When the next timer of the new state is due, if any.</param>
public sealed record StepResult(ProcessSnapshot Snapshot, ImmutableArray<Effect> Effects, ImmutableArray<ProcessTransition> Transitions, Instant? NextDue);

/// <summary>Why a trigger was not accepted.</summary>
public enum RejectionReason
{
    /// <summary>The definition has no such trigger.</summary>
    UnknownTrigger,

    /// <summary>No transition from the current state (or its parents) on this trigger.</summary>
    NotPermitted,

    /// <summary>Transitions exist but none of their guards holds.</summary>
    GuardsFailed,

    /// <summary>The arguments do not match the trigger's parameters.</summary>
    BadArguments,

    /// <summary>The snapshot belongs to another process or names a state the definition does not have.</summary>
    WrongSnapshot,
}

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
            _ => $"the snapshot does not fit {ProcessId}",
        };
        return $"{why}{(Detail is null ? "" : $" ({Detail})")}; permitted: {(Permitted.IsEmpty ? "none" : string.Join(", ", Permitted))}.";
    }
}

/// <summary>Either an accepted step or a rejection; never both.</summary>
public sealed class FireResult
{
    private FireResult(StepResult? step, Rejection? rejection) => (Step, Rejection) = (step, rejection);

    /// <summary>The step, when accepted.</summary>
    public StepResult? Step { get; }

    /// <summary>Why not, when rejected.</summary>
    public Rejection? Rejection { get; }

    /// <summary>Whether the trigger was accepted.</summary>
    public bool IsAccepted => Step is not null;

    internal static FireResult Accepted(StepResult step) => new(step, null);

    internal static FireResult Rejected(Rejection rejection) => new(null, rejection);

    /// <summary>The step, or a <see cref="TriggerRejectedException"/>.</summary>
    public StepResult GetStepOrThrow() => Step ?? throw new TriggerRejectedException(Rejection!);

    /// <inheritdoc/>
    public override string ToString() => Step is { } s ? $"accepted: {s.Snapshot}" : $"rejected: {Rejection}";
}

/// <summary>A trigger was rejected (thrown only by the convenience methods; the step functions return a <see cref="Rejection"/>).</summary>
public sealed class TriggerRejectedException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public TriggerRejectedException(Rejection rejection)
        : base((rejection ?? throw new ArgumentNullException(nameof(rejection))).ToString()) => Rejection = rejection;

    /// <summary>The rejection.</summary>
    public Rejection Rejection { get; }
}

/// <summary>A process definition failed validation; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class InvalidProcessException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public InvalidProcessException(string processId, IReadOnlyList<string> problems)
        : base($"Process '{processId}' is invalid: {problems?.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p)))
        => Problems = [.. problems ?? []];

    /// <summary>Each problem, prefixed with its JSON path ("$.transitions[3].to: unknown state 'x'").</summary>
    public ImmutableArray<string> Problems { get; }
}
