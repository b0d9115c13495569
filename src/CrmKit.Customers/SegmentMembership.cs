using System.Collections.Immutable;

namespace CrmKit.Customers;

/// <summary>
/// The segments one customer belongs to: segment ids in the order of the catalogue that classified the customer.
/// Segmentation builds it (<c>SegmentCatalog.Membership</c>); care plans, the engine and the review read it.
/// </summary>
public sealed class SegmentMembership : IEquatable<SegmentMembership>
{
    private SegmentMembership(ImmutableArray<string> ids) => Ids = ids;

    /// <summary>No segment.</summary>
    public static SegmentMembership None { get; } = new([]);

    /// <summary>The segment ids, in catalogue order.</summary>
    public ImmutableArray<string> Ids { get; }

    /// <summary>A membership of segment ids already in catalogue order (kept as given; segmentation builds it).</summary>
    /// <exception cref="ArgumentException">An id is null or empty.</exception>
    public static SegmentMembership InCatalogueOrder(ImmutableArray<string> ids)
    {
        if (ids.IsDefaultOrEmpty)
        {
            return None;
        }

        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A segment id is null or empty.", nameof(ids));
            }
        }

        return new(ids);
    }

    /// <summary>Whether the customer is in a segment.</summary>
    public bool Contains(string id) => Ids.Contains(id, StringComparer.Ordinal);

    /// <summary>The ids in this membership and not in <paramref name="other"/>.</summary>
    public ImmutableArray<string> Except(SegmentMembership other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return [.. Ids.Where(id => !other.Contains(id))];
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
