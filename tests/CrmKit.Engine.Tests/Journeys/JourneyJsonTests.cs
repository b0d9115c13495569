namespace CrmKit.Engine.Tests;

public sealed class JourneyJsonTests
{
    public static TheoryData<string> BuiltIns() => [.. BuiltInJourneys.All.Select(j => j.Id)];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltInJourneys_RoundTrip_AndWriteTheSameText(string id)
    {
        var journey = BuiltInJourneys.All.Single(j => j.Id == id);
        var json = JourneyJson.Write(journey);
        var back = JourneyJson.Read(json, id);
        Assert.Equal(journey, back);
        Assert.Equal(json, JourneyJson.Write(back));
    }

    [Fact]
    public void BuiltInJourneys_AreValid_AgainstTheBuiltInProcessesAndSegments()
    {
        Assert.Empty(JourneyValidator.Validate(BuiltInJourneys.All, BuiltInJourneys.Processes, BuiltInSegments.Catalog));
        Assert.All(BuiltInJourneys.Processes, p => Assert.Empty(ProcessDefinition.Validate(p.Model)));
    }

    [Fact]
    public void SeedsJourneys_MatchTheBuiltIns()
    {
        foreach (var j in BuiltInJourneys.All)
        {
            var file = RepositoryRoot.Path("seeds", "journeys", j.Id + ".json");
            Assert.True(File.Exists(file) && File.ReadAllText(file) == JourneyJson.Write(j) + "\n", $"seeds/journeys/{j.Id}.json is out of date: run `dotnet run --project src/CrmKit.Cli.Seeds -- generate`.");
        }

        foreach (var p in BuiltInJourneys.Processes)
        {
            var file = RepositoryRoot.Path("seeds", "processes", p.Id + ".json");
            Assert.True(File.Exists(file) && File.ReadAllText(file) == ProcessJson.Write(p) + "\n", $"seeds/processes/{p.Id}.json is out of date: run `dotnet run --project src/CrmKit.Cli.Seeds -- generate`.");
        }
    }

    [Fact]
    public void AJourneyWithEveryKindOfPart_ReadsAsWritten()
    {
        const string json = """
            {
              "id": "vip-birthday", "version": 3, "process": "birthday-greeting",
              "entry": { "type": "occasion", "occasion": "birthday", "daysBefore": 1, "at": "08:30:00",
                         "customer": { "segment": "vip" } },
              "reentry": "always", "coolDown": "8000:00:00",
              "exits": [ { "type": "rule", "rule": { "field": "orders.count", "op": "=", "value": 0 } },
                         { "type": "segmentExited", "segment": "vip" } ],
              "goal": { "events": ["orderPlaced"], "where": { "status": "completed" }, "exitOnGoal": true }
            }
            """;
        var j = JourneyJson.Read(json);
        Assert.Equal("vip-birthday@v3", j.VersionedId);
        var entry = Assert.IsType<OccasionEntry>(j.Entry);
        Assert.Equal((Occasion.Birthday, 1, new LocalTime(8, 30)), (entry.Occasion, entry.DaysBefore, entry.At));
        Assert.NotNull(entry.Customer);
        Assert.Equal(Duration.FromHours(8000), j.CoolDown);
        Assert.Equal(2, j.Exits.Length);
        Assert.True(j.Goal!.ExitOnGoal);
        Assert.Equal(j, JourneyJson.Read(JourneyJson.Write(j)));
    }

    [Fact]
    public void EveryProblem_IsReported_AtItsPath()
    {
        const string json = """
            {
              "id": " ", "version": 0, "process": "after-sale",
              "entry": { "type": "event", "events": ["orderPlaced", "orderShipped"], "where": { "status": ["done"], "colour": "red" } },
              "correlation": "basket", "reentry": "once", "coolDown": "24:00:00",
              "steps": [ { "event": "feedbackReceived", "trigger": "feedback-received", "arguments": { "rating": "stars" } },
                         { "trigger": "x" } ],
              "exits": [ { "type": "segmentLeft", "segment": "vip" }, { "type": "rule" } ],
              "goal": { "events": [] },
              "colour": 1
            }
            """;
        var ex = Assert.Throws<InvalidJourneyException>(() => JourneyJson.Read(json, "mine.json"));
        string[] expected =
        [
            "$.id: expected a non-blank text",
            "$.version: expected a whole number ≥ 1.",
            "$.entry.events[1]: 'orderShipped' is not an event type",
            "$.entry.where.status: 'done' is not a status here (known: completed, returned, cancelled, pending).",
            "$.entry.where.colour: 'colour' is not a field of orderPlaced",
            "$.correlation: 'basket' is not one of customer, order, ticket, warranty.",
            "$.coolDown: a cool-down needs re-entry",
            "$.steps[0].arguments.rating: 'stars' is not a field of feedbackReceived",
            "$.steps[1]: \"event\" is missing",
            "$.exits[0].type: 'segmentLeft' is not a type here (known: segmentExited, event, rule).",
            "$.exits[1]: \"rule\" is missing",
            "$.goal.events: the list is empty",
            "$.colour: unknown property",
        ];
        foreach (var e in expected)
        {
            Assert.True(ex.Problems.Any(m => m.ToString().StartsWith(e, StringComparison.Ordinal)), $"missing '{e}' in:\n{string.Join("\n", ex.Problems)}");
        }

        Assert.Equal(expected.Length, ex.Problems.Length);
        Assert.StartsWith("Journey mine.json is invalid: $.colour: unknown property", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "$: not valid JSON (line")]
    [InlineData("""{"id":"a","id":"b","process":"p","entry":{"type":"segmentEntered","segment":"vip"}}""", "$.id: duplicate key 'id'; a key may appear only once in an object.")]
    [InlineData("""{"id":"a","process":"p"}""", "$: \"entry\" is missing")]
    [InlineData("""{"id":"a","process":"p","entry":{"segment":"vip"}}""", "$.entry: \"type\" is missing: one of event, segmentEntered, segmentExited, occasion.")]
    [InlineData("""{"id":"a","process":"p","entry":{"type":"occasion","occasion":"wedding","daysBefore":90,"at":"9am"}}""", "$.entry.occasion: 'wedding' is not one of birthday, tet, joinAnniversary.")]
    [InlineData("""{"id":"a","process":"p","entry":{"type":"occasion","occasion":"tet","daysBefore":90}}""", "$.entry.daysBefore: expected a whole number of days from 0 to 60.")]
    [InlineData("""{"id":"a","process":"p","entry":{"type":"occasion","occasion":"tet","at":"9am"}}""", "$.entry.at: expected a local time HH:mm:ss")]
    [InlineData("""{"id":"a","process":"p","reentry":"always","coolDown":"soon","entry":{"type":"segmentEntered","segment":"vip"}}""", "$.coolDown: expected a duration in hours")]
    [InlineData("""{"id":"a","process":"p","entry":{"type":"event","events":["orderPlaced"],"customer":{"field":"nope","op":"eq","value":1}}}""", "$.entry.customer")]
    public void OneProblem_IsReported_WithItsPath(string json, string expected)
    {
        var ex = Assert.Throws<InvalidJourneyException>(() => JourneyJson.Read(json));
        Assert.Contains(ex.Problems, m => m.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void OversizedParts_AreRefused_AtTheirPath()
    {
        var steps = string.Join(",", Enumerable.Repeat("""{"event":"ticketSolved","trigger":"solve"}""", JourneyLimits.MaxSteps + 1));
        var ex = Assert.Throws<InvalidJourneyException>(() => JourneyJson.Read($$"""{"id":"a","process":"p","entry":{"type":"segmentEntered","segment":"vip"},"steps":[{{steps}}]}"""));
        Assert.Contains(new Problem("$.steps", $"more than {JourneyLimits.MaxSteps} items."), ex.Problems);
        var big = new string(' ', JourneyLimits.MaxJsonBytes + 1);
        Assert.Throws<InvalidJourneyException>(() => JourneyJson.Read(big));
    }

    [Fact]
    public void Validator_ReportsUnknownProcessesTriggersArgumentsAndSegments()
    {
        var bad = BuiltInJourneys.AfterSale with
        {
            Steps = [new JourneyStep(CareEventType.FeedbackReceived, "rated", EventFilter.None, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty),
                     BuiltInJourneys.AfterSale.Steps[0] with { Arguments = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("rating", "kind")]) }],
            Exits = [new SegmentExitedExit("lapsd")],
        };
        var wrongProcess = BuiltInJourneys.WinBack with { Process = "win-back-2", Entry = new SegmentEnteredEntry("vipp") };
        var wrongCorrelation = BuiltInJourneys.Warranty with { Entry = new EventEntry([CareEventType.TicketOpened], EventFilter.None) };
        var problems = JourneyValidator.Validate([bad, wrongProcess, wrongCorrelation, BuiltInJourneys.Tet, BuiltInJourneys.Tet], BuiltInJourneys.Processes, BuiltInSegments.Catalog);
        string[] expected =
        [
            "after-sale@v1: $.steps[0].trigger: process 'after-sale' has no trigger 'rated'",
            "after-sale@v1: $.steps[1].arguments.rating: 'kind' is a Text but parameter 'rating' is a Number.",
            "after-sale@v1: $.exits[0].segment: no segment 'lapsd' in the catalogue",
            "win-back@v1: $.entry.segment: no segment 'vipp' in the catalogue",
            "win-back@v1: $.process: no process 'win-back-2'",
            "warranty-case@v1: $.entry.events: ticketOpened names no warranty",
            "tet@v1: $.version: tet@v1 is listed twice",
        ];
        foreach (var e in expected)
        {
            Assert.True(problems.Any(m => m.ToString().StartsWith(e, StringComparison.Ordinal)), $"missing '{e}' in:\n{string.Join("\n", problems)}");
        }

        Assert.Equal(expected.Length, problems.Length);
    }
}
