using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

public sealed partial class ProcessDefinition
{
    /// <summary>Checks a model and lists every problem with its JSON path.</summary>
    private sealed class Validator(ProcessModel model)
    {
        private readonly List<Problem> _problems = [];
        private readonly Dictionary<string, StateDefinition> _states = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TriggerDefinition> _triggers = new(StringComparer.Ordinal);
        private readonly ILookup<string, StateDefinition> _children = model.States.Where(s => s?.Parent is not null).ToLookup(s => s.Parent!, StringComparer.Ordinal);

        public List<Problem> Run()
        {
            if (string.IsNullOrEmpty(model.Id) || !IdPattern().IsMatch(model.Id))
            {
                Add("$.id", $"'{model.Id}' is not a valid id (lower-case letters, digits and dashes)");
            }

            if (model.Name is null)
            {
                Add("$.name", "is missing");
            }

            if (!Sizes())
            {
                return _problems;
            }

            States();
            Triggers();
            if (!_states.ContainsKey(model.Initial ?? ""))
            {
                Add("$.initial", $"unknown state '{model.Initial}'{Known(_states.Keys)}");
            }

            var transitionsValid = Transitions();
            Ambiguity();
            if (_problems.Count == 0 && transitionsValid)
            {
                Reachability();
            }

            return _problems;
        }

        private void Add(string path, string problem) => _problems.Add(new Problem(path, problem));

        private static string Known(IEnumerable<string> ids) => $" (known: {string.Join(", ", ids.Order(StringComparer.Ordinal))})";

        private bool HasChildren(string id) => _children.Contains(id);

        private static string Days(Duration d) => d.TotalDays.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) + " days";

        private static string Count(int count) => count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// Checks the sizes of <see cref="ProcessLimits"/> first: beyond them nothing else is checked, so an oversized
        /// definition costs no more than reading it.
        /// </summary>
        private bool Sizes()
        {
            var before = _problems.Count;
            void Limit(string path, int count, int limit, string what, string name)
            {
                if (count > limit)
                {
                    Add(path, $"{Count(count)} {what}; at most {Count(limit)} are allowed (ProcessLimits.{name})");
                }
            }

            Limit("$.states", model.States.Length, ProcessLimits.MaxStates, "states", nameof(ProcessLimits.MaxStates));
            Limit("$.triggers", model.Triggers.Length, ProcessLimits.MaxTriggers, "triggers", nameof(ProcessLimits.MaxTriggers));
            Limit("$.transitions", model.Transitions.Length, ProcessLimits.MaxTransitions, "transitions", nameof(ProcessLimits.MaxTransitions));
            if (_problems.Count > before)
            {
                return false;
            }

            for (var i = 0; i < model.Triggers.Length; i++)
            {
                Limit($"$.triggers[{i}].parameters", model.Triggers[i]?.Parameters.Length ?? 0, ProcessLimits.MaxParameters, "parameters", nameof(ProcessLimits.MaxParameters));
            }

            for (var i = 0; i < model.States.Length; i++)
            {
                Limit($"$.states[{i}].onEntry", model.States[i]?.OnEntry.Length ?? 0, ProcessLimits.MaxEffects, "effects", nameof(ProcessLimits.MaxEffects));
                Limit($"$.states[{i}].onExit", model.States[i]?.OnExit.Length ?? 0, ProcessLimits.MaxEffects, "effects", nameof(ProcessLimits.MaxEffects));
            }

            for (var i = 0; i < model.Transitions.Length; i++)
            {
                Limit($"$.transitions[{i}].effects", model.Transitions[i]?.Effects.Length ?? 0, ProcessLimits.MaxEffects, "effects", nameof(ProcessLimits.MaxEffects));
            }

            return _problems.Count == before;
        }

        /// <summary>
        /// Levels of states (a state without a parent is level 1), memoised so that the whole hierarchy is walked in
        /// linear time; only called when no state is its own ancestor. The first state beyond
        /// <see cref="ProcessLimits.MaxStateDepth"/> is reported.
        /// </summary>
        private void Levels()
        {
            var level = new Dictionary<string, int>(StringComparer.Ordinal);
            var path = new List<string>();
            for (var i = 0; i < model.States.Length; i++)
            {
                path.Clear();
                for (string? s = model.States[i].Id; s is not null && !level.ContainsKey(s); s = _states[s].Parent)
                {
                    path.Add(s);
                }

                var above = path.Count == 0 ? 0 : _states[path[^1]].Parent is { } p ? level[p] : 0;
                for (var k = path.Count - 1; k >= 0; k--)
                {
                    level[path[k]] = ++above;
                }

                if (level[model.States[i].Id] > ProcessLimits.MaxStateDepth)
                {
                    Add($"$.states[{i}].parent", $"'{model.States[i].Id}' is at level {level[model.States[i].Id]}; states nest at most {ProcessLimits.MaxStateDepth} levels (ProcessLimits.MaxStateDepth)");
                    return;
                }
            }
        }

        private void States()
        {
            for (var i = 0; i < model.States.Length; i++)
            {
                var s = model.States[i];
                if (s is null || string.IsNullOrEmpty(s.Id) || !IdPattern().IsMatch(s.Id))
                {
                    Add($"$.states[{i}].id", $"'{s?.Id}' is not a valid id (lower-case letters, digits and dashes)");
                }
                else if (!_states.TryAdd(s.Id, s))
                {
                    Add($"$.states[{i}].id", $"duplicate state '{s.Id}'");
                }
            }

            if (model.States.IsEmpty)
            {
                Add("$.states", "a process needs at least one state");
            }

            var hierarchyValid = true;
            for (var i = 0; i < model.States.Length; i++)
            {
                var s = model.States[i];
                if (s?.Id is null)
                {
                    continue;
                }

                if (s.Parent is { } p && !_states.ContainsKey(p))
                {
                    Add($"$.states[{i}].parent", $"unknown state '{p}'");
                    hierarchyValid = false;
                }
                else if (s.Parent is not null && InCycle(s.Id))
                {
                    Add($"$.states[{i}].parent", $"'{s.Id}' is its own ancestor");
                    hierarchyValid = false;
                }

                var children = _children[s.Id].Select(c => c.Id).ToList();
                if (children.Count > 0 && s.InitialChild is null)
                {
                    Add($"$.states[{i}].initialChild", $"'{s.Id}' has children ({string.Join(", ", children)}) and needs an initial child");
                }
                else if (s.InitialChild is { } c && !children.Contains(c))
                {
                    Add($"$.states[{i}].initialChild", $"'{c}' is not a child of '{s.Id}'{(children.Count > 0 ? $" (children: {string.Join(", ", children)})" : "")}");
                }

                if (s.IsFinal && children.Count > 0)
                {
                    Add($"$.states[{i}].final", $"'{s.Id}' has children and cannot be final");
                }

                Effects($"$.states[{i}].onEntry", s.OnEntry);
                Effects($"$.states[{i}].onExit", s.OnExit);
            }

            if (hierarchyValid && _states.Count == model.States.Length)
            {
                Levels();
            }
        }

        private bool InCycle(string id)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var s = id; s is not null && _states.TryGetValue(s, out var st); s = st.Parent)
            {
                if (!seen.Add(s))
                {
                    return true;
                }
            }

            return false;
        }

        private void Effects(string path, System.Collections.Immutable.ImmutableArray<Effect> effects)
        {
            for (var i = 0; i < effects.Length; i++)
            {
                var problem = effects[i] switch
                {
                    null => "missing effect",
                    SendMessage m when string.IsNullOrWhiteSpace(m.Template) => "a message needs a template",
                    SendMessage m when !Enum.IsDefined(m.Channel) || !Enum.IsDefined(m.Purpose) => "unknown channel or purpose",
                    CreateTask t when string.IsNullOrWhiteSpace(t.Title) => "a task needs a title",
                    CreateTask { DueIn: { } d } when d <= Duration.Zero => "a task's time to complete must be positive",
                    CreateTask { DueIn: { } d } when d > ProcessLimits.MaxDelay => $"a task's time to complete ({Days(d)}) is longer than {Count(ProcessLimits.MaxDelayDays)} days (ProcessLimits.MaxDelayDays)",
                    AssignStaff a when string.IsNullOrWhiteSpace(a.Role) => "an assignment needs a role",
                    SetAttributeValue u when string.IsNullOrWhiteSpace(u.Name) => "an attribute update needs a name",
                    SetAttributeValue u when u.Value.IsEmpty => $"the attribute value {ProcessValue.EmptyMessage}",
                    StartProcess p when string.IsNullOrEmpty(p.ProcessId) || !IdPattern().IsMatch(p.ProcessId) => $"'{p.ProcessId}' is not a valid process id",
                    _ => null,
                };
                if (problem is not null)
                {
                    Add($"{path}[{i}]", problem);
                }
            }
        }

        private void Triggers()
        {
            for (var i = 0; i < model.Triggers.Length; i++)
            {
                var t = model.Triggers[i];
                if (t is null || string.IsNullOrEmpty(t.Id) || !IdPattern().IsMatch(t.Id))
                {
                    Add($"$.triggers[{i}].id", $"'{t?.Id}' is not a valid id (lower-case letters, digits and dashes)");
                    continue;
                }

                if (!_triggers.TryAdd(t.Id, t))
                {
                    Add($"$.triggers[{i}].id", $"duplicate trigger '{t.Id}'");
                }

                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 0; k < t.Parameters.Length; k++)
                {
                    if (string.IsNullOrWhiteSpace(t.Parameters[k]?.Name))
                    {
                        Add($"$.triggers[{i}].parameters[{k}].name", "must not be blank");
                    }
                    else if (!names.Add(t.Parameters[k].Name))
                    {
                        Add($"$.triggers[{i}].parameters[{k}].name", $"duplicate parameter '{t.Parameters[k].Name}'");
                    }
                }
            }
        }

        private bool Transitions()
        {
            var before = _problems.Count;
            for (var i = 0; i < model.Transitions.Length; i++)
            {
                var t = model.Transitions[i];
                var path = $"$.transitions[{i}]";
                if (t is null)
                {
                    Add(path, "missing transition");
                    continue;
                }

                var fromKnown = _states.TryGetValue(t.From ?? "", out var from);
                if (!fromKnown)
                {
                    Add($"{path}.from", $"unknown state '{t.From}'{Known(_states.Keys)}");
                }

                if (t.To is { } to && !_states.ContainsKey(to))
                {
                    Add($"{path}.to", $"unknown state '{to}'{Known(_states.Keys)}");
                }

                if ((t.Trigger is null) == (t.Timer is null))
                {
                    Add(path, "needs exactly one of 'trigger' and 'timer'");
                }

                if (from is { IsFinal: true } && t.To is not null)
                {
                    Add($"{path}.to", $"'{from.Id}' is final: only internal transitions (without 'to') may leave it");
                }

                TriggerDefinition? trigger = null;
                if (t.Trigger is { } tr && !_triggers.TryGetValue(tr, out trigger))
                {
                    Add($"{path}.trigger", $"unknown trigger '{tr}'{Known(_triggers.Keys)}");
                }

                if (t.Timer is { } timer)
                {
                    if (fromKnown && HasChildren(from!.Id))
                    {
                        Add($"{path}.timer", $"'{from.Id}' has children: timers belong to states without children");
                    }

                    if (t.To is null)
                    {
                        Add($"{path}.to", "a timed transition needs a target");
                    }

                    switch (timer)
                    {
                        case AfterTimer a when a.Delay <= Duration.Zero:
                            Add($"{path}.timer.delay", "the delay must be positive");
                            break;
                        case AfterTimer a when a.Delay > ProcessLimits.MaxDelay:
                            Add($"{path}.timer.delay", $"{Days(a.Delay)} is longer than {Count(ProcessLimits.MaxDelayDays)} days (ProcessLimits.MaxDelayDays)");
                            break;
                        case AtLocalTimeTimer l:
                            if (string.IsNullOrWhiteSpace(l.DateData))
                            {
                                Add($"{path}.timer.date", "must name the data value holding the date");
                            }

                            if (Math.Abs((long)l.OffsetDays) > ProcessLimits.MaxOffsetDays)
                            {
                                Add($"{path}.timer.offsetDays", $"{l.OffsetDays} is outside ±{ProcessLimits.MaxOffsetDays} days (ProcessLimits.MaxOffsetDays)");
                            }

                            break;
                    }
                }

                if (t.Guard is { } g)
                {
                    GuardProblems($"{path}.guard", g, trigger, t.Timer is not null);
                }

                Effects($"{path}.effects", t.Effects);
            }

            return _problems.Count == before;
        }

        private void GuardProblems(string path, Guard g, TriggerDefinition? trigger, bool timed)
        {
            if (string.IsNullOrWhiteSpace(g.Description))
            {
                Add($"{path}.description", "a guard needs a description (it is shown on diagrams and in rejections)");
            }

            if (string.IsNullOrWhiteSpace(g.Name))
            {
                Add($"{path}.name", "must name a parameter or data value");
                return;
            }

            var needsValue = g.Operator is not (GuardOperator.IsSet or GuardOperator.IsNotSet);
            if (needsValue != g.Value.HasValue)
            {
                Add($"{path}.value", needsValue ? $"'{g.Operator}' needs a value" : $"'{g.Operator}' takes no value");
            }
            else if (g.Value is { IsEmpty: true })
            {
                Add($"{path}.value", $"the value {ProcessValue.EmptyMessage}");
            }

            if (g.Value is { } v && g.Operator is GuardOperator.LessThan or GuardOperator.LessThanOrEqual or GuardOperator.GreaterThan or GuardOperator.GreaterThanOrEqual
                && v.Kind == ValueKind.Boolean)
            {
                Add($"{path}.op", "booleans can only be compared for equality");
            }

            if (g.Source == GuardSource.Parameter)
            {
                if (timed)
                {
                    Add($"{path}.source", "a timed transition has no trigger parameters; guard on data instead");
                }
                else if (trigger is not null)
                {
                    var p = trigger.Parameters.FirstOrDefault(x => x.Name == g.Name);
                    if (p is null)
                    {
                        Add($"{path}.name", $"trigger '{trigger.Id}' has no parameter '{g.Name}'{(trigger.Parameters.IsEmpty ? "" : Known(trigger.Parameters.Select(x => x.Name)))}");
                    }
                    else if (g.Value is { } value && value.Kind != p.Kind)
                    {
                        Add($"{path}.value", $"parameter '{g.Name}' is {p.Kind}, the value is {value.Kind}");
                    }
                }
            }
        }

        /// <summary>Candidates on one state and trigger (or timer) must be provably exclusive.</summary>
        private void Ambiguity()
        {
            var groups = model.Transitions.Select((t, i) => (t, i))
                .Where(x => x.t is not null && (x.t.Trigger is not null || x.t.Timer is not null))
                .GroupBy(x => (x.t.From, Key: x.t.Trigger ?? "timer:" + x.t.Timer!.Describe()));
            foreach (var group in groups)
            {
                var list = group.ToList();
                if (list.Count < 2)
                {
                    continue;
                }

                var what = list[0].t.Trigger is { } tr ? $"trigger '{tr}'" : $"timer '{list[0].t.Timer!.Describe()}'";
                var unguarded = list.Where(x => x.t.Guard is null).Select(x => x.i).ToList();
                if (unguarded.Count > 1)
                {
                    Add($"$.transitions[{unguarded[1]}]", $"ambiguous: state '{group.Key.From}' already has an unguarded transition on {what} (transitions[{unguarded[0]}])");
                }

                var guarded = list.Where(x => x.t.Guard is not null).ToList();
                if (guarded.Count > ProcessLimits.MaxGuardedTransitions)
                {
                    Add($"$.transitions[{guarded[ProcessLimits.MaxGuardedTransitions].i}].guard",
                        $"{Count(guarded.Count)} guarded transitions leave state '{group.Key.From}' on {what}; at most {ProcessLimits.MaxGuardedTransitions} are allowed (ProcessLimits.MaxGuardedTransitions)");
                    continue;
                }

                // Each transition is reported once, against the first earlier guard it conflicts with.
                for (var b = 1; b < guarded.Count; b++)
                {
                    for (var a = 0; a < b; a++)
                    {
                        var (ga, gb) = (guarded[a].t.Guard!, guarded[b].t.Guard!);
                        if (ga.Source != gb.Source || ga.Name != gb.Name)
                        {
                            Add($"$.transitions[{guarded[b].i}].guard", $"ambiguous: guards on {what} from '{group.Key.From}' must test the same value to be provably exclusive ('{ga.Name}' in transitions[{guarded[a].i}], '{gb.Name}' here)");
                            break;
                        }
                        else if (GuardSets.Overlap(ga, gb))
                        {
                            Add($"$.transitions[{guarded[b].i}].guard", $"ambiguous: '{gb.Description}' and '{ga.Description}' (transitions[{guarded[a].i}]) can both hold on {what} from '{group.Key.From}'");
                            break;
                        }
                    }
                }
            }
        }

        private void Reachability()
        {
            string Descend(string id)
            {
                while (_states[id].InitialChild is { } c)
                {
                    id = c;
                }

                return id;
            }

            IEnumerable<string> Chain(string id)
            {
                for (string? s = id; s is not null; s = _states[s].Parent)
                {
                    yield return s;
                }
            }

            var leaving = model.Transitions.Where(t => t.To is not null).ToLookup(t => t.From, StringComparer.Ordinal);
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>();
            var start = Descend(model.Initial);
            reached.Add(start);
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var s = queue.Dequeue();
                foreach (var t in Chain(s).SelectMany(owner => leaving[owner]))
                {
                    var target = Descend(t.To!);
                    if (reached.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }

            var visible = reached.SelectMany(Chain).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < model.States.Length; i++)
            {
                if (!visible.Contains(model.States[i].Id))
                {
                    Add($"$.states[{i}]", $"state '{model.States[i].Id}' cannot be reached from '{model.Initial}'");
                }
            }
        }
    }

    /// <summary>Whether two guards on the same value can both hold.</summary>
    private static class GuardSets
    {
        public static bool Overlap(Guard a, Guard b)
        {
            if (a.Operator == GuardOperator.IsNotSet || b.Operator == GuardOperator.IsNotSet)
            {
                return a.Operator == b.Operator;
            }

            if (a.Operator == GuardOperator.IsSet || b.Operator == GuardOperator.IsSet)
            {
                return true;
            }

            if (a.Value is not { } va || b.Value is not { } vb || va.Kind != vb.Kind)
            {
                return false;
            }

            // Each guard is a union of at most two intervals over the ordered values; compare with CompareTo.
            foreach (var x in Intervals(a.Operator, va))
            {
                foreach (var y in Intervals(b.Operator, vb))
                {
                    if (Intersect(x, y))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private readonly record struct Bound(ProcessValue? Value, bool Inclusive);

        private static IEnumerable<(Bound Low, Bound High)> Intervals(GuardOperator op, ProcessValue v)
        {
            var none = new Bound(null, false);
            return op switch
            {
                GuardOperator.Equal => [(new(v, true), new(v, true))],
                GuardOperator.NotEqual => [(none, new(v, false)), (new(v, false), none)],
                GuardOperator.LessThan => [(none, new(v, false))],
                GuardOperator.LessThanOrEqual => [(none, new(v, true))],
                GuardOperator.GreaterThan => [(new(v, false), none)],
                _ => [(new(v, true), none)],
            };
        }

        /// <summary>Conservative for text and booleans: a non-empty intersection of the bounds counts as overlap.</summary>
        private static bool Intersect((Bound Low, Bound High) x, (Bound Low, Bound High) y)
        {
            var low = Tighter(x.Low, y.Low, lower: true);
            var high = Tighter(x.High, y.High, lower: false);
            if (low.Value is not { } l || high.Value is not { } h)
            {
                return true;
            }

            var c = l.CompareTo(h);
            return c < 0 || (c == 0 && low.Inclusive && high.Inclusive);
        }

        private static Bound Tighter(Bound a, Bound b, bool lower)
        {
            if (a.Value is not { } va)
            {
                return b;
            }

            if (b.Value is not { } vb)
            {
                return a;
            }

            var c = va.CompareTo(vb);
            if (c == 0)
            {
                return new Bound(va, a.Inclusive && b.Inclusive);
            }

            return (c > 0) == lower ? a : b;
        }
    }
}
