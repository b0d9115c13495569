using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>One order in a <see cref="CustomerRecord"/>.</summary>
public sealed class OrderRecord
{
    /// <summary>The order's identifier.</summary>
    public string Id { get; set; } = "";

    /// <summary>When the order was placed.</summary>
    public Instant PlacedAt { get; set; }

    /// <summary>The order total.</summary>
    public decimal Amount { get; set; }

    /// <summary>Completed, returned or cancelled.</summary>
    public OrderStatus Status { get; set; }

    /// <summary>The sales channel, if known.</summary>
    public SalesChannel? Channel { get; set; }

    /// <summary>The folded product tags of the order's lines (distinct).</summary>
    public List<string> ProductTags { get; set; } = [];

    /// <summary>The record of an order.</summary>
    public static OrderRecord From(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderRecord
        {
            Id = order.Id.Value,
            PlacedAt = order.PlacedAt,
            Amount = order.Total.Amount,
            Status = order.Status,
            Channel = order.Channel,
            ProductTags = FoldedTags(order),
        };
    }

    /// <summary>
    /// The lines' tags folded, distinct, in ordinal order. Loops, not LINQ: this runs for every order the live engine
    /// handles, and a few tags an order do not repay the iterators, hash set and sort buffers of a query.
    /// </summary>
    private static List<string> FoldedTags(Order order)
    {
        var tags = new List<string>();
        foreach (var line in order.Lines)
        {
            if (line.Tags.IsDefault)
            {
                continue;
            }

            foreach (var tag in line.Tags)
            {
                var folded = TextFold.ForMatching(tag);
                if (!tags.Contains(folded))
                {
                    tags.Add(folded);
                }
            }
        }

        if (tags.Count > 1)
        {
            // A static method's delegate is cached; Sort(IComparer) would wrap the comparer in a new one every call.
            tags.Sort(string.CompareOrdinal);
        }

        return tags;
    }

    /// <summary>A deep copy.</summary>
    public OrderRecord Clone()
    {
        var copy = (OrderRecord)MemberwiseClone();
        copy.ProductTags = [.. ProductTags];
        return copy;
    }
}
