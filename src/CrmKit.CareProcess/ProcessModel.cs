using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Where a guard reads its value.</summary>
public enum GuardSource
{
    /// <summary>A parameter of the trigger being fired.</summary>
    Parameter,

    /// <summary>The instance's data (<see cref="ProcessSnapshot.Data"/>).</summary>
    Data,
}

/// <summary>How a guard compares.</summary>
public enum GuardOperator
{
    /// <summary>Equal to the value.</summary>
    Equal,

    /// <summary>Set and not equal to the value.</summary>
    NotEqual,

    /// <summary>Less than the value.</summary>
    LessThan,

    /// <summary>Less than or equal to the value.</summary>
    LessThanOrEqual,

    /// <summary>Greater than the value.</summary>
    GreaterThan,

    /// <summary>Greater than or equal to the value.</summary>
    GreaterThanOrEqual,

    /// <summary>Has a value.</summary>
    IsSet,

    /// <summary>Has no value.</summary>
    IsNotSet,
}

/// <summary>
/// A condition a transition needs, on one trigger parameter or one data value, with a description staff read on
/// the diagram ("under warranty"). A missing value satisfies only <see cref="GuardOperator.IsNotSet"/>.
/// </summary>
/// <param name="Description">What the guard means, shown on diagrams and in rejections.</param>
/// <param name="Source">Parameter or data.</param>
/// <param name="Name">The parameter's or data value's name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with (none for is-set / is-not-set).</param>
public sealed record Guard(string Description, GuardSource Source, string Name, GuardOperator Operator, ProcessValue? Value = null)
{
    /// <summary>Whether <paramref name="actual"/> (null when missing) satisfies the guard.</summary>
    public bool Holds(ProcessValue? actual)
    {
        if (Operator is GuardOperator.IsSet or GuardOperator.IsNotSet)
        {
            return actual.HasValue == (Operator == GuardOperator.IsSet);
        }

        if (actual is not { } a || Value is not { } v || a.Kind != v.Kind)
        {
            return false;
        }

        return Operator switch
        {
            GuardOperator.Equal => a.Equals(v),
            GuardOperator.NotEqual => !a.Equals(v),
            GuardOperator.LessThan => a.CompareTo(v) < 0,
            GuardOperator.LessThanOrEqual => a.CompareTo(v) <= 0,
            GuardOperator.GreaterThan => a.CompareTo(v) > 0,
            _ => a.CompareTo(v) >= 0,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>Something the host performs when a transition is taken: the engine only says what, never does it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SendMessage), "send")]
[JsonDerivedType(typeof(CreateTask), "task")]
[JsonDerivedType(typeof(AssignStaff), "assign")]
[JsonDerivedType(typeof(SetAttributeValue), "setAttribute")]
[JsonDerivedType(typeof(StartProcess), "startProcess")]
public abstract record Effect
{
    private protected Effect()
    {
    }

    /// <summary>A short text for diagrams and logs.</summary>
    public abstract string Describe();
}

/// <summary>Send a message from a template.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Marketing or transactional (decides which consent and caps apply).</param>
/// <param name="Template">The host's template id.</param>
public sealed record SendMessage(ContactChannel Channel, ContactPurpose Purpose, string Template) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"send {Template} by {Channel}";
}

/// <summary>Create a task for staff.</summary>
/// <param name="Title">What to do.</param>
/// <param name="Role">Who should do it (a role the host maps to staff), or none.</param>
/// <param name="DueIn">How long the task may take, or none.</param>
public sealed record CreateTask(string Title, string? Role = null, Duration? DueIn = null) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"task: {Title}";
}

/// <summary>Assign the case to a member of staff in a role.</summary>
/// <param name="Role">The role.</param>
public sealed record AssignStaff(string Role) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"assign {Role}";
}

/// <summary>Update one of the customer's attributes.</summary>
/// <param name="Name">The attribute.</param>
/// <param name="Value">The new value.</param>
public sealed record SetAttributeValue(string Name, ProcessValue Value) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"set {Name} = {Value}";
}

/// <summary>Start another process for the same customer.</summary>
/// <param name="ProcessId">The process to start.</param>
public sealed record StartProcess(string ProcessId) : Effect
{
    /// <inheritdoc/>
    public override string Describe() => $"start {ProcessId}";
}

/// <summary>When a timed transition fires.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AfterTimer), "after")]
[JsonDerivedType(typeof(AtLocalTimeTimer), "atLocalTime")]
public abstract record Timer
{
    private protected Timer()
    {
    }

    /// <summary>A short text for diagrams ("after 3 days").</summary>
    public abstract string Describe();
}

/// <summary>After a time spent in the state, optionally counted on the business-hours calendar.</summary>
/// <param name="Delay">How long.</param>
/// <param name="BusinessHours">Count only open hours of the environment's <see cref="BusinessCalendar"/>.</param>
public sealed record AfterTimer(Duration Delay, bool BusinessHours = false) : Timer
{
    /// <inheritdoc/>
    public override string Describe() => $"after {Format(Delay)}{(BusinessHours ? " (business hours)" : "")}";

    internal static string Format(Duration d)
    {
        if (d.TotalDays >= 1 && d.Minus(Duration.FromDays(d.Days)) == Duration.Zero)
        {
            return d.Days == 1 ? "1 day" : $"{d.Days} days";
        }

        if (d.TotalHours >= 1 && d.Minus(Duration.FromHours((long)d.TotalHours)) == Duration.Zero)
        {
            return $"{(long)d.TotalHours} h";
        }

        return $"{d.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
    }
}

/// <summary>
/// At a local time in the customer's zone on a date held in the instance's data — every year on its anniversary
/// (a birthday) or once — optionally some days before or after. A 29 February anniversary falls on 28 February in
/// other years; a local time that does not exist on a daylight-saving day moves forward by the gap.
/// </summary>
/// <param name="DateData">The data value holding the date.</param>
/// <param name="Time">The local time.</param>
/// <param name="OffsetDays">
/// Days after (negative: before) the date, within ±<see cref="ProcessLimits.MaxOffsetDays"/> (checked by the validator). A yearly
/// timer is due at the first reminder after the instance entered the state, whichever year its occasion is in:
/// 30 days before a 10 January birthday, entered on 20 December 2025, is due on 11 December 2026 (the reminder for
/// 10 January 2026 fell before entry).
/// </param>
/// <param name="EveryYear">Whether the date recurs yearly.</param>
public sealed record AtLocalTimeTimer(string DateData, LocalTime Time, int OffsetDays = 0, bool EveryYear = true) : Timer
{
    /// <inheritdoc/>
    public override string Describe()
    {
        var offset = OffsetDays switch
        {
            0 => "",
            > 0 => $"{OffsetDays} d after ",
            _ => $"{-OffsetDays} d before ",
        };
        return $"at {Time:HH:mm} local {offset}{(EveryYear ? "each " : "")}{DateData}";
    }
}

/// <summary>A typed parameter of a trigger.</summary>
/// <param name="Name">The name guards refer to.</param>
/// <param name="Kind">The type of value it carries.</param>
public sealed record TriggerParameter(string Name, ValueKind Kind);

/// <summary>Something that happens to a process instance (a reply, a payment, a decision).</summary>
/// <param name="Id">The trigger's id.</param>
/// <param name="Description">What it means.</param>
public sealed record TriggerDefinition(string Id, string? Description = null)
{
    /// <summary>The parameters, positional when the trigger is fired.</summary>
    public ImmutableArray<TriggerParameter> Parameters { get; init; } = [];
}

/// <summary>A state of a process.</summary>
/// <param name="Id">The state's id.</param>
/// <param name="Description">What it means, for staff.</param>
public sealed record StateDefinition(string Id, string? Description = null)
{
    /// <summary>The enclosing state: its transitions apply to this one too. None for a top-level state.</summary>
    public string? Parent { get; init; }

    /// <summary>For a state with children: the child entered when a transition targets this state.</summary>
    public string? InitialChild { get; init; }

    /// <summary>A final state: the instance ends there (only internal transitions may follow).</summary>
    [JsonPropertyName("final")]
    public bool IsFinal { get; init; }

    /// <summary>Effects when the state is entered.</summary>
    public ImmutableArray<Effect> OnEntry { get; init; } = [];

    /// <summary>Effects when the state is left.</summary>
    public ImmutableArray<Effect> OnExit { get; init; } = [];
}

/// <summary>
/// A transition: from a state, on a trigger or a timer (exactly one), optionally guarded, to a target state or —
/// without a target — an internal transition whose effects run without leaving the state.
/// </summary>
/// <param name="From">The source state (transitions from a parent apply to all its descendants).</param>
/// <param name="To">The target, or none for an internal transition.</param>
public sealed record TransitionDefinition(string From, string? To = null)
{
    /// <summary>The trigger, for a triggered transition.</summary>
    public string? Trigger { get; init; }

    /// <summary>The timer, for a timed transition.</summary>
    public Timer? Timer { get; init; }

    /// <summary>The guard, if any.</summary>
    public Guard? Guard { get; init; }

    /// <summary>Effects of the transition itself (between the exit and entry effects of the states).</summary>
    public ImmutableArray<Effect> Effects { get; init; } = [];

    /// <summary>"reply [guard] / effects" or "after 3 days".</summary>
    public string Label()
    {
        var label = Trigger ?? Timer?.Describe() ?? "";
        if (Guard is { } g)
        {
            label += $" [{g.Description}]";
        }

        return label;
    }
}

/// <summary>
/// The data of a process definition: states, triggers and transitions, as written by hand, read from JSON or built
/// with <see cref="ProcessBuilder"/>. Turn it into a validated, executable <see cref="ProcessDefinition"/> with
/// <see cref="ProcessDefinition.Create(ProcessModel)"/>.
/// </summary>
/// <param name="Id">The process id (lower-case letters, digits and dashes).</param>
/// <param name="Name">The name shown to staff.</param>
/// <param name="Initial">The state a new instance starts in.</param>
public sealed record ProcessModel(string Id, string Name, string Initial)
{
    /// <summary>What the process is for.</summary>
    public string? Description { get; init; }

    /// <summary>The states.</summary>
    public ImmutableArray<StateDefinition> States { get; init; } = [];

    /// <summary>The triggers.</summary>
    public ImmutableArray<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>The transitions, in priority order (guarded candidates are tried in this order).</summary>
    public ImmutableArray<TransitionDefinition> Transitions { get; init; } = [];
}
