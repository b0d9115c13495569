using System.Diagnostics;

namespace CrmKit.Segmentation;

/// <summary>Meaning-preserving rewrites of rules.</summary>
public static class RuleAlgebra
{
    /// <summary>
    /// Simplifies a rule: nested all/any flattened, constants folded, duplicate operands dropped, double
    /// negation removed, single-operand all/any unwrapped. The result holds for exactly the same customers.
    /// </summary>
    public static Rule Simplify(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        switch (rule)
        {
            case NotRule n:
                var inner = Simplify(n.Rule);
                return inner switch
                {
                    NotRule nn => nn.Rule,
                    ConstantRule c => c.Value ? Rule.False : Rule.True,
                    _ => new NotRule(inner),
                };
            case AllRule a:
                return Junction(a.Rules, isAll: true);
            case AnyRule a:
                return Junction(a.Rules, isAll: false);
            case ConstantRule or SegmentRule or Condition:
                return rule;
            default:
                throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes.");
        }
    }

    private static Rule Junction(IEnumerable<Rule> operands, bool isAll)
    {
        var result = new List<Rule>();
        foreach (var operand in operands.Select(Simplify))
        {
            IEnumerable<Rule> parts = operand switch
            {
                AllRule a when isAll => a.Rules,
                AnyRule a when !isAll => a.Rules,
                _ => [operand],
            };
            foreach (var part in parts)
            {
                if (part is ConstantRule c)
                {
                    if (c.Value != isAll)
                    {
                        return c; // false in an all, true in an any: decides the whole junction
                    }

                    continue;
                }

                if (!result.Contains(part))
                {
                    result.Add(part);
                }
            }
        }

        return result.Count switch
        {
            0 => isAll ? Rule.True : Rule.False,
            1 => result[0],
            _ => isAll ? new AllRule([.. result]) : new AnyRule([.. result]),
        };
    }

    /// <summary>
    /// Pushes every negation down to the conditions (De Morgan), replacing a negated comparison by its
    /// complement <em>or not set</em>: <c>not(age &lt; 18)</c> becomes <c>age &gt;= 18 or age isNotSet</c>.
    /// Negations of text containment, tag tests and segment membership stay as they are.
    /// </summary>
    public static Rule ToNegationNormalForm(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule switch
        {
            NotRule n => Negate(n.Rule),
            AllRule a => new AllRule([.. a.Rules.Select(ToNegationNormalForm)]),
            AnyRule a => new AnyRule([.. a.Rules.Select(ToNegationNormalForm)]),
            ConstantRule or SegmentRule or Condition => rule,
            _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
        };
    }

    private static Rule Negate(Rule rule) => rule switch
    {
        NotRule n => ToNegationNormalForm(n.Rule),
        AllRule a => new AnyRule([.. a.Rules.Select(Negate)]),
        AnyRule a => new AllRule([.. a.Rules.Select(Negate)]),
        ConstantRule c => c.Value ? Rule.False : Rule.True,
        Condition c => Negate(c),
        SegmentRule => new NotRule(rule),
        _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
    };

    /// <summary>The complement of a condition as a rule without a top-level negation where one exists.</summary>
    public static Rule Negate(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var (f, v, loose) = (condition.Field, condition.Values, condition.IgnoreCaseAndAccents);
        Condition With(ComparisonOperator op, params IEnumerable<Customers.AttributeValue> values) => new(f, op, [.. values], loose);
        Rule OrNotSet(Rule complement) => f.IsAlwaysSet ? complement : new AnyRule([complement, new Condition(f, ComparisonOperator.IsNotSet, [])]);
        if (f.Type == FieldType.TagSet)
        {
            return condition.Operator switch
            {
                ComparisonOperator.IsSet => With(ComparisonOperator.IsNotSet),
                ComparisonOperator.IsNotSet => With(ComparisonOperator.IsSet),
                ComparisonOperator.Contains or ComparisonOperator.In => new NotRule(condition),
                _ => throw new UnreachableException($"Operator {condition.Operator} on a tag set."),
            };
        }

        return condition.Operator switch
        {
            ComparisonOperator.IsSet => With(ComparisonOperator.IsNotSet),
            ComparisonOperator.IsNotSet => With(ComparisonOperator.IsSet),
            ComparisonOperator.Equal => OrNotSet(With(ComparisonOperator.NotEqual, v)),
            ComparisonOperator.NotEqual => OrNotSet(With(ComparisonOperator.Equal, v)),
            ComparisonOperator.LessThan => OrNotSet(With(ComparisonOperator.GreaterThanOrEqual, v)),
            ComparisonOperator.LessThanOrEqual => OrNotSet(With(ComparisonOperator.GreaterThan, v)),
            ComparisonOperator.GreaterThan => OrNotSet(With(ComparisonOperator.LessThanOrEqual, v)),
            ComparisonOperator.GreaterThanOrEqual => OrNotSet(With(ComparisonOperator.LessThan, v)),
            ComparisonOperator.Between => OrNotSet(new AnyRule([With(ComparisonOperator.LessThan, v[0]), With(ComparisonOperator.GreaterThan, v[1])])),
            ComparisonOperator.In => OrNotSet(new AllRule([.. v.Select(x => (Rule)With(ComparisonOperator.NotEqual, x))])),
            ComparisonOperator.Contains or ComparisonOperator.StartsWith => new NotRule(condition),
            _ => throw new UnreachableException($"Operator {condition.Operator} (Condition rejects undefined operators)."),
        };
    }
}
