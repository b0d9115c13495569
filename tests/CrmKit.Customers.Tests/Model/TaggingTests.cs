using System.Collections.Immutable;

namespace CrmKit.Customers.Tests;

public class TaggingTests
{
    [Fact]
    public void Normalize_AgreesWithTrimDistinctIgnoringCaseSorted_OnRandomLists()
    {
        string[] words = ["drink", "Drink", " food", "food ", "", " ", "gift", "mẹ bỉm sữa", "Mẹ Bỉm Sữa", "a", "b", "B", "zz"];
        var random = new Random(20251130);
        for (var n = 0; n < 20_000; n++)
        {
            ImmutableArray<string> tags = [.. Enumerable.Range(0, random.Next(0, 10)).Select(_ => words[random.Next(words.Length)])];
            if (random.Next(2) == 0)
            {
                tags = [.. tags.Order(StringComparer.Ordinal)];
            }

            var expected = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
            Assert.Equal(expected, Tagging.Normalize(tags));
        }
    }
}
