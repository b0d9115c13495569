using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>At least one of the rules holds.</summary>
public sealed record AnyRule : Rule
{
    /// <summary>Creates the disjunction.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public AnyRule(ImmutableArray<Rule> rules)
        : base(rules.IsDefault ? [] : rules) => Rules = AllRule.Checked(rules);

    /// <summary>The operands.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => Rules;

    /// <inheritdoc/>
    public bool Equals(AnyRule? other) => other is not null && Rules.SequenceEqual(other.Rules);

    /// <inheritdoc/>
    public override int GetHashCode() => Rules.Aggregate(19, (h, r) => HashCode.Combine(h, r));

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}
