// Compiled into CrmKit.Customers (mapping files, presets) and CrmKit.Cli (segment names): one rule for "did you mean".
namespace CrmKit.Customers.Import;

/// <summary>Suggests the known names nearest to an unknown one (accent- and case-insensitive edit distance).</summary>
internal static class NearestNames
{
    /// <summary>Up to <paramref name="count"/> known names within a third of the name's length in edits (or beginning with it), nearest first.</summary>
    public static IReadOnlyList<string> Of(string name, IEnumerable<string> known, int count = 3)
    {
        var folded = TextFold.ForMatching(name);
        var limit = Math.Max(2, folded.Length / 3);
        return [.. known
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => (Name: k, Distance: Near(folded, TextFold.ForMatching(k))))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)];
    }

    /// <summary><c>; nearest known: 'a', 'b'</c>, or nothing when none is near.</summary>
    public static string Hint(string name, IEnumerable<string> known)
    {
        var nearest = Of(name, known);
        return nearest.Count == 0 ? string.Empty : $" (nearest known: {string.Join(", ", nearest.Select(n => $"'{n}'"))})";
    }

    // A name cut short ('kiot' for 'kiotviet') is near whatever it begins; otherwise the edit distance.
    private static int Near(string name, string known)
        => name.Length >= 3 && known.StartsWith(name, StringComparison.Ordinal) ? 1 : Distance(name, known);

    // Optimal string alignment distance (Levenshtein with adjacent transpositions), two rows.
    private static int Distance(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
