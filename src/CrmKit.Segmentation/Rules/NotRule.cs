using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The rule does not hold.</summary>
public sealed record NotRule : Rule
{
    /// <summary>Creates the negation.</summary>
    /// <exception cref="InvalidRuleException">The rule would be nested deeper than <see cref="RuleLimits.MaxDepth"/>.</exception>
    public NotRule(Rule rule)
        : base([rule]) => Rule = rule ?? throw new ArgumentNullException(nameof(rule));

    /// <summary>The negated rule.</summary>
    public Rule Rule { get; }

    /// <inheritdoc/>
    public override IEnumerable<Rule> Children => [Rule];

    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}
