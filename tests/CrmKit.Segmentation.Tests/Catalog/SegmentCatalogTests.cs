namespace CrmKit.Segmentation.Tests;

public sealed class SegmentCatalogTests
{
    private static readonly SegmentCatalog Catalog = BuiltInSegments.Catalog;

    private static CustomerRecord Scored(int r, int f, int m) => new() { Id = $"KH{r}{f}{m}", RecencyScore = r, FrequencyScore = f, MonetaryScore = m };

    private static readonly EvaluationContext Now = new(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);

    [Fact]
    public void RfmSegments_OwnRules_PartitionAll125Scores_AndEachIsReachable()
    {
        var reached = new Dictionary<string, int>();
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                for (var m = 1; m <= 5; m++)
                {
                    // The rules themselves are disjoint: no reliance on priorities.
                    var matching = BuiltInSegments.RfmSegmentIds.Where(id => RuleInterpreter.Evaluate(Catalog[id].Rule, Scored(r, f, m), Now)).ToList();
                    Assert.True(matching.Count == 1, $"R{r} F{f} M{m}: {string.Join(", ", matching)}");
                    reached[matching[0]] = reached.GetValueOrDefault(matching[0]) + 1;
                }
            }
        }

        Assert.Equal(BuiltInSegments.RfmSegmentIds.Order(), reached.Keys.Order());
        Assert.Equal(125, reached.Values.Sum());
    }

    [Property(MaxTest = 80)]
    public Property ExclusivityGroups_AreDisjoint_AndPartitionsWhereTheyHaveACatchAll()
        => Prop.ForAll(RuleGenerators.Population, p =>
        {
            var classifier = new SegmentClassifier(Catalog);
            foreach (var record in p.Records)
            {
                var membership = classifier.Classify(record, p.Context);
                foreach (var (group, members) in Catalog.Groups)
                {
                    var count = members.Count(i => membership.Contains(Catalog.Segments[i].Id));
                    // The named RFM segments read R and F (M only splits champions from loyal).
                    var scored = record.RecencyScore is not null && record.FrequencyScore is not null;
                    var expected = group switch
                    {
                        "value-tier" or "customer-kind" => count == 1,
                        "rfm" => count == (scored ? 1 : 0),
                        _ => count <= 1,
                    };
                    if (!expected)
                    {
                        return false.Label($"{record.Id}: group {group} has {count} memberships ({membership})");
                    }
                }
            }

            return true.ToProperty();
        });

    [Fact]
    public void Catalog_HasMoreThanThirtySegments_CoveringTheRequiredGroups()
    {
        Assert.True(Catalog.Segments.Length >= 30);
        string[] required = ["new", "potential", "loyal-customers", "lapsed", "first-time-big-buyer", "vip", "high-value", "average-value", "low-value",
            "age-child", "age-youth", "age-middle", "age-elderly", "female", "male", "income-low", "income-middle", "income-high", "urban", "suburban", "rural",
            "individual", "business", "birthday-this-week", "clv-top", .. BuiltInSegments.RfmSegmentIds];
        Assert.All(required, id => Assert.True(Catalog.Contains(id), id));
    }

    [Fact]
    public void Json_RoundTrips_AndMatchesTheSeedsFile()
    {
        var json = Catalog.ToJson();
        var back = SegmentCatalog.Parse(json);
        Assert.All(Catalog.Segments.Zip(back.Segments), p => Assert.True(p.First.Equals(p.Second), $"{p.First.Id}: {p.First.Rule} vs {p.Second.Rule}"));
        Assert.Equal(json, back.ToJson());
        var seeds = RepositoryRoot.Path("seeds", "segments.json");
        Assert.True(File.ReadAllText(seeds) == json, "seeds/segments.json is out of date: run `dotnet run --project src/CrmKit.Cli.Seeds -- generate`.");
    }

    [Fact]
    public void Constructor_ReferenceCycleThroughAGroup_IsRejectedWithThePath()
    {
        Segment[] segments =
        [
            new("a", "A", Rule.InSegment("b")),
            new("b", "B", Rule.True) { ExclusiveGroup = "tier", Priority = 2 },
            new("c", "C", Rule.InSegment("a")) { ExclusiveGroup = "tier", Priority = 1 },
        ];
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(segments));
        Assert.Equal("Invalid rule: $.segments[0].rule: segment references form a cycle: 'a' → group 'tier' → 'a'.", e.Message);
    }

    [Fact]
    public void Constructor_MemberReferringToItsOwnGroup_IsACycle()
    {
        Segment[] segments =
        [
            new("b", "B", Rule.InSegment("c")) { ExclusiveGroup = "tier", Priority = 2 },
            new("c", "C", Rule.True) { ExclusiveGroup = "tier", Priority = 1 },
        ];
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(segments));
        Assert.Equal("Invalid rule: $.segments[0].rule: segment references form a cycle: group 'tier' → group 'tier'.", e.Message);
    }

    [Fact]
    public void Constructor_EveryProblem_IsListed()
    {
        Segment[] segments =
        [
            new("a", "A", Rule.InSegment("missing")),
            new("a", "A again", Rule.True),
            new("x", "X", Rule.True) { ExclusiveGroup = "g", Priority = 1 },
            new("y", "Y", Rule.True) { ExclusiveGroup = "g", Priority = 1 },
        ];
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(segments));
        Assert.Equal(
            [
                "$.segments[1].id: duplicate segment id 'a' (first at $.segments[0]).",
                "$.segments[0].rule: refers to unknown segment 'missing'.",
                "$.segments[3].priority: segments 'x', 'y' of exclusivity group 'g' share priority 1; priorities within a group must differ.",
            ],
            e.Problems.Select(x => x.ToString()));
    }

    [Fact]
    public void Parse_BadSegmentEntries_ReportedByPath()
    {
        const string json = """
            {"version": 1, "segments": [
              {"id": "Bad Id", "name": "x", "rule": true},
              {"id": "ok", "rule": {"field": "age", "op": ">="}},
              {"id": "z", "name": "Z", "rule": true, "colour": "red"}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => SegmentCatalog.Parse(json));
        Assert.Equal(
            [
                "$.segments[0].id: 'Bad Id' is not a valid id: use lower-case letters, digits and dashes, starting with a letter.",
                "$.segments[1]: a segment needs 'name'.",
                "$.segments[1].rule: operator '>=' takes one value, not 0.",
                "$.segments[2].colour: unknown property 'colour'; a segment has: id, name, description, group, priority, rule.",
            ],
            e.Problems.Select(x => x.ToString()));
    }

    [Fact]
    public void Explain_ShowsActualValuesAndWhatWasNeeded()
    {
        var record = TwoOrders();
        var explanation = Catalog.Explain("loyal-customers", record, Now);
        Assert.False(explanation.Holds);
        Assert.Equal(
            """
            ✗ all: 1 of 2 conditions failed
              ✗ orders.count (completed) = 2, needed ≥ 3
              ✓ daysSinceLastOrder (completed) = 20, needed ≤ 180
            """.ReplaceLineEndings(), explanation.ToString());
        var tier = Catalog.Explain("low-value", record, Now);
        Assert.True(tier.Holds);
        Assert.Equal("no higher-priority segment of group 'value-tier' matched", tier.Reason);
    }

    [Fact]
    public void RuleExplain_AFreeRule_IsTheReferenceExplanation_AndNeedsMembershipsForSegmentReferences()
    {
        // The public way to explain a rule outside a catalogue (RuleInterpreter is internal since stop 29).
        var record = TwoOrders();
        var rule = RuleJson.Parse("""{"all":[{"field":"orders.count","op":">=","value":3},{"field":"daysSinceLastOrder","op":"<=","value":180}]}""");
        var explanation = rule.Explain(record, Now);
        Assert.Equal(
            """
            ✗ all: 1 of 2 conditions failed
              ✗ orders.count (completed) = 2, needed ≥ 3
              ✓ daysSinceLastOrder (completed) = 20, needed ≤ 180
            """.ReplaceLineEndings(), explanation.ToString());
        Assert.Equal(new RuleCompiler().Evaluate(rule, record, Now), explanation.Holds);

        var inVip = Rule.InSegment("vip");
        var e = Assert.Throws<InvalidOperationException>(() => inVip.Explain(record, Now));
        Assert.Equal("The rule refers to segment 'vip'; evaluate it through a SegmentCatalog.", e.Message);
        Assert.True(inVip.Explain(record, Now, id => id == "vip").Holds);
    }

    [Fact]
    public void Explain_ConditionNodes_CarryTheValueRead_OtherNodesNone()
    {
        var record = TwoOrders();

        var loyal = Catalog.Explain("loyal-customers", record, Now);
        var youth = Catalog.Explain("age-youth", record, Now);

        Assert.Null(loyal.Value);
        Assert.Equal(["2", "20"], loyal.Children.Select(c => c.Value));
        var age = youth.Children.Single();
        Assert.IsType<Condition>(age.Rule);
        Assert.Null(age.Value);
        Assert.Contains("age = not set", age.Reason, StringComparison.Ordinal);
    }

    // Two completed orders, 400 and 20 days before the as-of instant; no birth date.
    private static CustomerRecord TwoOrders() => new()
    {
        Id = "KH1",
        Orders =
        [
            new OrderRecord { Id = "O1", PlacedAt = Now.AsOf - Duration.FromDays(400), Amount = 300_000m },
            new OrderRecord { Id = "O2", PlacedAt = Now.AsOf - Duration.FromDays(20), Amount = 450_000m },
        ],
    };
}
