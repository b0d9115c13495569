using System.Diagnostics;
using System.Globalization;
using CrmKit.Customers;
using CrmKit.Localization;
using CrmKit.Segmentation.Localization;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Why a rule held or failed for one customer: one node per rule node, with the values read.</summary>
/// <param name="Rule">The rule node.</param>
/// <param name="Holds">Whether it held.</param>
/// <param name="Reason">What was found, e.g. <c>orders.count in last 90 days (completed) = 1, needed ≥ 3</c>.</param>
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

    /// <summary>
    /// For the membership of a segment in an exclusive group, the group and the higher-priority segment that took the
    /// customer (<see langword="null"/> when none did); <see langword="null"/> for every other node.
    /// </summary>
    internal (string Group, string? TakenBy)? Exclusivity { get; init; }

    /// <summary>An indented outline, one line per node, each marked ✓ or ✗ (<see cref="Reason"/>s, invariant English).</summary>
    public override string ToString()
    {
        var lines = new List<string>();
        Append(this, 0, lines, null);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The outline of <see cref="ToString()"/> as a shop owner reads it in <paramref name="culture"/> (default
    /// <see cref="CultureInfo.CurrentUICulture"/>): <c>✓ tất cả: cả 2 điều kiện đều đúng</c>,
    /// <c>✗ daysSinceLastOrder (completed) = 716, cần ≤ 180</c>. Field names, operators and values stay as the rule
    /// writes them. In English, and in a culture CrmKit has no messages in, exactly <see cref="ToString()"/>.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    /// <returns>One line per node, indented two spaces per level, joined by <see cref="Environment.NewLine"/>.</returns>
    public string Describe(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        if (!MessageTable.Speaks(Messages.ResourceManager, culture))
        {
            return ToString();
        }

        var lines = new List<string>();
        Append(this, 0, lines, culture);
        return string.Join(Environment.NewLine, lines);
    }

    // culture: null for the invariant Reason, else a culture the message table speaks.
    private static void Append(Explanation e, int depth, List<string> lines, CultureInfo? culture)
    {
        var label = e.Exclusivity is not null ? null : e.Rule switch
        {
            AllRule => "All",
            AnyRule => "Any",
            NotRule => "Not",
            ConstantRule or SegmentRule or Condition => null,
            _ => throw new UnreachableException($"Unknown rule type {e.Rule.GetType().Name}: Rule has a closed set of subtypes."),
        };
        var prefix = label is null ? string.Empty : culture is null ? $"{label.ToLowerInvariant()}: " : MessageTable.Text(Messages.ResourceManager, $"Explain_Label{label}", culture);
        lines.Add($"{new string(' ', depth * 2)}{(e.Holds ? "✓" : "✗")} {prefix}{(culture is null ? e.Reason : e.ReasonIn(culture))}");
        foreach (var c in e.Children)
        {
            Append(c, depth + 1, lines, culture);
        }
    }

    // The Reason's words from the message table, from the node's rule and its children's outcomes (as RuleInterpreter wrote them).
    internal string ReasonIn(CultureInfo culture)
    {
        var table = Messages.ResourceManager;
        if (Exclusivity is { } group)
        {
            return group.TakenBy is null
                ? MessageTable.Format(table, "Explain_NoHigherInGroup", culture, group.Group)
                : MessageTable.Format(table, "Explain_TakenByHigher", culture, group.TakenBy, group.Group);
        }

        var held = Children.Count(c => c.Holds);
        return Rule switch
        {
            ConstantRule k => MessageTable.Text(table, k.Value ? "Explain_Always" : "Explain_Never", culture),
            AllRule => Holds ? MessageTable.Format(table, "Explain_AllHeld", culture, Children.Count) : MessageTable.Format(table, "Explain_SomeFailed", culture, Children.Count - held, Children.Count),
            AnyRule => Holds ? MessageTable.Format(table, "Explain_SomeHeld", culture, held, Children.Count) : MessageTable.Format(table, "Explain_NoneHeld", culture, Children.Count),
            NotRule => MessageTable.Text(table, Holds ? "Explain_NegatedFailed" : "Explain_NegatedHeld", culture),
            SegmentRule s => MessageTable.Format(table, Holds ? "Explain_InSegment" : "Explain_NotInSegment", culture, s.SegmentId),
            Condition c => MessageTable.Format(table, "Explain_Condition", culture, c.Field, Value ?? MessageTable.Text(table, "Explain_NotSet", culture), RuleInterpreter.NeededIn(c, culture)),
            _ => throw new UnreachableException($"Unknown rule type {Rule.GetType().Name}: Rule has a closed set of subtypes."),
        };
    }
}
