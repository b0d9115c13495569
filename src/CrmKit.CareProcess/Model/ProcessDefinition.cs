using System.Collections.Immutable;
using System.Text.RegularExpressions;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// A validated, immutable process definition, shared by all its instances and safe to use from many threads. Built
/// once from a <see cref="ProcessModel"/> (every problem reported at once), it precomputes, for every state and
/// trigger, the candidate transitions with their effects, so the step functions are table lookups.
/// </summary>
/// <remarks>
/// Semantics. An instance is always in a state without children. Transitions defined on a parent apply to every
/// descendant; a state's own transitions are tried before its parents', guarded ones in definition order, an
/// unguarded one last. A transition targeting a parent enters its <see cref="StateDefinition.InitialChild"/> (down
/// to a state without children). Transitions are external: a self-transition exits and re-enters the state.
/// Timed transitions belong to states without children and count from when the state was entered. Guards on the
/// same state and trigger must test the same value and be provably disjoint, so at most one can hold.
/// </remarks>
public sealed partial class ProcessDefinition
{
    private readonly StateDefinition[] _states;
    private readonly Dictionary<string, int> _stateIndex;
    private readonly Dictionary<string, int> _triggerIndex;
    private readonly TriggerDefinition[] _triggers;
    private readonly ProcessTransition[][] _candidates; // [state * triggers + trigger]
    private readonly ProcessTransition[][] _timers; // [state]
    private readonly ImmutableArray<string>[] _permitted; // [state]
    private readonly int[] _guardParameter; // [transition index] → parameter position or −1
    private readonly bool[] _isLeaf;
    private static readonly ImmutableSortedDictionary<string, ProcessValue> NoData = ImmutableSortedDictionary.Create<string, ProcessValue>(StringComparer.Ordinal);
    private readonly int _initial; // the state a new instance starts in
    private readonly ImmutableArray<Effect> _initialEffects; // its entry effects, from the top state down

    private ProcessDefinition(ProcessModel model)
    {
        Model = model;
        _states = [.. model.States];
        _stateIndex = model.States.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _triggers = [.. model.Triggers];
        _triggerIndex = model.Triggers.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _guardParameter = [.. model.Transitions.Select(t => t.Guard is { Source: GuardSource.Parameter } g && t.Trigger is { } tr
            ? _triggers[_triggerIndex[tr]].Parameters.Select(p => p.Name).ToList().IndexOf(g.Name)
            : -1)];
        var parents = _states.Select(s => s.Parent).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _isLeaf = [.. _states.Select(s => !parents.Contains(s.Id))];

        // Transitions indexed by where they leave from (and on which trigger), so the tables below cost
        // states × triggers × levels lookups rather than a scan of every transition for each.
        var indexed = model.Transitions.Select((d, i) => (d, i)).ToList();
        var byTrigger = indexed.Where(x => x.d.Trigger is not null).ToLookup(x => (x.d.From, x.d.Trigger!));
        var byTimer = indexed.Where(x => x.d.Timer is not null).ToLookup(x => x.d.From, StringComparer.Ordinal);

        var n = _states.Length;
        _candidates = new ProcessTransition[n * Math.Max(1, _triggers.Length)][];
        _timers = new ProcessTransition[n][];
        _permitted = new ImmutableArray<string>[n];
        var chains = Enumerable.Range(0, n).Select(Chain).ToArray();
        for (var s = 0; s < n; s++)
        {
            var leaf = IsLeaf(s);
            var permitted = new List<string>();
            for (var t = 0; t < _triggers.Length; t++)
            {
                var list = new List<ProcessTransition>();
                foreach (var owner in chains[s])
                {
                    var own = byTrigger[(_states[owner].Id, _triggers[t].Id)].ToList();
                    list.AddRange(own.Where(x => x.d.Guard is not null).Concat(own.Where(x => x.d.Guard is null)).Select(x => Resolve(x.d, x.i, s, owner, chains)));
                }

                _candidates[(s * _triggers.Length) + t] = [.. list];
                if (leaf && list.Count > 0)
                {
                    permitted.Add(_triggers[t].Id);
                }
            }

            _timers[s] = [.. byTimer[_states[s].Id].Select(x => Resolve(x.d, x.i, s, s, chains))];
            _permitted[s] = [.. permitted];
        }

        States = [.. _states.Select(s => s.Id)];
        _initial = Descend(_stateIndex[model.Initial]);
        _initialEffects = [.. Enter(-1, _initial)];
    }

    /// <summary>The definition's data.</summary>
    public ProcessModel Model { get; }

    /// <summary>The process id.</summary>
    public string Id => Model.Id;

    /// <summary>The state ids, in definition order (their positions are the state indexes).</summary>
    public ImmutableArray<string> States { get; }

    /// <summary>Validates and builds a definition.</summary>
    /// <exception cref="InvalidProcessException">Every problem, each with its JSON path.</exception>
    public static ProcessDefinition Create(ProcessModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = Validate(model);
        return problems.Count > 0 ? throw new InvalidProcessException(model.Id, problems) : new ProcessDefinition(model);
    }

    /// <summary>
    /// Every problem of a model, each with its JSON path as <see cref="Problem.Location"/> (<c>$.transitions[3].to</c>)
    /// and what is wrong as <see cref="Problem.Message"/> (<c>unknown state 'x' (known: a, b)</c>); empty when it is
    /// valid. <see cref="Problem.ToString"/> prints <c>$.transitions[3].to: unknown state 'x' (known: a, b)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<Problem> Validate(ProcessModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Validator(model).Run();
    }

    /// <summary>The index of a state, or −1.</summary>
    public int StateIndex(string state) => _stateIndex.GetValueOrDefault(state ?? "", -1);

    /// <summary>The index of a trigger, or −1.</summary>
    public int TriggerIndex(string trigger) => _triggerIndex.GetValueOrDefault(trigger ?? "", -1);

    /// <summary>The state definition.</summary>
    public StateDefinition State(string id) => _states[_stateIndex.TryGetValue(id, out var i) ? i : throw new ArgumentException($"Process '{Id}' has no state '{id}'.", nameof(id))];

    /// <summary>Whether a state is final.</summary>
    public bool IsFinal(string state) => State(state).IsFinal;

    /// <summary>The triggers a state accepts (own and inherited), in definition order.</summary>
    public ImmutableArray<string> PermittedTriggers(string state) => _permitted[StateIndex(state) is var i and >= 0 ? i : throw new ArgumentException($"Process '{Id}' has no state '{state}'.", nameof(state))];

    /// <summary>The state a new instance starts in (the initial state, down its initial children).</summary>
    public string InitialState => _states[Descend(_stateIndex[Model.Initial])].Id;

    /// <summary>Starts an instance: the initial state's entry effects and its first timer.</summary>
    /// <exception cref="ArgumentException">
    /// The instance id is blank or not well-formed UTF-16, or a data value is <c>default(ProcessValue)</c> (a snapshot
    /// that could not be read back from JSON).
    /// </exception>
    public StepResult Start(string instanceId, Instant now, IEnumerable<KeyValuePair<string, ProcessValue>>? data = null, ProcessEnvironment? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (ProcessValue.IllFormedAt(instanceId) is { } at)
        {
            throw new ArgumentException($"The instance id has a lone surrogate at index {at}; it could not be stored as JSON.", nameof(instanceId));
        }

        // The initial state and its entry effects are the same for every instance: computed once, in the constructor.
        var snapshot = new ProcessSnapshot
        {
            ProcessId = Id,
            InstanceId = instanceId,
            State = _states[_initial].Id,
            StartedAt = now,
            EnteredAt = now,
            Version = 1,
            Data = data is null ? NoData : ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, data),
        };

        return new StepResult(snapshot, _initialEffects, [], NextDue(snapshot, environment));
    }

    /// <summary>
    /// The allocation-free step: fires a trigger on a cursor. On <see cref="FireStatus.Fired"/> the cursor moves and
    /// <paramref name="taken"/> holds the transition and its effects; otherwise nothing changes.
    /// </summary>
    /// <param name="cursor">The instance's position.</param>
    /// <param name="trigger">The trigger's index (<see cref="TriggerIndex(string)"/>).</param>
    /// <param name="arguments">The trigger's arguments, positional (missing trailing ones are unset).</param>
    /// <param name="now">When.</param>
    /// <param name="taken">The transition taken.</param>
    /// <param name="data">The instance's data, for guards that read it.</param>
    public FireStatus TryFire(ref ProcessCursor cursor, int trigger, ReadOnlySpan<ProcessValue> arguments, Instant now, out ProcessTransition? taken, IReadOnlyDictionary<string, ProcessValue>? data = null)
    {
        taken = null;
        if ((uint)cursor.State >= (uint)_states.Length || !_isLeaf[cursor.State])
        {
            throw new ArgumentOutOfRangeException(nameof(cursor), cursor.State, $"Process '{Id}' has no state without children at index {cursor.State}.");
        }

        if ((uint)trigger >= (uint)_triggers.Length)
        {
            return FireStatus.UnknownTrigger;
        }

        var parameters = _triggers[trigger].Parameters;
        if (arguments.Length > parameters.Length)
        {
            return FireStatus.BadArguments;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Kind != parameters[i].Kind || arguments[i].IsEmpty)
            {
                return FireStatus.BadArguments;
            }
        }

        var candidates = _candidates[(cursor.State * _triggers.Length) + trigger];
        if (candidates.Length == 0)
        {
            return FireStatus.NotPermitted;
        }

        foreach (var c in candidates)
        {
            if (c.Definition.Guard is not { } g || g.Holds(Read(g, c.Index, arguments, data)))
            {
                taken = c;
                cursor = c.IsInternal ? cursor with { Version = cursor.Version + 1 } : new ProcessCursor(c.ToIndex, now, cursor.Version + 1);
                return FireStatus.Fired;
            }
        }

        return FireStatus.GuardsFailed;
    }

    /// <summary>
    /// Fires a trigger on a snapshot: the new snapshot, the effects and the next due instant, or a rejection saying
    /// why not. The trigger's arguments are kept in the new snapshot's data under their parameter names (a warranty
    /// decision's reason stays with the case).
    /// </summary>
    public FireResult Fire(ProcessSnapshot snapshot, string trigger, Instant now, ReadOnlySpan<ProcessValue> arguments = default, ProcessEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(trigger);
        var state = StateIndex(snapshot.State);
        if (snapshot.ProcessId != Id || state < 0 || !IsLeaf(state))
        {
            return FireResult.Rejected(new Rejection(Id, snapshot.State, trigger, RejectionReason.WrongSnapshot, [],
                $"snapshot of '{snapshot.ProcessId}' in state '{snapshot.State}'"));
        }

        var t = TriggerIndex(trigger);
        var cursor = new ProcessCursor(state, snapshot.EnteredAt, snapshot.Version);
        ProcessTransition? taken = null;
        var status = t < 0 ? FireStatus.UnknownTrigger : TryFire(ref cursor, t, arguments, now, out taken, snapshot.Data);
        if (status != FireStatus.Fired)
        {
            var reason = status switch
            {
                FireStatus.UnknownTrigger => RejectionReason.UnknownTrigger,
                FireStatus.NotPermitted => RejectionReason.NotPermitted,
                FireStatus.GuardsFailed => RejectionReason.GuardsFailed,
                _ => RejectionReason.BadArguments,
            };
            return FireResult.Rejected(new Rejection(Id, snapshot.State, trigger, reason, _permitted[state], Detail(status, state, t, arguments)));
        }

        // The arguments replace the parameters' data values; a missing trailing argument is unset, so its value from
        // an earlier firing is removed (a guard "text is not set" then sees the trigger as fired).
        var next = Apply(snapshot, taken!, trigger, now);
        var parameters = _triggers[t].Parameters;
        if (parameters.Length > 0)
        {
            var data = next.Data.ToBuilder();
            for (var i = 0; i < parameters.Length; i++)
            {
                if (i < arguments.Length)
                {
                    data[parameters[i].Name] = arguments[i];
                }
                else
                {
                    data.Remove(parameters[i].Name);
                }
            }

            next = next with { Data = data.ToImmutable() };
        }

        return FireResult.Accepted(new StepResult(next, taken!.Effects, [taken], NextDue(next, environment)));
    }

    /// <summary>When the current state's earliest timer is due, or none (no timer, or its date is unknown).</summary>
    public Instant? NextDue(ProcessSnapshot snapshot, ProcessEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = StateIndex(snapshot.State);
        return state < 0 ? null : Earliest(state, snapshot, environment ?? ProcessEnvironment.Default).Due;
    }

    /// <summary>
    /// Takes every timed transition due at or before <paramref name="now"/>, in order, each at its due instant (a
    /// chain of timers fires in one call). Returns the snapshot unchanged, with no effects, when nothing is due.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// More than 1,000 timed transitions due at one instant: a cycle of timers without delay, which would never end. A
    /// repeating timer with a delay (a reminder every 4 business hours) is taken as often as it fell due, however long
    /// the gap since the last call.
    /// </exception>
    public StepResult Advance(ProcessSnapshot snapshot, Instant now, ProcessEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        environment ??= ProcessEnvironment.Default;

        // Most calls take one timer (or none): its transition and effects are returned as they are, and the builders
        // are made only for a chain of two or more.
        ProcessTransition? first = null;
        ImmutableArray<Effect>.Builder? effects = null;
        ImmutableArray<ProcessTransition>.Builder? taken = null;
        Instant? previous = null;
        for (var sameInstant = 0; ; )
        {
            var state = StateIndex(snapshot.State);
            var (due, timer) = state < 0 ? (null, null) : Earliest(state, snapshot, environment);
            if (due is not { } at || at > now)
            {
                return first is null ? new StepResult(snapshot, [], [], due)
                    : taken is null ? new StepResult(snapshot, first.Effects, [first], due)
                    : new StepResult(snapshot, effects!.ToImmutable(), taken.ToImmutable(), due);
            }

            // Timers with a delay move time on and end at 'now'; only a cycle of timers due at one instant never ends.
            sameInstant = at == previous ? sameInstant + 1 : 0;
            previous = at;
            if (sameInstant == 1000)
            {
                throw new InvalidOperationException($"Process '{Id}': more than 1,000 timed transitions due at {at}; check the timers for a cycle without delay.");
            }

            snapshot = Apply(snapshot, timer!, null, at);
            if (first is null)
            {
                first = timer;
                continue;
            }

            if (taken is null)
            {
                taken = ImmutableArray.CreateBuilder<ProcessTransition>();
                effects = ImmutableArray.CreateBuilder<Effect>();
                taken.Add(first);
                effects.AddRange(first.Effects);
            }

            taken.Add(timer!);
            effects!.AddRange(timer!.Effects);
        }
    }

    /// <summary>
    /// The allocation-free timer step, one step of <see cref="Advance"/>: when the earliest timed transition of the
    /// cursor's state is due at or before <paramref name="now"/>, takes it — the cursor moves to its target, entered at
    /// the timer's due instant (unless the transition is internal), version + 1. Call again for a chain of timers;
    /// <see cref="Advance"/> is the same loop, building a snapshot with a history entry per timer.
    /// </summary>
    /// <param name="cursor">The instance's position.</param>
    /// <param name="now">Only a timer due at or before this instant is taken.</param>
    /// <param name="data">The instance's data (timer guards and date timers read it).</param>
    /// <param name="environment">The zone and business calendar timers count in (<see cref="ProcessEnvironment.Default"/> when null).</param>
    /// <param name="taken">The timed transition taken, else null.</param>
    /// <param name="due">
    /// When the state's earliest timer is due: the one taken, or when nothing was taken the next one (after
    /// <paramref name="now"/>), none when no timer of the state applies.
    /// </param>
    /// <returns>Whether a timer was taken (then the cursor moved).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The cursor's state index is not a state of this process.</exception>
    public bool TryAdvance(ref ProcessCursor cursor, Instant now, IReadOnlyDictionary<string, ProcessValue> data, ProcessEnvironment? environment, out ProcessTransition? taken, out Instant? due)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((uint)cursor.State >= (uint)_states.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(cursor), cursor.State, $"Process '{Id}' has no state at index {cursor.State}.");
        }

        (due, taken) = Earliest(cursor.State, cursor.EnteredAt, data, environment ?? ProcessEnvironment.Default);
        if (due is not { } at || at > now)
        {
            taken = null;
            return false;
        }

        cursor = taken!.IsInternal ? cursor with { Version = cursor.Version + 1 } : new ProcessCursor(taken.ToIndex, at, cursor.Version + 1);
        return true;
    }

    private (Instant? Due, ProcessTransition? Timer) Earliest(int state, ProcessSnapshot snapshot, ProcessEnvironment environment)
        => Earliest(state, snapshot.EnteredAt, snapshot.Data, environment);

    private (Instant? Due, ProcessTransition? Timer) Earliest(int state, Instant enteredAt, IReadOnlyDictionary<string, ProcessValue> data, ProcessEnvironment environment)
    {
        (Instant? Due, ProcessTransition? Timer) best = (null, null);
        foreach (var t in _timers[state])
        {
            if (t.Definition.Guard is { } g && !g.Holds(data.TryGetValue(g.Name, out var v) ? v : null))
            {
                continue;
            }

            if (Due(t.Definition.Timer!, enteredAt, data, environment) is { } due && (best.Due is null || due < best.Due))
            {
                best = (due, t);
            }
        }

        return best;
    }

    private static Instant? Due(Timer timer, Instant enteredAt, IReadOnlyDictionary<string, ProcessValue> data, ProcessEnvironment environment)
    {
        switch (timer)
        {
            case AfterTimer a:
                return a.BusinessHours ? environment.Calendar.Add(enteredAt, a.Delay) : enteredAt + a.Delay;
            case AtLocalTimeTimer l when data.TryGetValue(l.DateData, out var v) && v.Kind == ValueKind.Date:
            {
                var zone = environment.Zone;
                if (!l.EveryYear)
                {
                    var once = (v.Date.PlusDays(l.OffsetDays) + l.Time).InZoneLeniently(zone).ToInstant();
                    return once > enteredAt ? once : null;
                }

                // The first reminder after entry: reminder days grow with the occasion's year, so the first year
                // (from the one whose occasion, shifted by the offset, can fall on the day before entry — a local
                // time in a gap can move past midnight) whose reminder instant is after entry is the answer. The
                // occasion's year is not the entry's year when the offset crosses New Year (a reminder on
                // 11 December for a 10 January birthday).
                var entered = enteredAt.InZone(zone).Date;
                Instant? best = null;
                // The range runs a year past entry: when this year's reminder fell earlier on the day of entry (or the
                // day before), the answer is next year's.
                foreach (var year in OccasionYears.Covering(entered.PlusDays(-1), entered.PlusYears(1).PlusDays(1), l.OffsetDays))
                {
                    var at = (Anniversary(v.Date, year).PlusDays(l.OffsetDays) + l.Time).InZoneLeniently(zone).ToInstant();
                    if (at > enteredAt)
                    {
                        best = at;
                        break;
                    }
                }

                return best;
            }

            default:
                return null;
        }
    }

    /// <summary>The date's anniversary in a year (29 February falls on 28 February in other years).</summary>
    internal static LocalDate Anniversary(LocalDate date, int year)
        => date.Month == 2 && date.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? new LocalDate(year, 2, 28) : new LocalDate(year, date.Month, date.Day);

    private static ProcessSnapshot Apply(ProcessSnapshot snapshot, ProcessTransition t, string? trigger, Instant at) => snapshot with
    {
        State = t.To,
        EnteredAt = t.IsInternal ? snapshot.EnteredAt : at,
        Version = snapshot.Version + 1,
        History = snapshot.History.Add(new HistoryEntry(t.From, t.To, at, trigger)),
    };

    private string? Detail(FireStatus status, int state, int trigger, ReadOnlySpan<ProcessValue> arguments)
    {
        switch (status)
        {
            case FireStatus.GuardsFailed:
                return "failed: " + string.Join("; ", _candidates[(state * _triggers.Length) + trigger].Select(c => c.Definition.Guard?.Description ?? "(none)"));
            case FireStatus.BadArguments:
                var parameters = _triggers[trigger].Parameters;
                if (arguments.Length > parameters.Length)
                {
                    return $"{arguments.Length} arguments given, {parameters.Length} expected ({string.Join(", ", parameters.Select(p => $"{p.Name}: {p.Kind}"))})";
                }

                var problems = new List<string>();
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].IsEmpty)
                    {
                        problems.Add($"{parameters[i].Name} {ProcessValue.EmptyMessage}");
                    }
                    else if (arguments[i].Kind != parameters[i].Kind)
                    {
                        problems.Add($"{parameters[i].Name} must be {parameters[i].Kind}, got {arguments[i].Kind}");
                    }
                }

                return string.Join("; ", problems);
            default:
                return null;
        }
    }

    private ProcessValue? Read(Guard g, int transition, ReadOnlySpan<ProcessValue> arguments, IReadOnlyDictionary<string, ProcessValue>? data)
    {
        if (g.Source == GuardSource.Parameter)
        {
            var p = _guardParameter[transition];
            return p < arguments.Length ? arguments[p] : null;
        }

        return data is not null && data.TryGetValue(g.Name, out var v) ? v : null;
    }

    private bool IsLeaf(int state) => _isLeaf[state];

    private int Parent(int state) => _states[state].Parent is { } p ? _stateIndex[p] : -1;

    /// <summary>The state and its ancestors, innermost first.</summary>
    private List<int> Chain(int state)
    {
        var chain = new List<int>();
        for (var s = state; s >= 0; s = Parent(s))
        {
            chain.Add(s);
        }

        return chain;
    }

    private int Descend(int state)
    {
        while (_states[state].InitialChild is { } child)
        {
            state = _stateIndex[child];
        }

        return state;
    }

    private ProcessTransition Resolve(TransitionDefinition d, int index, int leaf, int owner, List<int>[] chains)
    {
        if (d.To is null)
        {
            return new ProcessTransition(d, index, _states[leaf].Id, leaf, _states[leaf].Id, leaf, d.Effects);
        }

        var target = _stateIndex[d.To];
        var ownerAncestors = chains[owner].Skip(1).ToHashSet();
        var lca = chains[target].Skip(1).FirstOrDefault(ownerAncestors.Contains, -1);
        var effects = new List<Effect>();
        foreach (var s in chains[leaf])
        {
            if (s == lca)
            {
                break;
            }

            effects.AddRange(_states[s].OnExit);
        }

        effects.AddRange(d.Effects);
        var leafTarget = Descend(target);
        effects.AddRange(Enter(lca, leafTarget));
        return new ProcessTransition(d, index, _states[leaf].Id, leaf, _states[leafTarget].Id, leafTarget, [.. effects]);
    }

    /// <summary>Entry effects from below <paramref name="lca"/> down to <paramref name="leaf"/>.</summary>
    private IEnumerable<Effect> Enter(int lca, int leaf)
    {
        var path = new List<int>();
        for (var s = leaf; s >= 0 && s != lca; s = Parent(s))
        {
            path.Add(s);
        }

        path.Reverse();
        return path.SelectMany(s => _states[s].OnEntry);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();
}
