namespace CrmKit.CareProcess.Tests;

public sealed class ProcessDefinitionTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 2, 10, 1, 0);

    [Fact]
    public void Invalid_Model_ListsEveryProblem_WithPaths()
    {
        // A blank name cannot be built any more (LocalizedText rejects it); a missing one is still reported.
        Assert.Throws<ArgumentException>(() => new ProcessBuilder("Bad Id", "", "start"));
        var builder = new ProcessBuilder("Bad Id", null!, "start")
            .Trigger("go", null, new TriggerParameter("n", ValueKind.Number))
            .Trigger("go")
            .State("idle", initialChild: "nowhere")
            .State("busy")
            .State("done", final: true)
            .State("idle")
            .State("orphan", parent: "ghost")
            .On("idle", "go", "busy")
            .On("idle", "go", "done")
            .On("busy", "go", "idle", new Guard("big", GuardSource.Parameter, "n", GuardOperator.GreaterThan, ProcessValue.Of(5m)))
            .On("busy", "go", "done", new Guard("not small", GuardSource.Parameter, "n", GuardOperator.GreaterThanOrEqual, ProcessValue.Of(3m)))
            .On("busy", "stop", "limbo")
            .On("done", "go", "idle")
            .After("done", Duration.Zero, "idle");
        var ex = Assert.Throws<InvalidProcessException>(builder.Build);
        Assert.Equal(
        [
            "$.id: 'Bad Id' is not a valid id (lower-case letters, digits and dashes)",
            "$.name: is missing",
            "$.states[3].id: duplicate state 'idle'",
            "$.states[0].initialChild: 'nowhere' is not a child of 'idle'",
            "$.states[4].parent: unknown state 'ghost'",
            "$.triggers[1].id: duplicate trigger 'go'",
            "$.initial: unknown state 'start' (known: busy, done, idle, orphan)",
            "$.transitions[4].to: unknown state 'limbo' (known: busy, done, idle, orphan)",
            "$.transitions[4].trigger: unknown trigger 'stop' (known: go)",
            "$.transitions[5].to: 'done' is final: only internal transitions (without 'to') may leave it",
            "$.transitions[6].to: 'done' is final: only internal transitions (without 'to') may leave it",
            "$.transitions[6].timer.delay: the delay must be positive",
            "$.transitions[1]: ambiguous: state 'idle' already has an unguarded transition on trigger 'go' (transitions[0])",
            "$.transitions[3].guard: ambiguous: 'not small' and 'big' (transitions[2]) can both hold on trigger 'go' from 'busy'",
        ], ex.Problems.Select(p => p.ToString()).ToArray());
        Assert.StartsWith("Process 'Bad Id' is invalid: 14 problem(s):", ex.Message, StringComparison.Ordinal);
        // Each is a Problem: the JSON path as its location, what is wrong as its message (printed "location: message").
        Assert.Equal(new Problem("$.transitions[4].trigger", "unknown trigger 'stop' (known: go)"), ex.Problems[8]);
        Assert.Equal(ex.Problems, ProcessDefinition.Validate(builder.ToModel()));
    }

    [Fact]
    public void Unreachable_State_IsReported()
    {
        var ex = Assert.Throws<InvalidProcessException>(new ProcessBuilder("p", "P", "a").Trigger("t").State("a").State("b").State("island").On("a", "t", "b").Build);
        Assert.Equal(["$.states[2]: state 'island' cannot be reached from 'a'"], ex.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void DisjointGuards_OnTheSameValue_AreAccepted_OverlappingOrMixed_AreNot()
    {
        Guard N(GuardOperator op, decimal v) => new($"n {op} {v}", GuardSource.Parameter, "n", op, ProcessValue.Of(v));
        ProcessBuilder With(Guard a, Guard b) => new ProcessBuilder("p", "P", "a")
            .Trigger("t", null, new TriggerParameter("n", ValueKind.Number), new TriggerParameter("m", ValueKind.Number))
            .State("a").State("b").State("c").On("a", "t", "b", a).On("a", "t", "c", b);
        _ = With(N(GuardOperator.LessThan, 5), N(GuardOperator.GreaterThanOrEqual, 5)).Build();
        _ = With(N(GuardOperator.Equal, 1), N(GuardOperator.Equal, 2)).Build();
        Assert.Throws<InvalidProcessException>(With(N(GuardOperator.LessThanOrEqual, 5), N(GuardOperator.GreaterThanOrEqual, 5)).Build);
        Assert.Throws<InvalidProcessException>(With(N(GuardOperator.NotEqual, 1), N(GuardOperator.Equal, 2)).Build);
        var mixed = Assert.Throws<InvalidProcessException>(With(N(GuardOperator.LessThan, 5), new Guard("m big", GuardSource.Parameter, "m", GuardOperator.GreaterThan, ProcessValue.Of(9m))).Build);
        Assert.Contains("must test the same value to be provably exclusive", mixed.Problems.Single().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_RoundTripThroughJson()
    {
        foreach (var p in BuiltInProcesses.All)
        {
            var json = ProcessJson.Write(p);
            var again = ProcessJson.ReadDefinition(json);
            Assert.Equal(json, ProcessJson.Write(again));
            Assert.Equal<string>(p.States, again.States);
        }
    }

    [Fact]
    public void ReadDefinition_Malformed_NamesThePath()
    {
        var json = """{"id":"p","name":"P","initial":"a","states":[{"id":"a","final":"yes"}]}""";
        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition(json));
        Assert.StartsWith("$.states[0].final: ", ex.Problems.Single().ToString(), StringComparison.Ordinal);

        var invalid = """{"id":"p","name":"P","initial":"a","states":[{"id":"a"}],"transitions":[{"from":"a","to":"zz","trigger":"t"}]}""";
        var ex2 = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition(invalid));
        Assert.Equal(["$.transitions[0].to: unknown state 'zz' (known: a)", "$.transitions[0].trigger: unknown trigger 't' (known: )"], ex2.Problems.Select(p => p.ToString()).ToArray());
    }

    /// <summary>Issue 17 item 1: System.Text.Json's enum converter ORed "sms,zalo" into zalo and read "1" as a number.</summary>
    [Theory]
    [InlineData("sms,zalo")]
    [InlineData("zalo, sms")]
    [InlineData("1")]
    public void ReadDefinition_EnumTextListOrNumber_IsALocatedError(string channel)
    {
        var json = ProcessJson.Write(BuiltInProcesses.CustomerLifecycle);
        var first = json.IndexOf("\"channel\": \"zalo\"", StringComparison.Ordinal);
        Assert.True(first > 0, json);
        var broken = string.Concat(json.AsSpan(0, first), $"\"channel\": \"{channel}\"", json.AsSpan(first + "\"channel\": \"zalo\"".Length));

        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition(broken));

        Assert.Equal($"$.states[1].onEntry[0].channel: expected one of sms, zalo, email, phoneCall, chat, inPerson; found '{channel}'.", ex.Problems.Single().ToString());
    }

    /// <summary>Issue 17 item 3: "initial" twice was last-wins.</summary>
    [Fact]
    public void ReadDefinition_RepeatedKey_IsAProblemAtItsPath()
    {
        var json = """{"id":"p","name":"P","initial":"a","initial":"b","states":[{"id":"a"},{"id":"b"}],"triggers":[],"transitions":[]}""";
        var ex = Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition(json));
        Assert.Equal("$.initial: duplicate key 'initial'; a key may appear only once in an object.", ex.Problems.Single().ToString());

        var snapshot = ProcessJson.Write(BuiltInProcesses.WarrantyCase.Start("W-1", T0, [new("purchasedOn", ProcessValue.Of(new LocalDate(2025, 2, 28))), new("value", ProcessValue.Of(1m))]).Snapshot);
        var repeated = snapshot.Insert(1, "\"state\":\"closed\",");
        var snapshotError = Assert.Throws<System.Text.Json.JsonException>(() => ProcessJson.ReadSnapshot(repeated));
        Assert.Equal("$.state", snapshotError.Path);
    }

    [Fact]
    public void Snapshot_RoundTrips_WithHistoryAndData()
    {
        var w = BuiltInProcesses.WarrantyCase;
        var s = w.Start("W-1", T0, [new("purchasedOn", ProcessValue.Of(new LocalDate(2025, 2, 28))), new("value", ProcessValue.Of(1_250_000.5m))]).Snapshot;
        s = w.Fire(s, "diagnosed", T0 + Duration.FromHours(2), [ProcessValue.Of("pin chai")]).GetStepOrThrow().Snapshot;
        s = w.Fire(s, "decide", T0 + Duration.FromHours(3), [ProcessValue.Of(true), ProcessValue.Of("lỗi nhà sản xuất")]).GetStepOrThrow().Snapshot;
        var json = ProcessJson.Write(s);
        var back = ProcessJson.ReadSnapshot(json);
        Assert.Equal(s, back);
        Assert.Equal(json, ProcessJson.Write(back));
        Assert.Contains("\"purchasedOn\":{\"date\":\"2025-02-28\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void BirthdayTimer_FiresAtNineLocal_AndOn28February_ForLeapDayBirthdays()
    {
        var p = new ProcessBuilder("birthday", "Birthday greeting", "waiting")
            .State("waiting").State("greeted")
            .At("waiting", new AtLocalTimeTimer("birthday", new LocalTime(9, 0)), "greeted", null, new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "birthday"))
            .After("greeted", Duration.FromDays(1), "waiting")
            .Build();
        var hcm = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.AlwaysOpen);
        var s = p.Start("KH1", Instant.FromUtc(2027, 1, 1, 0, 0), [new("birthday", ProcessValue.Of(new LocalDate(1996, 2, 29)))], hcm);
        Assert.Equal(Instant.FromUtc(2027, 2, 28, 2, 0), s.NextDue);

        // A year later, in a leap year, the anniversary is the 29th again.
        var later = p.Advance(s.Snapshot, Instant.FromUtc(2028, 1, 1, 0, 0), hcm);
        Assert.Equal(Instant.FromUtc(2028, 2, 29, 2, 0), later.NextDue);
    }

    [Fact]
    public void LocalTimeTimer_InDaylightSavingGap_MovesForward()
    {
        var p = new ProcessBuilder("remind", "Reminder", "waiting")
            .State("waiting").State("done", final: true)
            .At("waiting", new AtLocalTimeTimer("day", new LocalTime(2, 30), EveryYear: false), "done")
            .Build();
        var ny = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["America/New_York"], BusinessCalendar.AlwaysOpen);

        // 2027-03-14 02:30 does not exist in New York (clocks jump from 02:00 to 03:00): 03:30 EDT = 07:30 UTC.
        var s = p.Start("x", Instant.FromUtc(2027, 1, 1, 0, 0), [new("day", ProcessValue.Of(new LocalDate(2027, 3, 14)))], ny);
        Assert.Equal(Instant.FromUtc(2027, 3, 14, 7, 30), s.NextDue);
    }

    [Fact]
    public void Diagrams_ShowStatesTransitionsGuardsTimersAndFinalStates()
    {
        var mermaid = ProcessDiagram.Mermaid(BuiltInProcesses.WarrantyCase);
        Assert.StartsWith("stateDiagram-v2\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    diagnosed --> approved : decide [under warranty]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    returned --> [*]\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    [*] --> received\n", mermaid, StringComparison.Ordinal);

        var ticket = ProcessDiagram.Mermaid(BuiltInProcesses.SupportTicket);
        Assert.Contains("    solved --> closed : after 4 days\n", ticket, StringComparison.Ordinal);
        Assert.Contains("    note right of closed : customer-reply / start support-ticket (internal)\n", ticket, StringComparison.Ordinal);

        var nested = ProcessDiagram.Mermaid(BuiltInProcesses.AfterSale);
        Assert.Contains("    state \"caring — Regular after-sale care\" as caring {\n        [*] --> follow_up\n", nested, StringComparison.Ordinal);

        var dot = ProcessDiagram.Dot(BuiltInProcesses.AfterSale);
        Assert.StartsWith("digraph \"after-sale\" {", dot, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_caring\"", dot, StringComparison.Ordinal);
        Assert.Contains("\"follow-up\" -> \"complaint\" [label=\"complaint-received\", ltail=\"cluster_caring\"];", dot, StringComparison.Ordinal);
        Assert.Contains("\"completed\" [label=\"completed — Care cycle done\", peripheries=2];", dot, StringComparison.Ordinal);
    }
}
