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
        _needs = [.. _filters.Select(f => conditions.Where(c => c.Field.Orders == f).Aggregate(OrderTotals.Needs.Count, (n, c) => n | OrderTotals.For(c.Field.Definition.Reading)))];
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
        return Catalog.Membership(flags);
    }

    /// <summary>
    /// Reclassifies a customer after a change (a new order, a return, a profile change, or just the passage of
    /// time: pass the new context) and reports which segments the customer entered and left.
    /// </summary>
    public MembershipChange Reclassify(SegmentMembership previous, CustomerRecord record, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var current = Classify(record, context);
        return new MembershipChange(new CustomerId(record.Id), current.Except(previous), previous.Except(current), current);
    }
}
