namespace CrmKit.Segmentation;

/// <summary>
/// A catalogue evaluated by the reference interpreter: every segment's own and final membership for one customer
/// (each segment evaluated once, in evaluation order), and explanations of them.
/// </summary>
internal static class SegmentInterpretation
{
    public static Explanation Explain(SegmentCatalog catalog, int index, CustomerRecord record, EvaluationContext context, (bool[] Own, bool[] Final) memberships)
    {
        var segment = catalog.Segments[index];
        var own = RuleInterpreter.Explain(segment.Rule, record, context, s => memberships.Final[catalog.IndexOf(s)]);
        if (segment.ExclusiveGroup is not { } group)
        {
            return own;
        }

        var taken = catalog.Groups[group].Select(i => catalog.Segments[i]).Where(s => s.Priority > segment.Priority).FirstOrDefault(s => memberships.Own[catalog.IndexOf(s.Id)]);
        var reason = taken is null ? $"no higher-priority segment of group '{group}' matched" : $"taken by higher-priority '{taken.Id}' of group '{group}'";
        return new Explanation(catalog.MembershipRule(segment.Id), own.Holds && taken is null, reason, [own]) { Exclusivity = (group, taken?.Id) };
    }

    /// <summary>
    /// Every segment's own rule (<c>Own</c>) and final membership after its exclusivity group (<c>Final</c>) for one
    /// customer, by the reference interpreter, each segment evaluated once in <see cref="SegmentCatalog.EvaluationOrder"/>. A group's
    /// members are contiguous in that order and nothing in the group refers to the group, so each group is resolved
    /// as soon as its last member is known.
    /// </summary>
    public static (bool[] Own, bool[] Final) Memberships(SegmentCatalog catalog, CustomerRecord record, EvaluationContext context)
    {
        var own = new bool[catalog.Segments.Length];
        var final = new bool[catalog.Segments.Length];
        for (var k = 0; k < catalog.EvaluationOrder.Length; k++)
        {
            var i = catalog.EvaluationOrder[k];
            own[i] = RuleInterpreter.Evaluate(catalog.Segments[i].Rule, record, context, id => final[catalog.IndexOf(id)]);
            final[i] = own[i];
            if (catalog.Segments[i].ExclusiveGroup is { } group && (k == catalog.EvaluationOrder.Length - 1 || catalog.Segments[catalog.EvaluationOrder[k + 1]].ExclusiveGroup != group))
            {
                var taken = false;
                foreach (var member in catalog.Groups[group])
                {
                    final[member] = own[member] && !taken;
                    taken |= own[member];
                }
            }
        }

        return (own, final);
    }

    /// <summary>The ids of the segments a customer belongs to, by the reference interpreter.</summary>
    public static IReadOnlyList<string> ClassifyInterpreted(SegmentCatalog catalog, CustomerRecord record, EvaluationContext context)
    {
        var final = Memberships(catalog, record, context).Final;
        return [.. catalog.Segments.Where((_, i) => final[i]).Select(s => s.Id)];
    }
}
