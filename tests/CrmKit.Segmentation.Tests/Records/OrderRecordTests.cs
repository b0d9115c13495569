using CrmKit.Customers;

namespace CrmKit.Segmentation.Tests;

public sealed class OrderRecordTests
{
    private static Order OrderWith(params string[][] lineTags) => new()
    {
        Id = new OrderId("HD0001"),
        CustomerId = new CustomerId("KH0001"),
        PlacedAt = Instant.FromUtc(2026, 1, 20, 3, 0),
        Total = Money.Vnd(450_000),
        Channel = SalesChannel.Website,
        Lines = [.. lineTags.Select((tags, i) => new OrderLine($"SKU{i}", 1, Money.Vnd(150_000), tags: [.. tags]))],
    };

    [Fact]
    public void From_TagsOfAllLines_FoldedDistinctInOrdinalOrder()
    {
        // Folded by hand: "Áo Dài" → "ao dai", "GIFT" → "gift", "Tết 2026" → "tet 2026", "2026" stays; "gift" twice and
        // "ao dai" twice collapse; ordinal order puts the digit first.
        var record = OrderRecord.From(OrderWith(["Áo Dài", "gift", "Tết 2026"], ["GIFT", "ao dai", "2026"], []));

        Assert.Equal(["2026", "ao dai", "gift", "tet 2026"], record.ProductTags);
        Assert.Equal("HD0001", record.Id);
        Assert.Equal(450_000m, record.Amount);
        Assert.Equal(SalesChannel.Website, record.Channel);
    }

    [Fact]
    public void From_NoLinesOrNoTags_NoTags()
    {
        Assert.Empty(OrderRecord.From(OrderWith()).ProductTags);
        Assert.Empty(OrderRecord.From(OrderWith([], [])).ProductTags);
    }
}
