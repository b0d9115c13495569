using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// A validated set of segments: ids unique, every referenced segment present, no cycle of references (through
/// exclusivity groups too), distinct priorities within each group, rules typed against one
/// <see cref="RuleSchema"/>. Immutable and thread-safe. Read and written as JSON (see <c>docs/segmentation.md</c>).
/// </summary>
public sealed class SegmentCatalog
{
    private readonly FrozenDictionary<string, int> _index;
    private readonly SegmentMembershipRules _membershipRules;

    /// <summary>Creates a catalogue, checking it.</summary>
    /// <exception cref="InvalidRuleException">Every problem found, each with the JSON path of the segment.</exception>
    public SegmentCatalog(IEnumerable<Segment> segments, RuleSchema? schema = null, RfmScoring? rfm = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Segments = [.. segments];
        Schema = schema ?? RuleSchema.Empty;
        Rfm = rfm ?? RfmScoring.Default;
        if (SegmentCatalogValidator.CheckSize(Segments.Length) is { } tooMany)
        {
            throw new InvalidRuleException([new Problem("$.segments", tooMany)]);
        }

        var errors = new List<Problem>();
        _index = SegmentCatalogValidator.Index(Segments, errors);
        SegmentCatalogValidator.Check(Segments, Schema, _index, errors);
        if (errors.Count == 0)
        {
            EvaluationOrder = SegmentOrdering.Order(Segments, _index, errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidRuleException(errors);
        }

        _membershipRules = new SegmentMembershipRules(this);
    }

    /// <summary>The segments, in declaration order (the order of classification results).</summary>
    public ImmutableArray<Segment> Segments { get; }

    /// <summary>The attributes rules may use.</summary>
    public RuleSchema Schema { get; }

    /// <summary>How RFM scores are given before classification.</summary>
    public RfmScoring Rfm { get; }

    /// <summary>Indexes of <see cref="Segments"/> in an order where every segment comes after the segments (and whole groups) it refers to.</summary>
    public ImmutableArray<int> EvaluationOrder { get; } = [];

    /// <summary>The exclusivity groups, each with its members' indexes from highest to lowest priority.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<int>> Groups => field ??= Segments.Select((s, i) => (s, i))
        .Where(x => x.s.ExclusiveGroup is not null)
        .GroupBy(x => x.s.ExclusiveGroup!, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(x => x.s.Priority).Select(x => x.i).ToImmutableArray(), StringComparer.Ordinal);

    /// <summary>The segment with an id.</summary>
    /// <exception cref="KeyNotFoundException">No such segment.</exception>
    public Segment this[string id] => Segments[IndexOf(id)];

    /// <summary>The position of a segment.</summary>
    /// <exception cref="KeyNotFoundException">No such segment.</exception>
    public int IndexOf(string id)
        => _index.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"No segment '{id}'. Known: {string.Join(", ", Segments.Select(s => s.Id))}.");

    /// <summary>Whether a segment exists.</summary>
    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>
    /// The rule for final membership of a segment, with no segment references left: its own rule, minus the
    /// higher-priority members of its group, with every referenced segment replaced by its membership rule.
    /// The LINQ expression and SQL evaluate this. References used several times are shared in memory, but the
    /// expression built from the rule is a tree, so its size is checked: it may hold at most
    /// <see cref="RuleLimits.MaxExpandedConditions"/> conditions.
    /// </summary>
    /// <exception cref="InvalidRuleException">Inlining the references gives more than <see cref="RuleLimits.MaxExpandedConditions"/> conditions.</exception>
    public Rule MembershipRule(string id)
    {
        return _membershipRules.Get(id);
    }

    /// <summary>
    /// Whether a customer belongs to a segment, by the reference interpreter. Every segment the answer depends on is
    /// evaluated once (in <see cref="EvaluationOrder"/>), so the cost is linear in the catalogue however the
    /// segments refer to each other.
    /// </summary>
    public bool Evaluate(string id, CustomerRecord record, EvaluationContext context)
    {
        var index = IndexOf(id);
        return SegmentInterpretation.Memberships(this, record, context).Final[index];
    }

    /// <summary>
    /// Explains a segment's own rule for a customer (referenced segments answered by the interpreter, each evaluated
    /// once), and whether a higher-priority group member took the customer.
    /// </summary>
    public Explanation Explain(string id, CustomerRecord record, EvaluationContext context)
    {
        var index = IndexOf(id);
        return SegmentInterpretation.Explain(this, index, record, context, SegmentInterpretation.Memberships(this, record, context));
    }

    /// <summary>
    /// Explains every segment for a customer, in declaration order: the memberships are computed once and each
    /// segment's own rule is explained once, so the cost is linear in the catalogue (references to other segments
    /// are answered from the computed memberships, never re-explained).
    /// </summary>
    public IReadOnlyList<Explanation> Explain(CustomerRecord record, EvaluationContext context)
    {
        var memberships = SegmentInterpretation.Memberships(this, record, context);
        return [.. Enumerable.Range(0, Segments.Length).Select(i => SegmentInterpretation.Explain(this, i, record, context, memberships))];
    }

    /// <summary>The membership from classifier flags (one per segment, in catalogue order).</summary>
    /// <exception cref="ArgumentException"><paramref name="flags"/> is shorter than <see cref="Segments"/>.</exception>
    public SegmentMembership Membership(ReadOnlySpan<bool> flags)
    {
        if (flags.Length < Segments.Length)
        {
            throw new ArgumentException($"Need one flag per segment ({Segments.Length}), got {flags.Length}.", nameof(flags));
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < Segments.Length; i++)
        {
            if (flags[i])
            {
                ids.Add(Segments[i].Id);
            }
        }

        return SegmentMembership.InCatalogueOrder(ids.ToImmutable());
    }

    /// <summary>A membership of the given segment ids, ordered as in the catalogue (ids of no segment here are left out).</summary>
    public SegmentMembership Membership(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var set = ids.ToHashSet(StringComparer.Ordinal);
        return SegmentMembership.InCatalogueOrder([.. Segments.Where(s => set.Contains(s.Id)).Select(s => s.Id)]);
    }

    /// <summary>A membership after a change: entered added, exited removed (catalogue order kept).</summary>
    public SegmentMembership Apply(SegmentMembership membership, MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(change);
        return Membership(membership.Ids.Except(change.Exited, StringComparer.Ordinal).Concat(change.Entered));
    }

    /// <summary>The ids of the segments a customer belongs to, by the reference interpreter (slow; for checks and explanations).</summary>
    public IReadOnlyList<string> ClassifyInterpreted(CustomerRecord record, EvaluationContext context) => SegmentInterpretation.ClassifyInterpreted(this, record, context);

    /// <summary>Writes the catalogue as JSON (indented, stable order).</summary>
    public string ToJson() => SegmentCatalogJson.Write(this);

    /// <summary>Reads a catalogue from JSON, reporting every problem with its JSON path.</summary>
    /// <exception cref="InvalidRuleException">The JSON is malformed or the catalogue invalid.</exception>
    public static SegmentCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SegmentCatalogJson.Parse(json);
    }
}
