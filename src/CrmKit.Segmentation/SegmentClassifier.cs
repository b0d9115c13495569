using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// Classifies customers against a <see cref="SegmentCatalog"/> with compiled rules: each segment's rule is
/// compiled once (through a shared <see cref="RuleCompiler"/> cache), segments are evaluated in dependency
/// order, and exclusivity groups keep their highest-priority match. A customer's orders are read once per
/// classification: every order aggregate the catalogue's conditions need (one set per distinct window, status,
/// channel and product tag) is computed in that single pass. <see cref="Classify(CustomerRecord, EvaluationContext, bool[])"/>
/// allocates nothing in steady state. Thread-safe.
/// </summary>
public sealed class SegmentClassifier
{
    [ThreadStatic]
    private static OrderTotals[]? t_totals;

    private readonly CatalogRules _rules;
    private readonly OrderFilter[] _filters;
    private readonly OrderTotals.Needs[] _needs;

    /// <summary>Compiles the catalogue's rules.</summary>
    /// <param name="catalog">The segments.</param>
    /// <param name="compiler">The compiler whose cache to use (a new one when null).</param>
    public SegmentClassifier(SegmentCatalog catalog, RuleCompiler? compiler = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        compiler ??= new RuleCompiler();
        var conditions = catalog.Segments.SelectMany(s => RuleCompiler.OrderConditions(s.Rule)).ToList();
        _filters = [.. conditions.Select(c => c.Field.Orders!).Distinct()];
        _needs = [.. _filters.Select(f => conditions.Where(c => c.Field.Orders == f).Aggregate(OrderTotals.Needs.Count, (n, c) => n | OrderTotals.For(c.Field.Kind)))];
        var slots = _filters.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i);
        var groupNames = catalog.Groups.Keys.Order(StringComparer.Ordinal).ToList();
        int[][] groups = [.. groupNames.Select(g => catalog.Groups[g].ToArray())];
        int[] groupOf = [.. catalog.Segments.Select(s => s.ExclusiveGroup is { } g ? groupNames.IndexOf(g) : -1)];
        _rules = compiler.Compile(catalog, [.. catalog.EvaluationOrder], groupOf, groups, f => slots[f]);
        Count = catalog.Segments.Length;
    }

    /// <summary>The catalogue.</summary>
    public SegmentCatalog Catalog { get; }

    /// <summary>The number of segments (the length <see cref="Classify(CustomerRecord, EvaluationContext, bool[])"/> needs).</summary>
    public int Count { get; }

    /// <summary>
    /// Writes the customer's memberships into <paramref name="memberships"/> (one flag per segment, in catalogue
    /// order). Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="memberships"/> is shorter than <see cref="Count"/>.</exception>
    public void Classify(CustomerRecord record, EvaluationContext context, bool[] memberships)
    {
        ArgumentNullException.ThrowIfNull(memberships);
        if (memberships.Length < Count)
        {
            throw new ArgumentException($"Need room for {Count} segments, got {memberships.Length}.", nameof(memberships));
        }

        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var totals = Totals(_filters.Length);
        OrderTotals.Fill(record.Orders, context, _filters, _needs, totals);
        _rules(record, context, memberships, totals);
    }

    private static OrderTotals[] Totals(int count)
    {
        var totals = t_totals;
        if (totals is null || totals.Length < count)
        {
            totals = new OrderTotals[Math.Max(count, 8)];
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] = new OrderTotals();
            }

            t_totals = totals;
        }

        return totals;
    }

    /// <summary>The customer's memberships as a set of segment ids.</summary>
    public SegmentMembership Classify(CustomerRecord record, EvaluationContext context)
    {
        var flags = new bool[Count];
        Classify(record, context, flags);
        return SegmentMembership.From(Catalog, flags);
    }

    /// <summary>
    /// Reclassifies a customer after a change (a new order, a return, a profile change, or just the passage of
    /// time: pass the new context) and reports which segments the customer entered and left.
    /// </summary>
    public MembershipChange Reclassify(SegmentMembership previous, CustomerRecord record, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var current = Classify(record, context);
        return new MembershipChange(record.Id, current.Except(previous), previous.Except(current), current);
    }
}

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

/// <summary>What changed for one customer: segments entered and exited, and the membership now.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Entered">Segments the customer joined.</param>
/// <param name="Exited">Segments the customer left.</param>
/// <param name="Current">The membership after the change.</param>
public sealed record MembershipChange(string CustomerId, ImmutableArray<string> Entered, ImmutableArray<string> Exited, SegmentMembership Current)
{
    /// <summary>Whether anything changed.</summary>
    public bool IsEmpty => Entered.IsEmpty && Exited.IsEmpty;

    /// <summary><c>KH001: +[vip] −[new]</c>, with a customer id that is a phone number or email masked.</summary>
    public override string ToString()
    {
        var id = PersonalData.Redact(CustomerId);
        return IsEmpty ? $"{id}: no change" : $"{id}: +[{string.Join(", ", Entered)}] −[{string.Join(", ", Exited)}]";
    }
}
