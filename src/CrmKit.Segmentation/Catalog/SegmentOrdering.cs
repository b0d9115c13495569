using CrmKit.Customers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;

namespace CrmKit.Segmentation;

/// <summary>
/// The order in which a catalogue's segments are evaluated (every segment after the segments and whole exclusivity
/// groups it refers to), with reference cycles and over-deep chains reported.
/// </summary>
internal static class SegmentOrdering
{
    /// <summary>
    /// Topological order over units (a lone segment, or a whole exclusivity group), with the first cycle reported with
    /// its path and the first chain of references deeper than <see cref="RuleLimits.MaxReferenceDepth"/> reported.
    /// An iterative depth-first search (an explicit stack), so a chain of any length cannot overflow the call stack;
    /// linear in segments plus references.
    /// </summary>
    public static ImmutableArray<int> Order(ImmutableArray<Segment> segments, FrozenDictionary<string, int> index, List<Problem> errors)
    {
        string Unit(int i) => segments[i].ExclusiveGroup is { } g ? "group:" + g : "segment:" + segments[i].Id;
        string Name(string u) => u.StartsWith("group:", StringComparison.Ordinal) ? $"group '{u[6..]}'" : $"'{u[8..]}'";
        var units = Enumerable.Range(0, segments.Length).GroupBy(Unit).ToDictionary(g => g.Key, g => g.ToList());
        var dependsOn = units.ToDictionary(u => u.Key, u => u.Value.SelectMany(i => segments[i].Rule.SegmentReferences()).Select(id => Unit(index[id])).Distinct().ToList());
        var order = new List<int>();
        var state = new Dictionary<string, int>();
        var depth = new Dictionary<string, int>();
        var deepest = new Dictionary<string, string?>();
        var stack = new List<(string Unit, int Next)>();
        var tooDeep = false;
        foreach (var root in units.Keys.OrderBy(u => units[u][0]))
        {
            if (state.GetValueOrDefault(root) == 2)
            {
                continue;
            }

            state[root] = 1;
            stack.Add((root, 0));
            while (stack.Count > 0)
            {
                var (unit, next) = stack[^1];
                if (next < dependsOn[unit].Count)
                {
                    stack[^1] = (unit, next + 1);
                    var d = dependsOn[unit][next];
                    switch (state.GetValueOrDefault(d))
                    {
                        case 0:
                            state[d] = 1;
                            stack.Add((d, 0));
                            break;
                        case 1:
                            var cycle = stack.Select(x => x.Unit).SkipWhile(u => u != d).Append(d).Select(Name);
                            errors.Add(new($"$.segments[{units[d][0]}].rule", $"segment references form a cycle: {string.Join(" → ", cycle)}."));
                            return [];
                    }

                    continue;
                }

                stack.RemoveAt(stack.Count - 1);
                state[unit] = 2;
                var below = dependsOn[unit].Count == 0 ? null : dependsOn[unit].MaxBy(x => depth[x]);
                depth[unit] = below is null ? 0 : depth[below] + 1;
                deepest[unit] = below;
                if (depth[unit] > RuleLimits.MaxReferenceDepth && !tooDeep)
                {
                    var chain = new List<string>();
                    for (var u = unit; u is not null && chain.Count < 6; u = deepest[u])
                    {
                        chain.Add(Name(u));
                    }

                    errors.Add(new($"$.segments[{units[unit][0]}].rule", string.Create(CultureInfo.InvariantCulture,
                        $"segment references nest {depth[unit]} deep ({string.Join(" → ", chain)} → …); at most {RuleLimits.MaxReferenceDepth} are allowed (RuleLimits.MaxReferenceDepth).")));
                    tooDeep = true;
                }

                order.AddRange(units[unit]);
            }
        }

        return [.. order];
    }
}
