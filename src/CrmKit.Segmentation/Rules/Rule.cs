using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// A segment rule: a tree of <see cref="AllRule"/> (and), <see cref="AnyRule"/> (or), <see cref="NotRule"/>,
/// <see cref="Condition"/>s, <see cref="SegmentRule"/> (membership of another segment) and constants. Rules are
/// immutable data with structural equality; they are never code. Parse them from JSON with
/// <see cref="RuleJson"/>.
/// </summary>
/// <remarks>
/// Null semantics: a condition on an unset value is false, whatever the operator, except <c>isNotSet</c>.
/// So <c>not(age &lt; 18)</c> holds for a customer without a birth date, while <c>age &gt;= 18</c> does not.
/// </remarks>
public abstract record Rule
{
    private protected Rule()
    {
    }

    /// <summary>A rule over operands: one level deeper than the deepest of them.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    private protected Rule(IEnumerable<Rule?> operands)
    {
        var deepest = 0;
        foreach (var operand in operands)
        {
            deepest = Math.Max(deepest, operand?.Depth ?? 0);
        }

        Depth = deepest + 1;
        if (Depth > RuleLimits.MaxDepth)
        {
            throw new InvalidRuleException([new Problem("$", RuleLimits.DepthProblem(Depth))]);
        }
    }

    /// <summary>
    /// How deeply the rule is nested: 1 for a condition, a constant or a segment reference; one more than the deepest
    /// operand for <c>all</c>, <c>any</c> and <c>not</c>. At most <see cref="RuleLimits.MaxDepth"/>, however the rule is built.
    /// </summary>
    public int Depth { get; } = 1;

    /// <summary>The rule that always holds.</summary>
    public static Rule True { get; } = new ConstantRule(true);

    /// <summary>The rule that never holds.</summary>
    public static Rule False { get; } = new ConstantRule(false);

    /// <summary>All of the rules hold (true when empty).</summary>
    public static Rule All(params IEnumerable<Rule> rules) => new AllRule([.. rules]);

    /// <summary>At least one of the rules holds (false when empty).</summary>
    public static Rule Any(params IEnumerable<Rule> rules) => new AnyRule([.. rules]);

    /// <summary>The rule does not hold.</summary>
    public static Rule Not(Rule rule) => new NotRule(rule);

    /// <summary>Membership of another segment.</summary>
    public static Rule InSegment(string segmentId) => new SegmentRule(segmentId);

    /// <summary>A comparison of a field with one value.</summary>
    public static Rule Compare(Field field, ComparisonOperator op, AttributeValue value, bool ignoreCaseAndAccents = false)
        => new Condition(field, op, [value], ignoreCaseAndAccents);

    /// <summary>A comparison of a field with a number.</summary>
    public static Rule Compare(Field field, ComparisonOperator op, decimal value) => new Condition(field, op, [AttributeValue.Number(value)]);

    /// <summary>A field within two bounds (both included).</summary>
    public static Rule Between(Field field, AttributeValue low, AttributeValue high) => new Condition(field, ComparisonOperator.Between, [low, high]);

    /// <summary>A field equal to one of the values.</summary>
    public static Rule In(Field field, params IEnumerable<AttributeValue> values) => new Condition(field, ComparisonOperator.In, [.. values]);

    /// <summary>A field whose value is known.</summary>
    public static Rule IsSet(Field field) => new Condition(field, ComparisonOperator.IsSet, []);

    /// <summary>A field whose value is unknown.</summary>
    public static Rule IsNotSet(Field field) => new Condition(field, ComparisonOperator.IsNotSet, []);

    /// <summary>Rules of this tree's direct children.</summary>
    public virtual IEnumerable<Rule> Children => [];

    /// <summary>The segment ids this rule refers to, anywhere in the tree.</summary>
    public IEnumerable<string> SegmentReferences()
        => this is SegmentRule s ? [s.SegmentId] : Children.SelectMany(c => c.SegmentReferences());

    /// <summary>
    /// Evaluates this rule for one customer with the reference evaluator and says, for every node, whether it held and
    /// why, with the values read (e.g. <c>✗ orders.count in last 180 days (completed) = 1, needed ≥ 3</c>). The
    /// answer at the root is the one <see cref="RuleCompiler"/> and <see cref="RuleExpressions"/> give.
    /// </summary>
    /// <param name="record">The customer.</param>
    /// <param name="context">The evaluation instant and zone.</param>
    /// <param name="segments">Answers membership of other segments; required when the rule refers to any
    /// (<see cref="SegmentCatalog.Explain(string, CustomerRecord, EvaluationContext)"/> supplies it for a catalogue's segment).</param>
    /// <returns>The explanation tree, shaped like the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="context"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The rule refers to a segment and no <paramref name="segments"/> was given.</exception>
    public Explanation Explain(CustomerRecord record, EvaluationContext context, Func<string, bool>? segments = null)
        => RuleInterpreter.Explain(this, record, context, segments);

    /// <summary>The canonical JSON form (the cache key of compiled rules).</summary>
    public override string ToString() => RuleJson.Write(this);
}

/// <summary>The names of choice fields' values, in JSON's camelCase, read by <see cref="EnumNames"/>.</summary>
internal static class Choices
{
    public static IEnumerable<string> Names(Type enumType) => Enum.GetNames(enumType).Select(Json.Camel);

    public static string? Canonical(Type enumType, string name)
        => EnumNames.TryParse(enumType, name, out var value) ? Json.Camel(value!.ToString()) : null;

    public static int Value(Type enumType, string name)
        => EnumNames.TryParse(enumType, name, out var value) ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : throw new ArgumentException($"'{name}' is not one of {EnumNames.Expected(enumType)}.", nameof(name));
}

internal static class Json
{
    public static string Camel(string name) => EnumNames.Camel(name);
}
