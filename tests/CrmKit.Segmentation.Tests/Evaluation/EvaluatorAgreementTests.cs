namespace CrmKit.Segmentation.Tests;

public sealed class EvaluatorAgreementTests
{
    private static readonly RuleCompiler Compiler = new();

    [Property(MaxTest = 400)]
    public Property Interpreter_Compiled_And_LinqExpression_Agree()
        => Prop.ForAll(RuleGenerators.Case, c =>
        {
            var linqRule = RuleExpressions.ToExpression(c.Rule, c.Context).Compile();
            var compiledRule = Compiler.Compile(c.Rule);
            foreach (var record in c.Records)
            {
                var (interpreted, compiled, linq) = (RuleInterpreter.Evaluate(c.Rule, record, c.Context), compiledRule(record, c.Context, []), linqRule(record));
                if (interpreted != compiled || interpreted != linq)
                {
                    return false.Label($"{c.Rule} on {record.Id} {c.Context}: interpreted {interpreted}, compiled {compiled}, linq {linq}");
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 60)]
    public Property Catalogue_Classifier_Agrees_With_Interpreted_Membership_Rules()
        => Prop.ForAll(RuleGenerators.Population, p =>
        {
            var catalog = BuiltInSegments.Catalog;
            var classifier = new SegmentClassifier(catalog, Compiler);
            var linqRules = catalog.Segments.Select(s => (s.Id, Rule: RuleExpressions.ToExpression(catalog.MembershipRule(s.Id), p.Context).Compile())).ToList();
            foreach (var record in p.Records)
            {
                var compiled = classifier.Classify(record, p.Context);
                var interpreted = catalog.Membership(catalog.ClassifyInterpreted(record, p.Context));
                var linq = catalog.Membership(linqRules.Where(s => s.Rule(record)).Select(s => s.Id));
                if (!compiled.Equals(interpreted) || !compiled.Equals(linq))
                {
                    return false.Label($"{record.Id}: compiled [{compiled}], interpreted [{interpreted}], linq [{linq}]");
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 200)]
    public Property Classifier_SharedOrderPass_Agrees_With_Interpreter_On_Generated_Catalogues()
        => Prop.ForAll(
            (from rules in RuleGenerators.Rule.ArrayOf().Select(a => a.Take(8).ToArray())
             from records in RuleGenerators.Record.ArrayOf().Select(a => a.Take(6).ToArray())
             from context in RuleGenerators.Context
             select (rules, records, context)).ToArbitrary(),
            c =>
            {
                // Many order conditions with different windows, statuses, channels and tags share one pass over the orders.
                var catalog = new SegmentCatalog(c.rules.Select((r, i) => new Segment($"s{i}", $"S{i}", r)), RuleGenerators.Schema);
                var classifier = new SegmentClassifier(catalog, Compiler);
                var flags = new bool[classifier.Count];
                foreach (var record in c.records)
                {
                    classifier.Classify(record, c.context, flags);
                    for (var i = 0; i < c.rules.Length; i++)
                    {
                        if (flags[i] != RuleInterpreter.Evaluate(c.rules[i], record, c.context))
                        {
                            return false.Label($"{c.rules[i]} on {record.Id} {c.context}: classifier {flags[i]}");
                        }
                    }
                }

                return true.ToProperty();
            });

    [Fact]
    public void Generators_ReachBothOutcomes_ForEveryFieldKind()
    {
        // Guards the agreement property against vacuity: each kind of condition must come out both true and false.
        var outcomes = new Dictionary<FieldKind, (int True, int False)>();
        var samples = Gen.Sample(
            from rule in RuleGenerators.Condition
            from record in RuleGenerators.Record
            from context in RuleGenerators.Context
            select (rule, record, context), 6000);
        foreach (var (rule, record, context) in samples)
        {
            var kind = ((Condition)rule).Field.Kind;
            var (t, f) = outcomes.GetValueOrDefault(kind);
            outcomes[kind] = RuleInterpreter.Evaluate(rule, record, context) ? (t + 1, f) : (t, f + 1);
        }

        var missing = Enum.GetValues<FieldKind>().Where(k => !outcomes.TryGetValue(k, out var o) || o.True == 0 || o.False == 0).ToList();
        Assert.True(missing.Count == 0, "never both outcomes: " + string.Join(", ", missing));
    }

    [Fact]
    public void Compile_SameRuleTwice_CompilesOnce()
    {
        var compiler = new RuleCompiler();
        var rule = RuleJson.Parse("""{"field":"orders.count","days":90,"op":">=","value":3}""");
        var first = compiler.Compile(rule);
        var again = compiler.Compile(RuleJson.Parse("""{ "op": ">=", "value": 3.0, "days": 90, "field": "orders.count" }"""));
        Assert.Same(first, again);
        Assert.Equal(1, compiler.CachedCount);
    }

    [Fact]
    public void Compile_SameJsonForAttributesOfDifferentKinds_CompilesEach()
    {
        // attributes.x isSet reads the date column for a date attribute and the instant column for an instant one; the
        // JSON of both rules is the same, so a cache keyed by the JSON alone handed the date rule to the instant one.
        var compiler = new RuleCompiler();
        var record = new CustomerRecord { Id = "KH1", Attributes = [AttributeRecord.From("x", AttributeValue.Instant(Instant.FromUtc(2025, 1, 1, 0, 0)))] };
        var context = new EvaluationContext(Instant.FromUtc(2026, 1, 1, 0, 0), DateTimeZone.Utc);
        var asDate = new Condition(Field.Attribute("x", AttributeKind.Date), ComparisonOperator.IsSet, []);
        var asInstant = new Condition(Field.Attribute("x", AttributeKind.Instant), ComparisonOperator.IsSet, []);
        Assert.Equal(RuleJson.Write(asDate), RuleJson.Write(asInstant));
        Assert.False(compiler.Compile(asDate)(record, context, []));
        Assert.True(compiler.Compile(asInstant)(record, context, []));
        Assert.Equal((false, true), (RuleInterpreter.Evaluate(asDate, record, context), RuleInterpreter.Evaluate(asInstant, record, context)));
    }

    [Fact]
    public void Compile_RuleReferringToSegment_WithoutCatalog_SaysHow()
    {
        var e = Assert.Throws<InvalidRuleException>(() => new RuleCompiler().Compile(Rule.InSegment("vip")));
        Assert.Equal("Invalid rule: $: the rule refers to segment 'vip'; compile it through a SegmentCatalog.", e.Message);
    }

    [Fact]
    public void Evaluate_OrderAfterEvaluationInstant_IsIgnored()
    {
        var asOf = Instant.FromUtc(2026, 1, 10, 0, 0);
        var record = new CustomerRecord
        {
            Id = "KH1",
            Orders =
            [
                new OrderRecord { Id = "O1", PlacedAt = asOf - Duration.FromDays(10), Amount = 100_000m },
                new OrderRecord { Id = "O2", PlacedAt = asOf + Duration.FromHours(1), Amount = 900_000m },
            ],
        };
        var context = new EvaluationContext(asOf, DateTimeZone.Utc);
        var rule = RuleJson.Parse("""{"field":"orders.sum","days":30,"op":"=","value":100000}""");
        Assert.Equal((true, true, true), RuleGenerators.EvaluateAll(rule, record, context, Compiler));
    }

    [Theory]
    [InlineData(9, 23, 59, true)] // 9 days 23:59 ago: inside a 10-day window
    [InlineData(10, 0, 0, false)] // exactly 10 × 24 h ago: the window's start is excluded
    public void Window_CountsBackWholeDays_FromTheInstant(int days, int hours, int minutes, bool inside)
    {
        var asOf = Instant.FromUtc(2026, 3, 29, 12, 0);
        var record = new CustomerRecord { Id = "KH1", Orders = [new OrderRecord { Id = "O1", PlacedAt = asOf - Duration.FromDays(days) - Duration.FromHours(hours) - Duration.FromMinutes(minutes), Amount = 1m }] };
        var rule = RuleJson.Parse("""{"field":"orders.count","days":10,"op":"=","value":1}""");
        var context = new EvaluationContext(asOf, DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        Assert.Equal((inside, inside, inside), RuleGenerators.EvaluateAll(rule, record, context, Compiler));
    }
}
