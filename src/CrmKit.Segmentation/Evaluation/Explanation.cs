using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Why a rule held or failed for one customer: one node per rule node, with the values read.</summary>
/// <param name="Rule">The rule node.</param>
/// <param name="Holds">Whether it held.</param>
/// <param name="Reason">What was found, e.g. <c>orders.count in last 90 days (completed) = 1, needed &gt;= 3</c>.</param>
/// <param name="Children">The explanations of the node's operands.</param>
public sealed record Explanation(Rule Rule, bool Holds, string Reason, IReadOnlyList<Explanation> Children)
{
    /// <summary>
    /// For a <see cref="Condition"/>, the value its field had for the customer, written as in <see cref="Reason"/>
    /// (invariant culture: <c>33</c>, <c>0.8125</c>, <c>true</c>, <c>2026-10-31</c>; text folded when the condition ignores
    /// case and accents), or <see langword="null"/> when the field is not set; <see langword="null"/> for other rule
    /// nodes. Lets a caller list the figures that put a customer in a segment without reading them out of <see cref="Reason"/>.
    /// </summary>
    public string? Value { get; init; }

    /// <summary>An indented outline, one line per node, each marked ✓ or ✗.</summary>
    public override string ToString()
    {
        var lines = new List<string>();
        Append(this, 0, lines);
        return string.Join(Environment.NewLine, lines);
    }

    private static void Append(Explanation e, int depth, List<string> lines)
    {
        var label = e.Rule switch
        {
            AllRule => "all: ",
            AnyRule => "any: ",
            NotRule => "not: ",
            ConstantRule or SegmentRule or Condition => "",
            _ => throw new UnreachableException($"Unknown rule type {e.Rule.GetType().Name}: Rule has a closed set of subtypes."),
        };
        lines.Add($"{new string(' ', depth * 2)}{(e.Holds ? "✓" : "✗")} {label}{e.Reason}");
        foreach (var c in e.Children)
        {
            Append(c, depth + 1, lines);
        }
    }
}
