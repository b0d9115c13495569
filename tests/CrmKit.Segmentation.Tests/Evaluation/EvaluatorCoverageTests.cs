using System.Collections.Immutable;

namespace CrmKit.Segmentation.Tests;

/// <summary>
/// Every field of the field table with every operator its type accepts, through every evaluator: the interpreter
/// (evaluate and explain), the compiled rule, the LINQ expression, the catalogue classifier (shared order pass) and
/// the incremental classifier. An evaluator without a case throws <see cref="System.Diagnostics.UnreachableException"/>
/// and fails this test; a disagreement fails it with the case.
/// </summary>
public sealed class EvaluatorCoverageTests
{
    private static readonly RuleCompiler Compiler = new();

    /// <summary>The generators' schema plus an instant attribute (generated customers carry every kind under every name).</summary>
    private static readonly RuleSchema Schema = RuleSchema.Empty
        .WithAttribute("skin_type", AttributeKind.Text)
        .WithAttribute("children", AttributeKind.Number)
        .WithAttribute("vip_card", AttributeKind.Boolean)
        .WithAttribute("wedding_day", AttributeKind.Instant);

    /// <summary>One field of every shape: every plain and order field, an attribute of every kind, a consent.</summary>
    private static IEnumerable<Field> Fields()
    {
        foreach (var d in FieldTable.All)
        {
            switch (d.Reading)
            {
                case FieldReading.Attribute:
                    foreach (var (name, kind) in RuleGenerators.Schema.Attributes)
                    {
                        yield return Field.Attribute(name, kind);
                    }

                    yield return Field.Attribute("wedding_day", AttributeKind.Instant);

                    break;
                case FieldReading.Consent:
                    yield return Field.Consent(ContactChannel.Zalo, ContactPurpose.Marketing);
                    break;
                default:
                    yield return d.NeedsParameters
                        ? Field.Order(d.Kind, new OrderFilter(d.TakesWindow ? 365 : null, OrderStatus.Completed))
                        : Field.Of(d.Kind);
                    break;
            }
        }
    }

    private static IEnumerable<Condition> Conditions()
    {
        foreach (var field in Fields())
        {
            foreach (var op in Condition.OperatorsFor(field.Type))
            {
                foreach (var loose in field.Type is FieldType.Text or FieldType.TagSet ? new[] { false, true } : [false])
                {
                    foreach (var values in Gen.Sample(RuleGenerators.ValuesFor(field, op), 4).Distinct())
                    {
                        Condition condition;
                        try
                        {
                            condition = new Condition(field, op, [.. values], loose);
                        }
                        catch (InvalidRuleException)
                        {
                            continue; // e.g. a text that folds to nothing with ignoreCaseAndAccents
                        }

                        yield return condition;
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryFieldAndOperator_EveryEvaluator_Agrees()
    {
        var records = Gen.Sample(RuleGenerators.Record, 30).ToArray();
        var contexts = Gen.Sample(RuleGenerators.Context, 3).ToArray();
        var covered = new HashSet<(string Field, ComparisonOperator Op)>();
        var problems = new List<string>();
        foreach (var condition in Conditions())
        {
            var catalog = new SegmentCatalog([new Segment("s0", "S0", condition)], condition.Field.AttributeKind == AttributeKind.Instant ? Schema : RuleGenerators.Schema);
            var incremental = new IncrementalClassifier(new SegmentClassifier(catalog, Compiler), thresholds: null);
            var compiled = Compiler.Compile(condition);
            foreach (var context in contexts)
            {
                var linq = RuleExpressions.ToExpression(condition, context).Compile();
                foreach (var record in records)
                {
                    var interpreted = RuleInterpreter.Evaluate(condition, record, context);
                    var explained = RuleInterpreter.Explain(condition, record, context).Holds;
                    var classified = incremental.Classifier.Classify(record, context).Contains("s0");
                    var order = new OrderRecord { Id = "new", PlacedAt = context.AsOf - Duration.FromDays(3), Amount = 250_000m, ProductTags = ["food"] };
                    var (updated, change) = incremental.Apply(record, SegmentMembership.None, new OrderPlaced(order), context);
                    var results = (interpreted, explained, compiled(record, context, []), linq(record), classified,
                        incremental: change.Current.Contains("s0") == RuleInterpreter.Evaluate(condition, updated, context));
                    if (results != (interpreted, interpreted, interpreted, interpreted, interpreted, true))
                    {
                        problems.Add($"{condition} on {record.Id} {context}: (interpreted, explained, compiled, linq, classified, incremental agrees) = {results}");
                    }
                }
            }

            covered.Add((condition.Field.Kind == FieldKind.Attribute ? condition.Field.Name + ":" + condition.Field.AttributeKind : condition.Field.Kind.ToString(), condition.Operator));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} disagreements:\n" + string.Join("\n", problems.Take(10)));
        var expected = Fields().SelectMany(f => Condition.OperatorsFor(f.Type).Select(op => (f.Kind == FieldKind.Attribute ? f.Name + ":" + f.AttributeKind : f.Kind.ToString(), op)));
        var missing = expected.Where(e => !covered.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "never evaluated: " + string.Join(", ", missing));
    }
}
