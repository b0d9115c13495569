using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>A constant: <see langword="true"/> always holds, <see langword="false"/> never.</summary>
/// <param name="Value">The constant.</param>
public sealed record ConstantRule(bool Value) : Rule
{
    /// <inheritdoc/>
    public override string ToString() => base.ToString();
}
