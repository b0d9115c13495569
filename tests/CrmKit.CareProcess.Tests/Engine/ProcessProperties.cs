namespace CrmKit.CareProcess.Tests;

public sealed class ProcessProperties
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 5, 1, 0);

    /// <summary>One generated step: a trigger (any, permitted or not), arguments (well or badly typed) and a time step.</summary>
    public sealed record Move(int Trigger, ProcessValue[] Arguments, int Minutes, bool Advance);

    private static readonly Gen<ProcessValue> Value = Gen.OneOf(
        Gen.Elements("an", "lan", "retail", "water damage").Select(ProcessValue.Of),
        Gen.Choose(0, 8).Select(n => ProcessValue.Of((decimal)n)),
        Gen.Elements(true, false).Select(ProcessValue.Of));

    /// <summary>
    /// Every kind of value a host can pass, at its extremes: any text (control characters, quotes, lone surrogates,
    /// Vietnamese), numbers at decimal's limits and scales, dates at the ISO calendar's limits, and default(ProcessValue).
    /// </summary>
    private static readonly Gen<ProcessValue> AnyValue = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Where(t => t is not null && WellFormed(t)).Select(ProcessValue.Of),
        Gen.Elements("Nguyễn Thị Ánh", "\"quoted\"\n\t\u0000", "", " ", "😀", "\u2028\u200b").Select(ProcessValue.Of),
        Gen.Elements(decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.0m, 1.10m, 1_250_000.5m, 79228162514264337593543950335m / 3m).Select(ProcessValue.Of),
        Gen.Elements(true, false).Select(ProcessValue.Of),
        Gen.Elements(LocalDate.MinIsoValue, LocalDate.MaxIsoValue, new LocalDate(0, 1, 1), new LocalDate(-1, 12, 31), new LocalDate(1996, 2, 29)).Select(ProcessValue.Of),
        Gen.Constant(default(ProcessValue)));

    private static readonly Gen<(ProcessDefinition Process, Move[] Steps)> Run =
        from process in Gen.Elements(BuiltInProcesses.All.ToArray())
        from steps in (from trigger in Gen.Choose(0, process.Model.Triggers.Length - 1)
                       from args in Value.ArrayOf().Select(a => a.Take(3).ToArray())
                       from wellTyped in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
                       from minutes in Gen.Choose(0, 60 * 24 * 40)
                       from advance in Gen.Elements(true, false)
                       select new Move(trigger, wellTyped ? WellTyped(process, trigger, args) : args, minutes, advance)).ArrayOf()
        select (process, steps);

    /// <summary>Whether a string is well-formed UTF-16 (checked independently: strict UTF-8 encoding fails on a lone surrogate).</summary>
    private static bool WellFormed(string text)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Runs whose arguments and start data are drawn from <see cref="AnyValue"/> (well-typed as often as not).</summary>
    private static readonly Gen<(ProcessDefinition Process, Move[] Steps, ProcessValue[] StartData)> ExtremeRun =
        from process in Gen.Elements(BuiltInProcesses.All.ToArray())
        from steps in (from trigger in Gen.Choose(0, process.Model.Triggers.Length - 1)
                       from args in AnyValue.ArrayOf().Select(a => a.Take(3).ToArray())
                       from fill in Gen.Elements(true, false)
                       from minutes in Gen.Choose(0, 60 * 24 * 40)
                       from advance in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
                       select new Move(trigger, fill ? ByKind(process, trigger, args) : args, minutes, advance)).ArrayOf()
        from data in AnyValue.ArrayOf().Select(a => a.Take(3).ToArray())
        select (process, steps, data);

    /// <summary>The pool's values moved into the parameters of their kind where possible (kept as drawn otherwise).</summary>
    private static ProcessValue[] ByKind(ProcessDefinition p, int trigger, ProcessValue[] pool)
    {
        var parameters = p.Model.Triggers[trigger].Parameters;
        return [.. parameters.Take(pool.Length).Select((x, i) => pool.FirstOrDefault(v => v.Kind == x.Kind, pool[i]))];
    }

    private static ProcessValue[] WellTyped(ProcessDefinition p, int trigger, ProcessValue[] pool)
    {
        var parameters = p.Model.Triggers[trigger].Parameters;
        return [.. parameters.Select((x, i) => x.Kind switch
        {
            ValueKind.Text => ProcessValue.Of(i < pool.Length && pool[i].Kind == ValueKind.Text ? pool[i].Text! : "x"),
            ValueKind.Number => ProcessValue.Of(i < pool.Length ? pool[i].Number : 1m),
            ValueKind.Boolean => ProcessValue.Of(i < pool.Length && pool[i].Number != 0),
            _ => ProcessValue.Of(new LocalDate(2026, 1, 1)),
        })];
    }

    private static List<ProcessSnapshot> Execute(ProcessDefinition p, Move[] steps, Action<ProcessSnapshot, Move, FireResult?, StepResult?>? check = null)
    {
        var now = T0;
        var s = p.Start("i-1", now).Snapshot;
        var trail = new List<ProcessSnapshot> { s };
        foreach (var step in steps)
        {
            now += Duration.FromMinutes(step.Minutes);
            if (step.Advance)
            {
                var advanced = p.Advance(s, now);
                check?.Invoke(s, step, null, advanced);
                s = advanced.Snapshot;
            }
            else
            {
                var result = p.Fire(s, p.Model.Triggers[step.Trigger].Id, now, step.Arguments);
                check?.Invoke(s, step, result, null);
                s = result.Step?.Snapshot ?? s;
            }

            trail.Add(s);
        }

        return trail;
    }

    [Property(MaxTest = 300)]
    public Property GeneratedTriggerSequences_StayInTheDefinition_AndNeverSkipAGuard()
        => Prop.ForAll(Run.ToArbitrary(), run =>
        {
            var (p, steps) = run;
            var problems = new List<string>();
            Execute(p, steps, (before, step, fired, advanced) =>
            {
                var after = fired?.Step?.Snapshot ?? advanced?.Snapshot ?? before;
                if (p.StateIndex(after.State) < 0 || p.Model.States.Any(x => x.Parent == after.State))
                {
                    problems.Add($"left the definition: {after.State}");
                }

                var trigger = p.Model.Triggers[step.Trigger].Id;
                if (fired is { Step: { } ok })
                {
                    var t = ok.Transitions.Single();
                    if (!p.PermittedTriggers(before.State).Contains(trigger))
                    {
                        problems.Add($"{trigger} accepted in {before.State} but not permitted");
                    }

                    if (t.Definition.Guard is { } g)
                    {
                        var index = p.Model.Triggers[step.Trigger].Parameters.Select(x => x.Name).ToList().IndexOf(g.Name);
                        var value = g.Source == GuardSource.Parameter ? (index < step.Arguments.Length ? step.Arguments[index] : (ProcessValue?)null) : before.Data.GetValueOrDefault(g.Name);
                        if (!g.Holds(value))
                        {
                            problems.Add($"{t} taken though '{g.Description}' does not hold for {value}");
                        }
                    }

                    if (ok.Snapshot.Version != before.Version + 1 || ok.Snapshot.History.Length != before.History.Length + 1)
                    {
                        problems.Add("version or history did not advance by one");
                    }
                }
                else if (fired is { Rejection: { } r })
                {
                    var permitted = p.PermittedTriggers(before.State).Contains(trigger);
                    if ((r.Reason == RejectionReason.NotPermitted) == permitted && r.Reason != RejectionReason.BadArguments)
                    {
                        problems.Add($"{trigger} in {before.State}: {r.Reason} but permitted = {permitted}");
                    }
                }
                else if (advanced is { } a && a.Transitions.Any(t => t.Definition.Timer is null))
                {
                    problems.Add("advance took a triggered transition");
                }
            });
            return (problems.Count == 0).Label(string.Join("; ", problems));
        });

    [Property(MaxTest = 150)]
    public Property StepFunction_IsDeterministic_AndSnapshotsRoundTrip()
        => Prop.ForAll(Run.ToArbitrary(), run =>
        {
            var first = Execute(run.Process, run.Steps);
            var second = Execute(run.Process, run.Steps);
            var deterministic = first.SequenceEqual(second);
            var roundTrips = first.All(s => ProcessJson.ReadSnapshot(ProcessJson.Write(s)).Equals(s));
            return (deterministic && roundTrips).Label($"deterministic {deterministic}, round-trips {roundTrips}");
        });

    [Property(MaxTest = 300)]
    public Property EverySnapshotTheEngineProduces_RoundTripsThroughJson()
        => Prop.ForAll(ExtremeRun.ToArbitrary(), run =>
        {
            var (p, steps, startData) = run;
            var now = T0;
            var data = startData.Select((v, i) => new KeyValuePair<string, ProcessValue>($"d{i}", v)).ToArray();
            ProcessSnapshot s;
            try
            {
                s = p.Start("KH-ü \"1\"", now, data).Snapshot;
            }
            catch (ArgumentException) when (startData.Any(v => v.Equals(default(ProcessValue))))
            {
                s = p.Start("KH-ü \"1\"", now, data.Where(d => !d.Value.Equals(default(ProcessValue)))).Snapshot;
            }

            foreach (var step in steps)
            {
                now += Duration.FromMinutes(step.Minutes);
                if (step.Advance)
                {
                    s = p.Advance(s, now).Snapshot;
                }
                else
                {
                    var result = p.Fire(s, p.Model.Triggers[step.Trigger].Id, now, step.Arguments);
                    if (result.IsAccepted && step.Arguments.Any(a => a.Equals(default(ProcessValue))))
                    {
                        return false.Label($"{step}: a default(ProcessValue) argument was accepted");
                    }

                    s = result.Step?.Snapshot ?? s;
                }

                string json;
                ProcessSnapshot back;
                try
                {
                    json = ProcessJson.Write(s);
                    back = ProcessJson.ReadSnapshot(json);
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or CrmKitException)
                {
                    return false.Label($"{s} after {step}: {e.GetType().Name}: {e.Message}");
                }

                if (!back.Equals(s) || ProcessJson.Write(back) != json)
                {
                    return false.Label($"{s} after {step}: read back differs: {json}");
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 150)]
    public Property CursorStep_AgreesWithSnapshotStep()
        => Prop.ForAll(Run.ToArbitrary(), run =>
        {
            var (p, steps) = run;
            var s = p.Start("i", T0).Snapshot;
            var cursor = new ProcessCursor(p.StateIndex(s.State), s.EnteredAt, s.Version);
            var now = T0;
            foreach (var step in steps.Where(x => !x.Advance))
            {
                now += Duration.FromMinutes(step.Minutes);
                var status = p.TryFire(ref cursor, step.Trigger, step.Arguments, now, out var taken, s.Data);
                var result = p.Fire(s, p.Model.Triggers[step.Trigger].Id, now, step.Arguments);
                s = result.Step?.Snapshot ?? s;
                if ((status == FireStatus.Fired) != result.IsAccepted || p.States[cursor.State] != s.State || cursor.Version != s.Version || cursor.EnteredAt != s.EnteredAt
                    || (taken is not null && !taken.Effects.SequenceEqual(result.Step!.Effects)))
                {
                    return false.Label($"{step}: cursor {status} {p.States[cursor.State]}, snapshot {s.State}");
                }
            }

            return true.ToProperty();
        });
}
