using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using NodaTime.Text;

namespace CrmKit.Segmentation;

/// <summary>
/// What rules may refer to beyond the built-in fields: the shop's custom attributes with their kinds.
/// </summary>
public sealed record RuleSchema
{
    /// <summary>No custom attributes.</summary>
    public static RuleSchema Empty { get; } = new();

    /// <summary>Declared attributes by name (ordinal).</summary>
    public ImmutableSortedDictionary<string, AttributeKind> Attributes { get; init; } = ImmutableSortedDictionary.Create<string, AttributeKind>(StringComparer.Ordinal);

    /// <summary>Returns a schema with one more attribute.</summary>
    public RuleSchema WithAttribute(string name, AttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return this with { Attributes = Attributes.SetItem(name, kind) };
    }

    /// <inheritdoc/>
    public bool Equals(RuleSchema? other) => other is not null && Attributes.SequenceEqual(other.Attributes);

    /// <inheritdoc/>
    public override int GetHashCode() => Attributes.Count;
}
