using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>All of the rules hold.</summary>
public sealed record AllRule : Rule
{
    /// <summary>Creates the conjunction.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public AllRule(ImmutableArray<Rule> rules)
        : base(rules.IsDefault ? [] : rules) => Rules = Checked(rules);

    /// <summary>The operands.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => Rules;

    /// <inheritdoc/>
    public bool Equals(AllRule? other) => other is not null && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc/>
    public override int GetHashCode() => Rules.Aggregate(17, (h, r) => HashCode.Combine(h, r));

    /// <inheritdoc/>
    public override string ToString() => base.ToString();

    internal static ImmutableArray<Rule> Checked(ImmutableArray<Rule> rules)
    {
        if (rules.IsDefault)
        {
            return [];
        }

        foreach (var r in rules)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rules));
        }

        return rules;
    }
}
