using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// Builds a process definition in code. Each call adds to the model; <see cref="Build"/> validates it and reports
/// every problem at once.
/// </summary>
/// <example>
/// <code>
/// var ticket = new ProcessBuilder("mini-ticket", "Mini ticket", initial: "open")
///     .Trigger("solve")
///     .State("open")
///     .State("solved", final: true, onEntry: [new SendMessage(ContactChannel.Email, ContactPurpose.Transactional, "survey")])
///     .On("open", "solve", "solved")
///     .Build();
/// </code>
/// </example>
public sealed class ProcessBuilder
{
    private readonly List<StateDefinition> _states = [];
    private readonly List<TriggerDefinition> _triggers = [];
    private readonly List<TransitionDefinition> _transitions = [];
    private readonly string _id;
    private readonly LocalizedText _name;
    private readonly string _initial;
    private LocalizedText? _description;

    /// <summary>Starts a process; <paramref name="name"/> is a <see cref="LocalizedText"/> (a <see cref="string"/> converts to the same name in every language).</summary>
    public ProcessBuilder(string id, LocalizedText name, string initial) => (_id, _name, _initial) = (id, name, initial);

    /// <summary>Describes the process.</summary>
    public ProcessBuilder Describe(LocalizedText description)
    {
        _description = description;
        return this;
    }

    /// <summary>Adds a trigger.</summary>
    public ProcessBuilder Trigger(string id, LocalizedText? description = null, params TriggerParameter[] parameters)
    {
        _triggers.Add(new TriggerDefinition(id, description) { Parameters = [.. parameters] });
        return this;
    }

    /// <summary>Adds a state.</summary>
    public ProcessBuilder State(string id, LocalizedText? description = null, string? parent = null, string? initialChild = null, bool final = false,
        Effect[]? onEntry = null, Effect[]? onExit = null)
    {
        _states.Add(new StateDefinition(id, description)
        {
            Parent = parent,
            InitialChild = initialChild,
            IsFinal = final,
            OnEntry = [.. onEntry ?? []],
            OnExit = [.. onExit ?? []],
        });
        return this;
    }

    /// <summary>Adds a transition on a trigger (<paramref name="to"/> null: internal).</summary>
    public ProcessBuilder On(string from, string trigger, string? to, Guard? guard = null, params Effect[] effects)
    {
        _transitions.Add(new TransitionDefinition(from, to) { Trigger = trigger, Guard = guard, Effects = [.. effects] });
        return this;
    }

    /// <summary>Adds a timed transition after a time in <paramref name="from"/>.</summary>
    public ProcessBuilder After(string from, Duration delay, string to, bool businessHours = false, Guard? guard = null, params Effect[] effects)
    {
        _transitions.Add(new TransitionDefinition(from, to) { Timer = new AfterTimer(delay, businessHours), Guard = guard, Effects = [.. effects] });
        return this;
    }

    /// <summary>Adds a timed transition at a local time on a date held in the instance's data.</summary>
    public ProcessBuilder At(string from, AtLocalTimeTimer timer, string to, Guard? guard = null, params Effect[] effects)
    {
        _transitions.Add(new TransitionDefinition(from, to) { Timer = timer, Guard = guard, Effects = [.. effects] });
        return this;
    }

    /// <summary>The model as built so far (not validated).</summary>
    public ProcessModel ToModel() => new(_id, _name, _initial)
    {
        Description = _description,
        States = [.. _states],
        Triggers = [.. _triggers],
        Transitions = [.. _transitions],
    };

    /// <summary>Validates and builds the definition.</summary>
    /// <exception cref="InvalidProcessException">Every problem, with its JSON path.</exception>
    public ProcessDefinition Build() => ProcessDefinition.Create(ToModel());
}
