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
                "$.all[4].days: expected a whole number of days ≥ 1, found 0.",
                "$.all[5]: between's lower bound 40 is above its upper bound 30.",
                "$.all[6].days: 'daysSinceLastOrder' does not take a window; windows apply to orders.count, orders.sum, orders.average and orders.max.",
                "$.all[7].segment: expected a segment id (a non-empty string), found \"\".",
            ],
            e.Errors.Select(x => x.ToString()));
        Assert.StartsWith("Invalid rule (8 problems):", e.Message, StringComparison.Ordinal);
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
    }

    [Fact]
    public void Parse_TwoHeads_IsRejected()
    {
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse("""{"all":[],"not":true}"""));
        Assert.Equal("Invalid rule: $: a rule has exactly one of all, any, not, segment, field; found all and not.", e.Message);
    }

    [Fact]
    public void Write_IsCanonical_ChoiceNamesAndNumbersNormalized()
    {
        var rule = RuleJson.Parse("""{"op":"in","values":["WalkIn","marketplace"],"field":"source"}""");
        Assert.Equal("""{"field":"source","op":"in","values":["walkIn","marketplace"]}""", RuleJson.Write(rule));
        Assert.Equal("""{"field":"orders.sum","days":30,"status":"any","channel":"website","productTag":"Tết","op":">=","value":1500000}""",
            RuleJson.Write(RuleJson.Parse("""{"field":"orders.sum","days":30,"status":"any","channel":"website","productTag":"Tết","op":">=","value":1500000.00}""")));
    }
}
