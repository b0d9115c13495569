using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>The segments one customer belongs to (ids in catalogue order).</summary>
public sealed class SegmentMembership : IEquatable<SegmentMembership>
{
    private SegmentMembership(ImmutableArray<string> ids) => Ids = ids;

    /// <summary>No segment.</summary>
    public static SegmentMembership None { get; } = new([]);

    /// <summary>The segment ids, in catalogue order.</summary>
    public ImmutableArray<string> Ids { get; }

    /// <summary>Whether the customer is in a segment.</summary>
    public bool Contains(string id) => Ids.Contains(id, StringComparer.Ordinal);

    /// <summary>The membership from classifier flags.</summary>
    public static SegmentMembership From(SegmentCatalog catalog, ReadOnlySpan<bool> flags)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ids = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < catalog.Segments.Length; i++)
        {
            if (flags[i])
            {
                ids.Add(catalog.Segments[i].Id);
            }
        }

        return new(ids.ToImmutable());
    }

    /// <summary>A membership of the given ids, ordered as in the catalogue.</summary>
    public static SegmentMembership Of(SegmentCatalog catalog, IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return new([.. catalog.Segments.Where(s => set.Contains(s.Id)).Select(s => s.Id)]);
    }

    /// <summary>The ids in this membership and not in <paramref name="other"/>.</summary>
    public ImmutableArray<string> Except(SegmentMembership other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return [.. Ids.Where(id => !other.Contains(id))];
    }

    /// <summary>This membership after a change: entered added, exited removed (catalogue order kept).</summary>
    public SegmentMembership Apply(SegmentCatalog catalog, MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Of(catalog, Ids.Except(change.Exited, StringComparer.Ordinal).Concat(change.Entered));
    }

    /// <inheritdoc/>
    public bool Equals(SegmentMembership? other) => other is not null && Ids.SequenceEqual(other.Ids);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SegmentMembership);

    /// <inheritdoc/>
    public override int GetHashCode() => Ids.Aggregate(0, (h, id) => HashCode.Combine(h, id));

    /// <inheritdoc/>
    public override string ToString() => Ids.IsEmpty ? "(none)" : string.Join(", ", Ids);
}
