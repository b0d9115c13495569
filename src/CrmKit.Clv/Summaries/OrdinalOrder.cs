namespace CrmKit.Clv.Summaries;

/// <summary>Sorts strings in ordinal order fast: by their first eight UTF-16 code units packed in a 128-bit key, then, among equal keys only, by the whole string.</summary>
internal static class OrdinalOrder
{
    /// <summary>The permutation that sorts the first <paramref name="count"/> <paramref name="keys"/> ordinally.</summary>
    public static int[] Of(string[] keys, int count)
    {
        var prefixes = new UInt128[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            prefixes[i] = Prefix(keys[i]);
            order[i] = i;
        }

        Array.Sort(prefixes, order);

        // Keys sharing their first eight code units (rare for customer ids) are ordered by the whole string.
        for (int start = 0, end; start < order.Length; start = end)
        {
            end = start + 1;
            while (end < order.Length && prefixes[end] == prefixes[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                order.AsSpan(start, end - start).Sort((a, b) => string.CompareOrdinal(keys[a], keys[b]));
            }
        }

        return order;
    }

    // Code units 0..7, the first in the highest 16 bits; missing ones are 0, which sorts a prefix before its
    // extensions as ordinal comparison does (a real U+0000 ties and falls back to the whole string).
    private static UInt128 Prefix(string key)
    {
        UInt128 prefix = 0;
        for (var i = 0; i < 8; i++)
        {
            prefix = (prefix << 16) | (i < key.Length ? key[i] : 0u);
        }

        return prefix;
    }
}
