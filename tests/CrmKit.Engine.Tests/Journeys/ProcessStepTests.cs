using System.Collections.Immutable;
using CrmKit.CareProcess;

namespace CrmKit.Engine.Tests;

/// <summary>
/// The engine's own firing of a journey step (<see cref="ProcessStep.TryFire"/>, the allocation cut of issue 19) gives
/// what <see cref="ProcessDefinition.Fire"/> gives with the history dropped, as the engine stored it before: the
/// reference is <see cref="ProcessDefinition.Fire"/> itself, over every built-in process, every state (parent states
/// too), every trigger and a spread of arguments (each guard's boundary value and its neighbours, both booleans, a
/// wrong kind, missing trailing arguments, none), on snapshots with and without earlier data values.
/// </summary>
public sealed class ProcessStepTests
{
    private static readonly Instant Entered = Instant.FromUtc(2026, 3, 2, 9, 30);
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 5, 1, 15);

    public static TheoryData<string> Processes() => [.. BuiltInJourneys.Processes.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Processes))]
    public void TryFire_GivesWhatFireGives_WithoutHistory(string id)
    {
        var process = BuiltInJourneys.Processes.Single(p => p.Id == id);
        var environment = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.VietnamOffice());
        var leaves = ProcessStep.Leaves(process);
        var fired = 0;
        var rejected = 0;
        foreach (var state in process.Model.States)
        {
            foreach (var trigger in process.Model.Triggers.Select(t => t.Id).Append("no-such-trigger"))
            {
                var index = process.TriggerIndex(trigger);
                var parameters = index < 0 ? [] : process.Model.Triggers[index].Parameters;
                foreach (var data in DataSets(parameters))
                {
                    var snapshot = new ProcessSnapshot { ProcessId = id, InstanceId = "t-1", State = state.Id, StartedAt = Entered, EnteredAt = Entered, Version = 3, Data = data };
                    foreach (var arguments in ArgumentSets(process, parameters))
                    {
                        var expected = process.Fire(snapshot, trigger, Now, arguments, environment);
                        var actual = ProcessStep.TryFire(process, leaves, index, parameters, snapshot, arguments, Now, environment);
                        var where = $"{id}: {state.Id} --{trigger}({string.Join(", ", arguments)})";
                        if (expected.Step is not { } step)
                        {
                            Assert.True(actual is null, $"{where}: Fire rejected ({expected.Rejection}), TryFire fired");
                            rejected++;
                            continue;
                        }

                        Assert.True(actual is not null, $"{where}: Fire fired, TryFire did not");
                        var (next, taken, due) = actual.Value;
                        Assert.Equal(step.Snapshot with { History = [] }, next);
                        Assert.Equal([], next.History);
                        Assert.Same(Assert.Single(step.Transitions), taken);
                        Assert.Equal(step.Effects, taken.Effects);
                        Assert.Equal(step.NextDue, due);
                        fired++;
                    }
                }
            }
        }

        // Both sides of the comparison were exercised for every process with triggers (the greetings, win-back and the
        // VIP welcome move on timers alone: every trigger is unknown to them).
        Assert.True(fired > 0 || process.Model.Triggers.IsEmpty, $"{id}: no trigger fired");
        Assert.True(rejected > 0, $"{id}: no trigger was rejected");
    }

    /// <summary>No data, and each parameter already holding a value (so a missing argument must remove it).</summary>
    private static IEnumerable<ImmutableSortedDictionary<string, ProcessValue>> DataSets(ImmutableArray<TriggerParameter> parameters)
    {
        var empty = ImmutableSortedDictionary.Create<string, ProcessValue>(StringComparer.Ordinal);
        yield return empty;
        yield return empty.SetItems(parameters.Select(p => KeyValuePair.Create(p.Name, Sample(p.Kind))).Append(KeyValuePair.Create("other", ProcessValue.Of("kept"))));
    }

    private static IEnumerable<ProcessValue[]> ArgumentSets(ProcessDefinition process, ImmutableArray<TriggerParameter> parameters)
    {
        yield return [];
        for (var p = 0; p < parameters.Length; p++)
        {
            var prefix = parameters.Take(p).Select(x => Sample(x.Kind)).ToArray();
            foreach (var value in Candidates(process, parameters[p]))
            {
                yield return [.. prefix, value];
                yield return [.. prefix, value, .. parameters.Skip(p + 1).Select(x => Sample(x.Kind))];
            }

            // A value of the wrong kind.
            yield return [.. prefix, parameters[p].Kind == ValueKind.Text ? ProcessValue.Of(1m) : ProcessValue.Of("wrong")];
        }

        // One argument too many.
        yield return [.. parameters.Select(x => Sample(x.Kind)), ProcessValue.Of("extra")];
    }

    /// <summary>The values guards on the parameter compare with, one below and one above each number, both booleans, a text.</summary>
    private static IEnumerable<ProcessValue> Candidates(ProcessDefinition process, TriggerParameter parameter)
    {
        var values = new List<ProcessValue> { Sample(parameter.Kind) };
        foreach (var guard in process.Model.Transitions.Select(t => t.Guard).OfType<Guard>().Where(g => g.Name == parameter.Name && g.Value is not null))
        {
            var v = guard.Value!.Value;
            values.Add(v);
            if (v.Kind == ValueKind.Number)
            {
                values.Add(ProcessValue.Of(v.Number - 1));
                values.Add(ProcessValue.Of(v.Number + 1));
            }
        }

        if (parameter.Kind == ValueKind.Boolean)
        {
            values.Add(ProcessValue.Of(true));
            values.Add(ProcessValue.Of(false));
        }

        return values.Where(v => v.Kind == parameter.Kind).Distinct();
    }

    private static ProcessValue Sample(ValueKind kind) => kind switch
    {
        ValueKind.Number => ProcessValue.Of(3m),
        ValueKind.Boolean => ProcessValue.Of(true),
        ValueKind.Date => ProcessValue.Of(new LocalDate(1990, 3, 4)),
        _ => ProcessValue.Of("sample"),
    };
}
