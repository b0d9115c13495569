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
}
