using System.Globalization;
using System.Text;

namespace CrmKit.Segmentation.Tests;

/// <summary>
/// The size limits of rules and catalogues (issue 18, item 4): oversized input is a located error at parse time,
/// and the algorithms behind classification and explanation stay bounded (balanced expression trees, an iterative
/// reference walk, each segment evaluated and explained once).
/// </summary>
public sealed class RuleLimitsTests
{
    private static readonly EvaluationContext Now = new(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZone.Utc);

    private const string Condition = """{"field":"rfm.recency","op":">=","value":3}""";

    private static string Group(string head, int count, string operand = Condition)
        => $$"""{"{{head}}":[{{string.Join(",", Enumerable.Repeat(operand, count))}}]}""";

    [Fact]
    public void Parse_AnyOf100000Conditions_IsRejectedAtTheGroupBeforeReadingIt()
    {
        // The fuzz input of issue 18: 100,000 operands (about 2.7 MB) passed the parser and overflowed the compiler.
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(Group("any", 100_000)));
        Assert.Equal("Invalid rule: $.any: 100,000 operands; a group holds at most 1,000 (RuleLimits.MaxOperands).", e.Message);
    }

    [Fact]
    public void Parse_GroupAtTheLimit_IsAccepted_OneMoreIsNot()
    {
        Assert.Equal(RuleLimits.MaxOperands, ((AllRule)RuleJson.Parse(Group("all", RuleLimits.MaxOperands))).Rules.Length);
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse($$"""{"not":{{Group("all", RuleLimits.MaxOperands + 1)}}}"""));
        Assert.Equal("$.not.all", Assert.Single(e.Problems).Location);
    }

    [Fact]
    public void Parse_ValuesBeyondTheLimit_AreRejectedAtValues()
    {
        var values = string.Join(",", Enumerable.Range(0, RuleLimits.MaxOperands + 1).Select(i => $"\"p{i}\""));
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse($$"""{"field":"province","op":"in","values":[{{values}}]}"""));
        Assert.Equal("Invalid rule: $.values: 1,001 values; a condition holds at most 1,000 (RuleLimits.MaxOperands).", e.Message);
    }

    [Fact]
    public void Parse_MoreConditionsThanTheLimit_IsRejectedAtTheFirstOneBeyond()
    {
        // 11 groups of 1,000: the 10,001st condition is the first of the eleventh group.
        var json = $$"""{"any":[{{string.Join(",", Enumerable.Repeat(Group("all", 1_000), 11))}}]}""";
        var e = Assert.Throws<InvalidRuleException>(() => RuleJson.Parse(json));
        Assert.Equal(
            "Invalid rule: $.any[10].all[0]: the rule has more than 10,000 conditions and segment references; this one is the first beyond the limit (RuleLimits.MaxConditions).",
            e.Message);
    }

    [Fact]
    public async Task Compile_AnyOf100000OperandsBuiltInCode_OnAThreadPoolThread_CompilesAndAgreesWithTheInterpreter()
    {
        // Built in code the limits are not in the way (they are checked when read or put in a catalogue); the
        // compiler combines operands as a balanced tree (depth 17 for 100,000), where a left-leaning chain of
        // 100,000 OrElse nodes overflowed the stack of a thread-pool thread.
        var operands = Enumerable.Repeat(Rule.False, 99_999).Append(Rule.Compare(Field.Of(FieldKind.RfmRecency), ComparisonOperator.GreaterThanOrEqual, 3)).ToList();
        var rule = Rule.Any(operands);
        var compiled = await Task.Run(() => new RuleCompiler().Compile(rule));
        foreach (var score in new[] { 1, 3 })
        {
            var record = new CustomerRecord { Id = "KH1", RecencyScore = score, FrequencyScore = 1, MonetaryScore = 1 };
            Assert.Equal(RuleInterpreter.Evaluate(rule, record, Now), compiled(record, Now, []));
        }

        Assert.True(compiled(new CustomerRecord { Id = "KH1", RecencyScore = 3, FrequencyScore = 1, MonetaryScore = 1 }, Now, []));
    }

    [Fact]
    public void Catalog_RuleBuiltInCodeBeyondTheLimits_IsRejectedWithItsPath()
    {
        var wide = Rule.Not(Rule.All(Enumerable.Repeat(Rule.True, RuleLimits.MaxOperands + 1)));
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog([new Segment("a", "A", Rule.True), new Segment("b", "B", wide)]));
        Assert.Equal("Invalid rule: $.segments[1].rule.not.all: 1,001 operands; a group holds at most 1,000 (RuleLimits.MaxOperands).", e.Message);
    }

    [Fact]
    public void Catalog_ChainOf30000Segments_IsAClearError_FromJsonAndFromCode()
    {
        // Issue 18: a 30,000-segment reference chain (and a cycle of the same size) killed `crmkit segment`.
        var segments = Enumerable.Range(0, 30_000).Select(i => new Segment($"s{i}", $"S{i}", i == 0 ? Rule.True : Rule.InSegment($"s{i - 1}"))).ToList();
        var fromCode = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(segments));
        Assert.Equal("Invalid rule: $.segments: 30,000 segments; a catalogue holds at most 1,000 (RuleLimits.MaxSegments).", fromCode.Message);

        var json = new StringBuilder("""{"version":1,"segments":[""");
        for (var i = 0; i < 30_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$$"""{"id":"s{{{i}}}","name":"S{{{i}}}","rule":{"segment":"s{{{(i + 1) % 30_000}}}"}}""");
        }

        var fromJson = Assert.Throws<InvalidRuleException>(() => SegmentCatalog.Parse(json.Append("]}").ToString()));
        Assert.Equal(fromCode.Message, fromJson.Message);
    }

    private static List<Segment> Chain(int length, bool cycle)
        => [.. Enumerable.Range(0, length).Select(i => new Segment($"s{i}", $"S{i}", i == length - 1 && !cycle ? Rule.True : Rule.InSegment($"s{(i + 1) % length}")))];

    [Fact]
    public void Catalog_CycleThroughEveryAllowedSegment_IsReportedOnce_WithoutRecursion()
    {
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(Chain(RuleLimits.MaxSegments, cycle: true)));
        var error = Assert.Single(e.Problems);
        Assert.Equal("$.segments[0].rule", error.Location);
        Assert.StartsWith("segment references form a cycle: 's0' → 's1' → 's2' → ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" → 's999' → 's0'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ReferenceDepth_AtTheLimitIsAccepted_OneMoreIsAClearError()
    {
        // s0 → s1 → … → s32: 32 references deep, s32 refers to none.
        Assert.Equal(RuleLimits.MaxReferenceDepth + 1, new SegmentCatalog(Chain(RuleLimits.MaxReferenceDepth + 1, cycle: false)).Segments.Length);
        var e = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(Chain(RuleLimits.MaxReferenceDepth + 2, cycle: false)));
        Assert.Equal(
            "Invalid rule: $.segments[0].rule: segment references nest 33 deep ('s0' → 's1' → 's2' → 's3' → 's4' → 's5' → …); at most 32 are allowed (RuleLimits.MaxReferenceDepth).",
            e.Message);
        var whole = Assert.Throws<InvalidRuleException>(() => new SegmentCatalog(Chain(RuleLimits.MaxSegments, cycle: false)));
        Assert.Single(whole.Problems);
    }

    [Fact]
    public void Explain_28NestedReferencesEachUsedTwice_ExplainsEachSegmentOnce()
    {
        // Issue 18: each segment refers to the one below twice, so expanding the references is a tree of 2^28
        // leaves (more than 240 s before). Memberships are now computed once per customer and a reference is a
        // leaf of the explanation, so the explanation has 3 nodes per segment.
        var segments = Enumerable.Range(0, 29).Select(i => new Segment($"s{i}", $"S{i}", i == 0
            ? Rule.Compare(Field.Of(FieldKind.RfmRecency), ComparisonOperator.GreaterThanOrEqual, 3)
            : Rule.All(Rule.InSegment($"s{i - 1}"), Rule.Not(Rule.Not(Rule.InSegment($"s{i - 1}")))))).ToList();
        var catalog = new SegmentCatalog(segments);
        var record = new CustomerRecord { Id = "KH1", RecencyScore = 4, FrequencyScore = 1, MonetaryScore = 1 };
        var explanations = catalog.Explain(record, Now);
        Assert.Equal(29, explanations.Count);
        Assert.All(explanations, e => Assert.True(e.Holds));
        static int Nodes(Explanation e) => 1 + e.Children.Sum(Nodes);
        Assert.Equal(1 + (28 * 5), explanations.Sum(Nodes));
        Assert.Equal("in segment 's27'", explanations[28].Children[0].Reason);
        Assert.True(catalog.Evaluate("s28", record, Now));
        Assert.Equal([.. segments.Select(s => s.Id)], catalog.ClassifyInterpreted(record, Now));
        Assert.Empty(catalog.ClassifyInterpreted(new CustomerRecord { Id = "KH2", RecencyScore = 2, FrequencyScore = 1, MonetaryScore = 1 }, Now));
    }

    [Fact]
    public void MembershipRule_28NestedReferencesEachUsedTwice_IsAClearError_NotAnExponentialExpression()
    {
        // The expression for LINQ and SQL is a tree: 2^28 conditions for s28. Sizes are counted over the shared
        // nodes (linear) and refused beyond RuleLimits.MaxExpandedConditions: the first segment beyond it (s17,
        // 2^17) is reported; s16 (65,536) is fine.
        var segments = Enumerable.Range(0, 29).Select(i => new Segment($"s{i}", $"S{i}", i == 0
            ? Rule.Compare(Field.Of(FieldKind.RfmRecency), ComparisonOperator.GreaterThanOrEqual, 3)
            : Rule.Any(Rule.InSegment($"s{i - 1}"), Rule.InSegment($"s{i - 1}")))).ToList();
        var catalog = new SegmentCatalog(segments);
        var e = Assert.Throws<InvalidRuleException>(() => catalog.MembershipRule("s28"));
        Assert.Equal(
            "Invalid rule: $.segments[17].rule: segment 's17' expands to 131,072 conditions when its segment references are written out for LINQ or SQL; at most 100,000 (RuleLimits.MaxExpandedConditions). The classifier and the interpreter are not limited by this.",
            e.Message);
        Assert.NotNull(catalog.MembershipRule("s16"));
        Assert.True(catalog.Evaluate("s28", new CustomerRecord { Id = "KH1", RecencyScore = 3, FrequencyScore = 1, MonetaryScore = 1 }, Now));
    }
}
