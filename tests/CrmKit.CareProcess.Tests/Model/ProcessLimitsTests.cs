namespace CrmKit.CareProcess.Tests;

/// <summary>
/// The size limits of process definitions (issue 18, item 4): a definition beyond them is one located problem,
/// found before anything expensive, and validation within them is linear (plus bounded guard comparisons).
/// </summary>
public sealed class ProcessLimitsTests
{
    /// <summary>States s1 … sN, each the parent of the next; every non-last state enters the next.</summary>
    private static ProcessBuilder Nested(int depth)
    {
        var builder = new ProcessBuilder("deep", "Deep", "s1").Trigger("t");
        for (var i = 1; i <= depth; i++)
        {
            builder.State($"s{i}", parent: i == 1 ? null : $"s{i - 1}", initialChild: i == depth ? null : $"s{i + 1}");
        }

        return builder;
    }

    private static Guard AtLeast(int n) => new($"n ≥ {n}", GuardSource.Parameter, "n", GuardOperator.GreaterThanOrEqual, ProcessValue.Of(n));

    private static Guard EqualTo(int n) => new($"n = {n}", GuardSource.Parameter, "n", GuardOperator.Equal, ProcessValue.Of(n));

    private static ProcessBuilder Guarded(int count, Func<int, Guard> guard)
    {
        var builder = new ProcessBuilder("wide", "Wide", "a").Trigger("t", null, new TriggerParameter("n", ValueKind.Number)).State("a").State("b");
        for (var i = 0; i < count; i++)
        {
            builder.On("a", "t", "b", guard(i));
        }

        return builder;
    }

    [Fact]
    public void Validate_30000DeepDefinition_IsOneProblemAboutTheStateCount()
    {
        // Issue 18: 30,000-deep definitions took more than 300 s to validate.
        var e = Assert.Throws<InvalidProcessException>(Nested(30_000).Build);
        Assert.Equal(["$.states: 30,000 states; at most 1,000 are allowed (ProcessLimits.MaxStates)"], e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Validate_StatesNestedOneLevelTooDeep_IsReportedAtTheFirstStateBeyond()
    {
        Assert.Equal(ProcessLimits.MaxStateDepth, Nested(ProcessLimits.MaxStateDepth).Build().States.Length);
        var e = Assert.Throws<InvalidProcessException>(Nested(ProcessLimits.MaxStateDepth + 1).Build);
        Assert.Equal(["$.states[16].parent: 's17' is at level 17; states nest at most 16 levels (ProcessLimits.MaxStateDepth)"], e.Problems.Select(p => p.ToString()).ToArray());

        // A chain through every allowed state: one problem, from a walk that visits each state once.
        var deepest = Assert.Throws<InvalidProcessException>(Nested(ProcessLimits.MaxStates).Build);
        Assert.Equal(["$.states[16].parent: 's17' is at level 17; states nest at most 16 levels (ProcessLimits.MaxStateDepth)"], deepest.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Validate_3000OverlappingGuards_IsOneProblem()
    {
        // Issue 18: 3,000 overlapping guards (≈ 400 KB of JSON) exhausted memory: every pair was a problem.
        var json = ProcessJson.Write(Guarded(ProcessLimits.MaxGuardedTransitions, EqualTo).Build());
        Assert.Equal(ProcessLimits.MaxGuardedTransitions, ProcessJson.ReadDefinition(json).Model.Transitions.Length);
        var e = Assert.Throws<InvalidProcessException>(Guarded(3_000, AtLeast).Build);
        Assert.Equal(["$.transitions[64].guard: 3,000 guarded transitions leave state 'a' on trigger 't'; at most 64 are allowed (ProcessLimits.MaxGuardedTransitions)"], e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Validate_OverlappingGuards_ReportEachTransitionOnce()
    {
        // n ≥ 0, n ≥ 1, … all overlap: one problem per transition after the first, against transitions[0].
        // (Before, every overlapping pair was a problem: 2,016 for 64 guards.)
        var problems = ProcessDefinition.Validate(Guarded(ProcessLimits.MaxGuardedTransitions, AtLeast).ToModel());
        Assert.Equal(ProcessLimits.MaxGuardedTransitions - 1, problems.Count);
        Assert.Equal(new Problem("$.transitions[63].guard", "ambiguous: 'n ≥ 63' and 'n ≥ 0' (transitions[0]) can both hold on trigger 't' from 'a'"), problems[^1]);
    }

    [Fact]
    public void Validate_TooManyEffectsOrParameters_AreReportedWithTheirPaths()
    {
        var effects = Enumerable.Repeat<Effect>(new AssignStaff("care"), ProcessLimits.MaxEffects + 1).ToArray();
        var parameters = Enumerable.Range(0, ProcessLimits.MaxParameters + 1).Select(i => new TriggerParameter($"p{i}", ValueKind.Text)).ToArray();
        var e = Assert.Throws<InvalidProcessException>(new ProcessBuilder("p", "P", "a").Trigger("t", null, parameters).State("a").State("b").On("a", "t", "b", null, effects).Build);
        Assert.Equal(
        [
            "$.triggers[0].parameters: 33 parameters; at most 32 are allowed (ProcessLimits.MaxParameters)",
            "$.transitions[0].effects: 65 effects; at most 64 are allowed (ProcessLimits.MaxEffects)",
        ], e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Validate_TimerOf11400Years_IsRefused_NotThrownAtStart()
    {
        // Issue 18: the timer passed validation and Start() threw when its due instant fell outside the calendar.
        var e = Assert.Throws<InvalidProcessException>(new ProcessBuilder("p", "P", "a").Trigger("t").State("a").State("b")
            .After("a", Duration.FromDays(4_163_850), "b").Build);
        Assert.Equal(["$.transitions[0].timer.delay: 4,163,850 days is longer than 36,525 days (ProcessLimits.MaxDelayDays)"], e.Problems.Select(p => p.ToString()).ToArray());
        var longest = new ProcessBuilder("p", "P", "a").Trigger("t").State("a").State("b").After("a", Duration.FromDays(ProcessLimits.MaxDelayDays), "b").Build();
        Assert.Equal(Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromDays(ProcessLimits.MaxDelayDays), longest.Start("x", Instant.FromUtc(2026, 1, 1, 0, 0)).NextDue);
    }

    [Fact]
    public void Validate_TaskDueInAndOccasionOffsetBeyondTheirRanges_AreRefused()
    {
        var e = Assert.Throws<InvalidProcessException>(new ProcessBuilder("p", "P", "a").Trigger("t").State("a").State("b")
            .On("a", "t", "b", null, new CreateTask("call", DueIn: Duration.FromDays(ProcessLimits.MaxDelayDays + 1)))
            .At("a", new AtLocalTimeTimer("birthday", new LocalTime(9, 0), OffsetDays: -367), "b").Build);
        Assert.Equal(
        [
            "$.transitions[0].effects[0]: a task's time to complete (36,526 days) is longer than 36,525 days (ProcessLimits.MaxDelayDays)",
            "$.transitions[1].timer.offsetDays: -367 is outside ±366 days (ProcessLimits.MaxOffsetDays)",
        ], e.Problems.Select(p => p.ToString()).ToArray());
    }
}
