using System.Collections.Immutable;

namespace CrmKit.Customers;

/// <summary>Normalises tag lists: trimmed, empty ones dropped, duplicates (ignoring case) removed, sorted ordinally.</summary>
internal static class Tagging
{
    public static ImmutableArray<string> Normalize(ImmutableArray<string> tags)
    {
        if (tags.IsDefaultOrEmpty)
        {
            return [];
        }

        if (tags.Length == 1)
        {
            // One tag (the common case): nothing to deduplicate or sort.
            var only = tags[0]?.Trim();
            return string.IsNullOrEmpty(only) ? [] : ReferenceEquals(only, tags[0]) ? tags : [only];
        }

        if (tags.Length <= 8 && IsNormal(tags))
        {
            return tags; // already trimmed, distinct and sorted, as files written from CrmKit are
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var builder = ImmutableArray.CreateBuilder<string>(tags.Length);
        foreach (var tag in tags)
        {
            var trimmed = tag?.Trim();
            if (!string.IsNullOrEmpty(trimmed) && seen.Add(trimmed))
            {
                builder.Add(trimmed);
            }
        }

        builder.Sort(StringComparer.Ordinal);
        return builder.ToImmutable();
    }

    // Trimmed, non-empty, in strictly increasing ordinal order and distinct ignoring case (pairwise: short lists only).
    private static bool IsNormal(ImmutableArray<string> tags)
    {
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = tags[i];
            if (string.IsNullOrEmpty(tag) || char.IsWhiteSpace(tag[0]) || char.IsWhiteSpace(tag[^1])
                || (i > 0 && string.CompareOrdinal(tags[i - 1], tag) >= 0))
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(tags[j], tag, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
