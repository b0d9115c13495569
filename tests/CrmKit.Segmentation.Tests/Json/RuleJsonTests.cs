namespace CrmKit.Segmentation.Tests;

public sealed class RuleJsonTests
{
    [Property(MaxTest = 300)]
    public Property WriteThenParse_GivesTheSameRule()
        => Prop.ForAll(RuleGenerators.Rule.ToArbitrary(), rule =>
        {
            var json = RuleJson.Write(rule);
            var back = RuleJson.Parse(json, RuleGenerators.Schema);
            return (back.Equals(rule) && RuleJson.Write(back) == json).Label(json);
        });

    [Fact]
    public void Parse_EveryProblem_IsReportedWithItsPath()
    {
        const string json = """
            {"all": [
              {"field": "orders.cnt", "op": ">=", "value": 3},
              {"field": "age", "op": "~", "value": 30},
              {"field": "province", "op": "=", "value": 12},
              {"field": "gender", "op": "=", "value": "feminine"},
              {"field": "orders.sum", "days": 0, "op": ">", "value": 1},
              {"field": "age", "op": "between", "values": [40, 30]},
              {"field": "daysSinceLastOrder", "days": 30, "op": ">", "value": 1},
              {"segment": ""}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal(
            [
                "$.all[0].field: unknown field 'orders.cnt'; expected one of: kind, gender, age, birthDate, incomeTier, province, area, source, stage, tags, daysSinceCreated, daysUntilBirthday, daysUntilAnniversary, orders.count, orders.sum, orders.average, orders.max, daysSinceFirstOrder, daysSinceLastOrder, firstOrderAmount, rfm.recency, rfm.frequency, rfm.monetary, value.tier, clv.probabilityAlive, clv.expectedPurchases, clv.predictedValue, attributes.NAME, consent.CHANNEL.PURPOSE.",
                "$.all[1].op: unknown operator \"~\"; expected one of: =, !=, <, <=, >, >=, between, in, contains, startsWith, isSet, isNotSet.",
                "$.all[2].value: field 'province' compares with a string, found 12.",
                "$.all[3].value: 'feminine' is not a gender; expected one of: female, male, other.",
                "$.all[4].days: expected a whole number of days in 1..36525, found 0.",
                "$.all[5]: between's lower bound 40 is above its upper bound 30.",
                "$.all[6].days: 'daysSinceLastOrder' does not take a window; windows apply to orders.count, orders.sum, orders.average and orders.max.",
                "$.all[7].segment: expected a segment id (a non-empty string), found \"\".",
            ],
            e.Problems.Select(x => x.ToString()));
        Assert.StartsWith("Invalid rule (8 problems):", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 17 item 1: .NET's Enum.TryParse ORs comma-separated names, so these became returned, male, website and consent.zalo.marketing.</summary>
    [Fact]
    public void Parse_EnumTextListOrNumber_IsALocatedErrorNotACombination()
    {
        const string json = """
            {"all": [
              {"field": "orders.count", "status": "completed,returned", "op": ">=", "value": 1},
              {"field": "gender", "op": "=", "value": "female,male"},
              {"field": "orders.count", "channel": "inStore,website", "op": ">=", "value": 1},
              {"field": "consent.sms,zalo.marketing", "op": "=", "value": true},
              {"field": "orders.count", "status": "1", "op": ">=", "value": 1},
              {"field": "gender", "op": "in", "values": ["0", "female, male"]}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal(
            [
                "$.all[0].status: expected an order status (completed, returned, cancelled, pending) or 'any', found \"completed,returned\".",
                "$.all[1].value: 'female,male' is not a gender; expected one of: female, male, other.",
                "$.all[2].channel: expected a sales channel (inStore, website, app, marketplace, social, phone), found \"inStore,website\".",
                "$.all[3].field: expected consent.CHANNEL.PURPOSE with CHANNEL one of sms, zalo, email, phoneCall, chat, inPerson and PURPOSE one of transactional, marketing; found 'consent.sms,zalo.marketing'.",
                "$.all[4].status: expected an order status (completed, returned, cancelled, pending) or 'any', found \"1\".",
                "$.all[5].values[0]: '0' is not a gender; expected one of: female, male, other.",
                "$.all[5].values[1]: 'female, male' is not a gender; expected one of: female, male, other.",
            ],
            e.Problems.Select(x => x.ToString()));
    }

    [Fact]
    public void Parse_EnumNameInAnotherDocumentedSpelling_ReadsTheName()
    {
        Assert.Equal("""{"field":"orders.count","channel":"inStore","op":">=","value":1}""", RuleJson.Write(RuleJson.Parse("""{"field":"orders.count","channel":"in_store","op":">=","value":1}""")));
        Assert.Equal("""{"field":"consent.phoneCall.marketing","op":"=","value":true}""", RuleJson.Write(RuleJson.Parse("""{"field":"consent.phone_call.Marketing","op":"=","value":true}""")));
    }

    /// <summary>
    /// Issue 17 item 2: a 20,000,000-day window parsed, then the interpreter and LINQ threw and the compiled rule said
    /// false; 1e-30 became 0 and 1e30 was "expected a number". Every number now has its range at parse time.
    /// </summary>
    [Fact]
    public void Parse_NumbersOutOfTheirRange_AreLocatedErrors()
    {
        const string json = """
            {"all": [
              {"field": "orders.count", "days": 20000000, "op": ">=", "value": 1},
              {"field": "orders.sum", "op": ">=", "value": 1e-30},
              {"field": "orders.sum", "op": "<", "value": 1e30},
              {"field": "age", "op": "between", "values": [0.00000000000000000000000000001, 79228162514264337593543950336]},
              {"field": "orders.count", "days": 36526, "op": ">=", "value": 1},
              {"field": "orders.count", "days": -1, "op": ">=", "value": 1}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal(
            [
                "$.all[0].days: expected a whole number of days in 1..36525, found 20000000.",
                "$.all[1].value: out of range (±7.9e28, at most 28 decimals); found 1e-30.",
                "$.all[2].value: out of range (±7.9e28, at most 28 decimals); found 1e30.",
                "$.all[3].values[0]: out of range (±7.9e28, at most 28 decimals); found 0.00000000000000000000000000001.",
                "$.all[3].values[1]: out of range (±7.9e28, at most 28 decimals); found 79228162514264337593543950336.",
                "$.all[4].days: expected a whole number of days in 1..36525, found 36526.",
                "$.all[5].days: expected a whole number of days in 1..36525, found -1.",
            ],
            e.Problems.Select(x => x.ToString()));
    }

    [Fact]
    public void Parse_NumbersAtTheEndsOfTheirRange_EvaluateAlikeEverywhere()
    {
        // 2^96 − 1 = 79228162514264337593543950335 (python3: 2**96-1) is the largest decimal; 1e-28 the smallest step.
        var rule = RuleJson.Parse("""{"any": [{"field":"orders.count","days":36525,"op":">=","value":1}, {"field":"orders.sum","op":"between","values":[1e-28, 79228162514264337593543950335]}]}""");
        var asOf = Instant.FromUtc(2026, 1, 10, 0, 0);
        var context = new EvaluationContext(asOf, DateTimeZone.Utc);
        var old = new CustomerRecord { Id = "KH1", Orders = [new OrderRecord { Id = "O1", PlacedAt = asOf - Duration.FromDays(36_524), Amount = 0m }] };
        var none = new CustomerRecord { Id = "KH2" };
        var compiler = new RuleCompiler();
        Assert.Equal((true, true, true), RuleGenerators.EvaluateAll(rule, old, context, compiler));
        Assert.Equal((false, false, false), RuleGenerators.EvaluateAll(rule, none, context, compiler));
        Assert.Equal("""{"field":"orders.sum","op":">=","value":0.0000000000000000000000000001}""", RuleJson.Write(RuleJson.Parse("""{"field":"orders.sum","op":">=","value":1e-28}""")));
    }

    [Fact]
    public void OrderFilter_WindowOutOfRange_InCode_IsRejected()
    {
        var e = Assert.Throws<InvalidRuleException>(() => new OrderFilter(Days: 20_000_000));
        Assert.Equal("Invalid rule: $.days: expected a whole number of days in 1..36525, found 20000000.", e.Message);
        Assert.Throws<InvalidRuleException>(() => OrderFilter.Completed with { Days = 0 });
        Assert.Equal(36_525, new OrderFilter(Days: RuleLimits.MaxWindowDays).Days);
    }

    /// <summary>Issue 17 item 3: a repeated key was last-wins, so a host assembling rule JSON could have op or value overridden.</summary>
    [Fact]
    public void Parse_RepeatedKey_IsAnErrorAtItsPath()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"field":"province","op":"=","value":"Hà Nội","value":"x"}"""));
        Assert.Equal("Invalid rule: $.value: duplicate key 'value'; a key may appear only once in an object.", e.Message);

        var nested = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"all":[true, {"not": {"field":"age","op":">=","op":"<","value":18}}]}"""));
        Assert.Equal("Invalid rule: $.all[1].not.op: duplicate key 'op'; a key may appear only once in an object.", nested.Message);
    }

    [Fact]
    public void Catalog_RepeatedKey_IsAnErrorAtItsPath()
    {
        const string json = """
            {"version": 1, "segments": [
              {"id": "vip", "name": "VIP", "rule": {"field": "orders.sum", "op": ">=", "value": 1, "value": 0}},
              {"id": "all", "id": "none", "name": "All", "rule": true}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => SegmentCatalog.Parse(json));
        Assert.Equal(
            [
                "$.segments[0].rule.value: duplicate key 'value'; a key may appear only once in an object.",
                "$.segments[1].id: duplicate key 'id'; a key may appear only once in an object.",
            ],
            e.Problems.Select(x => x.ToString()));
    }

    /// <summary>Issue 17 item 7: a value that folds to nothing matched every customer that has the field.</summary>
    [Fact]
    public void Parse_FoldedValueEmpty_IsRejected()
    {
        const string json = """
            {"all": [
              {"field": "province", "op": "contains", "value": " ", "ignoreCaseAndAccents": true},
              {"field": "province", "op": "startsWith", "value": "\u0301", "ignoreCaseAndAccents": true},
              {"field": "tags", "op": "contains", "value": "\u200B"},
              {"field": "province", "op": "=", "value": "\u0300\u200D", "ignoreCaseAndAccents": true},
              {"field": "orders.count", "productTag": "\u0301", "op": ">=", "value": 1}
            ]}
            """;
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal(
            [
                "$.all[0]: ' ' is empty once case, accents and invisible characters are ignored; it would match every customer with the field.",
                "$.all[1]: '\\u0301' is empty once case, accents and invisible characters are ignored; it would match every customer with the field.",
                "$.all[2]: '\\u200B' is empty once case, accents and invisible characters are ignored; it would match every customer with the field.",
                "$.all[3]: '\\u0300\\u200D' is empty once case, accents and invisible characters are ignored; it would match nothing.",
                "$.all[4].productTag: '\\u0301' is empty once case, accents and invisible characters are ignored; a tag needs a letter or a digit.",
            ],
            e.Problems.Select(x => x.ToString()));
        Assert.Throws<InvalidRuleException>(() => new Condition(Field.Of(FieldKind.Province), ComparisonOperator.Contains, [AttributeValue.Text("\u200B")], ignoreCaseAndAccents: true));
        Assert.Throws<InvalidRuleException>(() => new OrderFilter(ProductTag: "\u0301"));
    }

    [Fact]
    public void Evaluate_IgnoreCaseAndAccents_LookAlikeAndInvisibleCharacters_Match()
    {
        var rule = RuleJson.Parse("""{"field":"province","op":"=","value":"Ðà Nẵng","ignoreCaseAndAccents":true}""");
        var record = new CustomerRecord { Id = "KH1", Province = "Đà\u200B Nẵng", ProvinceKey = TextFold.ForMatching("Đà\u200B Nẵng") };
        var context = new EvaluationContext(Instant.FromUtc(2026, 1, 1, 0, 0), DateTimeZone.Utc);
        Assert.Equal((true, true, true), RuleGenerators.EvaluateAll(rule, record, context, new RuleCompiler()));
    }

    /// <summary>Issue 17 item 9: a rule 100,000 levels deep built in code overflowed the interpreter's stack (a process crash).</summary>
    [Fact]
    public void Build_DeeperThanTheLimitInCode_ThrowsAClearExceptionNotAStackOverflow()
    {
        var rule = Rule.Compare(Field.Of(FieldKind.Age), ComparisonOperator.GreaterThanOrEqual, 18m);
        var built = 1;
        var e = Assert.Throws<InvalidRuleException>(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                rule = i % 3 == 0 ? Rule.Not(rule) : i % 3 == 1 ? Rule.All(rule, Rule.True) : Rule.Any([rule]);
                built++;
            }
        });
        Assert.Equal("Invalid rule: $: the rule is nested 65 levels deep; at most 64 are allowed (RuleLimits.MaxDepth).", e.Message);
        Assert.Equal(RuleLimits.MaxDepth, built);
        Assert.Equal(RuleLimits.MaxDepth, rule.Depth);

        // The deepest rule allowed evaluates alike everywhere and round-trips through JSON.
        var context = new EvaluationContext(Instant.FromUtc(2026, 1, 1, 0, 0), DateTimeZone.Utc);
        var record = new CustomerRecord { Id = "KH1", BirthDate = new LocalDate(1990, 1, 1) };
        var expected = RuleInterpreter.Evaluate(rule, record, context);
        Assert.Equal((expected, expected, expected), RuleGenerators.EvaluateAll(rule, record, context, new RuleCompiler()));
        Assert.Equal(rule, RuleJson.Parse(RuleJson.Write(rule)));
    }

    [Fact]
    public void Parse_DeeperThanTheLimit_IsAnErrorAtThePath()
    {
        var json = string.Concat(Enumerable.Repeat("""{"not":""", 64)) + "true" + new string('}', 64);
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal($"Invalid rule: $.{string.Join(".", Enumerable.Repeat("not", 64))}: the rule is nested 65 levels deep; at most 64 are allowed (RuleLimits.MaxDepth).", e.Message);
        Assert.Equal(64, RuleJson.Parse(string.Concat(Enumerable.Repeat("""{"not":""", 63)) + "true" + new string('}', 63)).Depth);
    }

    [Fact]
    public void Parse_WrongOperatorForType_NamesTheAllowedOnes()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"field":"tags","op":">","value":"food"}"""));
        Assert.Equal("Invalid rule: $: field 'tags' (tagset) does not take operator '>'; expected one of: contains, in, isSet, isNotSet.", e.Message);
    }

    [Fact]
    public void Parse_UndeclaredAttribute_ListsTheDeclaredOnes()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"field":"attributes.points","op":">","value":1}""", RuleGenerators.Schema));
        Assert.Equal("Invalid rule: $.field: unknown attribute 'points'; declared: children, skin_type, vip_card, wedding_day.", e.Message);
    }

    [Fact]
    public void Parse_MalformedJson_SaysWhere()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("{\"all\": [\n  {\"field\": \"age\",, }]}"));
        Assert.StartsWith("Invalid rule: $: not valid JSON (line 2, position 19):", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);   // the place is given once, counted from 1

        var catalog = Assert.Throws<InvalidRuleException>(() => SegmentCatalog.Parse("{\n  \"segments\": [,]\n}"));
        Assert.StartsWith("Invalid rule: $: not valid JSON (line 2, position 16):", catalog.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", catalog.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoHeads_IsRejected()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"all":[],"not":true}"""));
        Assert.Equal("Invalid rule: $: a rule has exactly one of all, any, not, segment, field; found all and not.", e.Message);
    }

    [Theory]
    [InlineData("any")]
    [InlineData("Any")]
    [InlineData("ANY")]
    public void Parse_StatusAny_IsReadInAnyCaseLikeTheStatuses(string any)
        => Assert.Equal("""{"field":"orders.count","status":"any","op":">=","value":1}""", RuleJson.Write(RuleJson.Parse($$"""{"field":"orders.count","status":"{{any}}","op":">=","value":1}""")));

    [Fact]
    public void Write_IsCanonical_ChoiceNamesAndNumbersNormalized()
    {
        var rule = RuleJson.Parse("""{"op":"in","values":["WalkIn","marketplace"],"field":"source"}""");
        Assert.Equal("""{"field":"source","op":"in","values":["walkIn","marketplace"]}""", RuleJson.Write(rule));
        Assert.Equal("""{"field":"orders.sum","days":30,"status":"any","channel":"website","productTag":"Tết","op":">=","value":1500000}""",
            RuleJson.Write(RuleJson.Parse("""{"field":"orders.sum","days":30,"status":"any","channel":"website","productTag":"Tết","op":">=","value":1500000.00}""")));
    }
}
