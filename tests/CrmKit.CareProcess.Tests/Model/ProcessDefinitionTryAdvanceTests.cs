using System.Collections.Immutable;

namespace CrmKit.CareProcess.Tests;

/// <summary>
/// <see cref="ProcessDefinition.TryAdvance"/> called until it takes nothing gives what <see cref="ProcessDefinition.Advance"/>
/// gives (the reference): the same transitions in order, effects, final state, entry instant, version and next due
/// instant — over every built-in process and a process with every kind of timer (business hours, a date in the data,
/// a guard on the data, a repeating timer, a chain at one instant), every state, with and without data, at instants
/// before, at and long after the timers.
/// </summary>
public sealed class ProcessDefinitionTryAdvanceTests
{
    private static readonly Instant Entered = Instant.FromUtc(2026, 3, 6, 8, 30);

    private static readonly ProcessDefinition Timers = new ProcessBuilder("timers", "Every kind of timer", "a")
        .State("a")
        .State("b")
        .State("c")
        .State("d")
        .State("e", final: true)
        .After("a", Duration.FromHours(4), "b", businessHours: true, guard: null, new CreateTask("Call back", "care"))
        .After("a", Duration.FromDays(1), "c", guard: new Guard("vip", GuardSource.Data, "vip", GuardOperator.Equal, ProcessValue.Of(true)))
        .After("b", Duration.FromMinutes(30), "c", businessHours: false, guard: null, new SendMessage(ContactChannel.Zalo, ContactPurpose.Transactional, "chained"))
        .At("c", new AtLocalTimeTimer("birthday", new LocalTime(9, 0), OffsetDays: -1), "d")
        .After("d", Duration.FromDays(2), "d", businessHours: false, guard: null, new SendMessage(ContactChannel.Sms, ContactPurpose.Marketing, "repeat"))
        .After("d", Duration.FromDays(3), "e")
        .Build();

    public static TheoryData<string> Processes() => [.. BuiltInProcesses.All.Select(p => p.Id).Append(Timers.Id)];

    [Theory]
    [MemberData(nameof(Processes))]
    public void TryAdvance_UntilNothingIsDue_GivesWhatAdvanceGives(string id)
    {
        var process = id == Timers.Id ? Timers : BuiltInProcesses.All.Single(p => p.Id == id);
        var environment = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.VietnamOffice());
        var none = ImmutableSortedDictionary.Create<string, ProcessValue>(StringComparer.Ordinal);
        var data = none.Add("vip", ProcessValue.Of(true)).Add("birthday", ProcessValue.Of(new LocalDate(1990, 3, 20)));
        var taken = 0;
        foreach (var state in process.Model.States)
        {
            foreach (var values in new[] { none, data })
            {
                var snapshot = new ProcessSnapshot { ProcessId = id, InstanceId = "i-1", State = state.Id, StartedAt = Entered, EnteredAt = Entered, Version = 5, Data = values };
                foreach (var later in new[] { Duration.Zero, Duration.FromHours(3), Duration.FromDays(1), Duration.FromDays(8), Duration.FromDays(120), Duration.FromDays(800) })
                {
                    var now = Entered + later;
                    var expected = process.Advance(snapshot, now, environment);
                    var cursor = new ProcessCursor(process.StateIndex(state.Id), Entered, 5);
                    var transitions = new List<ProcessTransition>();
                    Instant? due;
                    while (process.TryAdvance(ref cursor, now, values, environment, out var step, out due))
                    {
                        transitions.Add(step!);
                        Assert.True(due <= now, $"{id}: {state.Id} at {now}: a timer due {due} was taken");
                    }

                    var where = $"{id}: {state.Id} at +{later}";
                    Assert.Equal(expected.Transitions, transitions);
                    Assert.Equal(expected.Effects, transitions.SelectMany(t => t.Effects));
                    Assert.Equal(expected.NextDue, due);
                    Assert.True(expected.Snapshot.State == (transitions.Count == 0 ? state.Id : transitions[^1].To), where);
                    Assert.Equal((process.StateIndex(expected.Snapshot.State), expected.Snapshot.EnteredAt, expected.Snapshot.Version), (cursor.State, cursor.EnteredAt, cursor.Version));
                    taken += transitions.Count;
                }
            }
        }

        // Where the process has timers, some were taken (so both sides of the comparison were exercised); the
        // warranty case and the lifecycle move on events only, and none may be taken there.
        var timers = process.Model.Transitions.Count(t => t.Timer is not null);
        Assert.True(timers == 0 ? taken == 0 : taken > 0, $"{id}: {taken} timer steps taken with {timers} timers");
    }

    [Fact]
    public void TryAdvance_ACursorOutsideTheProcess_IsRejected()
    {
        var cursor = new ProcessCursor(99, Entered, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Timers.TryAdvance(ref cursor, Entered, ImmutableSortedDictionary<string, ProcessValue>.Empty, null, out _, out _));
        Assert.StartsWith("Process 'timers' has no state at index 99.", e.Message, StringComparison.Ordinal);
    }
}
