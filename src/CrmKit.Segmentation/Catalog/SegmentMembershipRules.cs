using CrmKit.Customers;
using System.Diagnostics;
using System.Globalization;

namespace CrmKit.Segmentation;

/// <summary>
/// The membership rule of each segment of a catalogue with every segment reference written out (for LINQ and SQL),
/// built on first use and cached; thread-safe.
/// </summary>
internal sealed class SegmentMembershipRules(SegmentCatalog catalog)
{
    private readonly Dictionary<string, Rule> _rules = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The membership rule of a segment (see <see cref="SegmentCatalog.MembershipRule"/>).</summary>
    public Rule Get(string id)
    {
        lock (_gate)
        {
            return For(id);
        }
    }

    private Rule For(string id)
    {
        if (_rules.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var segment = catalog[id];
        var own = Expand(segment.Rule);
        if (segment.ExclusiveGroup is { } group)
        {
            var higher = catalog.Groups[group].Select(i => catalog.Segments[i]).Where(s => s.Priority > segment.Priority).Select(s => (Rule)new NotRule(Expand(s.Rule))).ToList();
            if (higher.Count > 0)
            {
                own = new AllRule([own, .. higher]);
            }
        }

        if (ExpandedConditions(own) is var size && size > RuleLimits.MaxExpandedConditions)
        {
            var count = size == long.MaxValue ? "more than 9.2e18" : size.ToString("N0", CultureInfo.InvariantCulture);
            var message = string.Create(CultureInfo.InvariantCulture, $"segment '{id}' expands to {count} conditions when its segment references are written out for LINQ or SQL; at most {RuleLimits.MaxExpandedConditions:N0} (RuleLimits.MaxExpandedConditions). The classifier and the interpreter are not limited by this.");
            throw new InvalidRuleException([new Problem($"$.segments[{catalog.IndexOf(id)}].rule", message)]);
        }

        _rules[id] = own;
        return own;
    }

    private Rule Expand(Rule rule) => rule switch
    {
        SegmentRule s => For(s.SegmentId),
        AllRule a => new AllRule([.. a.Rules.Select(Expand)]),
        AnyRule a => new AnyRule([.. a.Rules.Select(Expand)]),
        NotRule n => new NotRule(Expand(n.Rule)),
        ConstantRule or Condition => rule,
        _ => throw new UnreachableException($"Unknown rule type {rule.GetType().Name}: Rule has a closed set of subtypes."),
    };

    /// <summary>
    /// The number of conditions of a rule counted as a tree (a shared subtree once per use), computed over the
    /// shared nodes once each (memoised by reference), so in time linear in the rule as held in memory. Saturates
    /// at <see cref="long.MaxValue"/>.
    /// </summary>
    private static long ExpandedConditions(Rule rule)
    {
        var sizes = new Dictionary<Rule, long>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Rule Rule, bool ChildrenDone)>();
        stack.Push((rule, false));
        while (stack.Count > 0)
        {
            var (r, childrenDone) = stack.Pop();
            if (sizes.ContainsKey(r))
            {
                continue;
            }

            if (!childrenDone)
            {
                stack.Push((r, true));
                foreach (var child in r.Children)
                {
                    stack.Push((child, false));
                }

                continue;
            }

            var size = r is Condition ? 1L : 0L;
            foreach (var child in r.Children)
            {
                size = size > long.MaxValue - sizes[child] ? long.MaxValue : size + sizes[child];
            }

            sizes[r] = size;
        }

        return sizes[rule];
    }
}
