using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The comparison a <see cref="Condition"/> makes.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c>: the value is set and equal.</summary>
    Equal,

    /// <summary><c>!=</c>: the value is set and different (an unset value is neither equal nor different).</summary>
    NotEqual,

    /// <summary><c>&lt;</c>.</summary>
    LessThan,

    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>between</c>: within two bounds, both included.</summary>
    Between,

    /// <summary><c>in</c>: equal to one of the values (for tags: carries one of them).</summary>
    In,

    /// <summary><c>contains</c>: text contains the value; tags include it.</summary>
    Contains,

    /// <summary><c>startsWith</c>: text starts with the value.</summary>
    StartsWith,

    /// <summary><c>isSet</c>: the value is known (tags: at least one).</summary>
    IsSet,

    /// <summary><c>isNotSet</c>: the value is unknown (tags: none).</summary>
    IsNotSet,
}
