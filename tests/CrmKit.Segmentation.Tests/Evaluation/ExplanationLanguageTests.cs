using System.Globalization;

namespace CrmKit.Segmentation.Tests;

/// <summary>
/// Issue 21: rule explanations in the reader's language. The Vietnamese outline is written from each node's rule and
/// outcome by the message table; the same rendering with the English (neutral) table must reproduce the interpreter's
/// invariant <see cref="Explanation.Reason"/> on every node, so the two languages say the same thing.
/// </summary>
public sealed class ExplanationLanguageTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly EvaluationContext Now = new(Instant.FromUtc(2026, 10, 31, 17, 0), DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"]);

    [Fact]
    public void EnglishTable_ReproducesEveryReason_OfRandomRulesAndTheBuiltInCatalogue()
    {
        var records = Gen.Sample(RuleGenerators.Record, 20).ToArray();
        var rules = Gen.Sample(RuleGenerators.Rule, 200).ToArray();
        var nodes = 0;
        foreach (var record in records)
        {
            var trees = rules.Select(r => RuleInterpreter.Explain(r, record, Now, _ => true)).Concat(BuiltInSegments.Catalog.Explain(record, Now));
            foreach (var node in trees.SelectMany(Nodes))
            {
                Assert.Equal(node.Reason, node.ReasonIn(CultureInfo.InvariantCulture));
                nodes++;
            }
        }

        Assert.True(nodes > 1000, $"{nodes} nodes");
    }

    [Fact]
    public void Describe_Vietnamese_WritesLabelsAndNeeds_EnglishIsToString()
    {
        var record = new CustomerRecord { Id = "KH1" };
        var rule = RuleJson.Parse("""{"all": [{"field": "orders.count", "op": ">=", "value": 3}, {"any": [{"field": "province", "op": "isSet"}]}]}""");

        var explanation = RuleInterpreter.Explain(rule, record, Now);

        Assert.Equal(explanation.ToString(), explanation.Describe(CultureInfo.InvariantCulture));
        Assert.Equal(explanation.ToString(), explanation.Describe(CultureInfo.GetCultureInfo("en-US")));
        var lines = explanation.Describe(Vietnamese).Split(Environment.NewLine);
        Assert.Equal("✗ tất cả: 2 trên 2 điều kiện không đạt", lines[0]);
        Assert.StartsWith("  ✗ orders.count", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(", cần ≥ 3", lines[1], StringComparison.Ordinal);
        Assert.Equal("  ✗ một trong: không lựa chọn nào trong 1 lựa chọn đúng", lines[2]);
        Assert.Equal("    ✗ province = chưa có, cần có giá trị", lines[3]);
    }

    private static IEnumerable<Explanation> Nodes(Explanation e) => e.Children.SelectMany(Nodes).Prepend(e);
}
