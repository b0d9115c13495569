using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// The checks of a <see cref="SegmentCatalog"/> beyond its evaluation order: unique ids, rules within
/// <see cref="RuleLimits"/>, known segment references, attributes declared in the schema with their kind, distinct
/// priorities within each exclusivity group. Every problem is reported with the JSON path of its segment.
/// </summary>
internal static class SegmentCatalogValidator
{
    /// <summary>The catalogue's segment size problem, or null.</summary>
    public static string? CheckSize(int count) => count > RuleLimits.MaxSegments ? TooManySegments(count) : null;

    /// <summary>The position of each segment id (the first, when an id repeats: that is a problem too).</summary>
    public static FrozenDictionary<string, int> Index(ImmutableArray<Segment> segments, List<Problem> errors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            if (!index.TryAdd(segments[i].Id, i))
            {
                errors.Add(new($"$.segments[{i}].id", $"duplicate segment id '{segments[i].Id}' (first at $.segments[{index[segments[i].Id]}])."));
            }
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Checks every segment's rule and the priorities of every group.</summary>
    public static void Check(ImmutableArray<Segment> segments, RuleSchema schema, FrozenDictionary<string, int> index, List<Problem> errors)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            if (!RuleLimits.Check(segments[i].Rule, $"$.segments[{i}].rule", errors))
            {
                continue;
            }

            foreach (var reference in segments[i].Rule.SegmentReferences().Distinct())
            {
                if (!index.ContainsKey(reference))
                {
                    errors.Add(new($"$.segments[{i}].rule", $"refers to unknown segment '{reference}'."));
                }
            }

            foreach (var attribute in Attributes(segments[i].Rule))
            {
                if (!schema.Attributes.TryGetValue(attribute.AttributeName!, out var declared) || declared != attribute.AttributeKind)
                {
                    errors.Add(new($"$.segments[{i}].rule", $"attribute '{attribute.AttributeName}' is not declared as {attribute.AttributeKind?.ToString().ToLowerInvariant()} in the schema."));
                }
            }
        }

        foreach (var group in segments.Select((s, i) => (s, i)).Where(x => x.s.ExclusiveGroup is not null).GroupBy(x => x.s.ExclusiveGroup))
        {
            foreach (var tie in group.GroupBy(x => x.s.Priority).Where(g => g.Count() > 1))
            {
                errors.Add(new($"$.segments[{tie.Skip(1).First().i}].priority",
                    $"segments {string.Join(", ", tie.Select(x => $"'{x.s.Id}'"))} of exclusivity group '{group.Key}' share priority {tie.Key}; priorities within a group must differ."));
            }
        }
    }

    /// <summary>The problem of a catalogue with too many segments.</summary>
    public static string TooManySegments(int count)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} segments; a catalogue holds at most {RuleLimits.MaxSegments:N0} (RuleLimits.MaxSegments).");

    private static IEnumerable<Field> Attributes(Rule rule)
        => rule is Condition { Field.Kind: FieldKind.Attribute } c ? [c.Field] : rule.Children.SelectMany(Attributes);
}
