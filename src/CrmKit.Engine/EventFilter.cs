using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A condition on an event's fields: each named field must have one of the listed values (compared as CrmKit writes them, ignoring case).</summary>
/// <param name="Fields">Field → accepted values (<c>"status": ["completed"]</c>). The fields of each event type: docs/engine-semantics.md.</param>
public sealed record EventFilter(ImmutableSortedDictionary<string, ImmutableArray<string>> Fields)
{
    /// <summary>No condition.</summary>
    public static EventFilter None { get; } = new(ImmutableSortedDictionary.Create<string, ImmutableArray<string>>(StringComparer.Ordinal));

    /// <inheritdoc/>
    public bool Equals(EventFilter? other)
        => other is not null && Fields.Count == other.Fields.Count
           && Fields.All(f => other.Fields.TryGetValue(f.Key, out var v) && v.SequenceEqual(f.Value, StringComparer.Ordinal));

    /// <inheritdoc/>
    public override int GetHashCode() => Fields.Count;
}
