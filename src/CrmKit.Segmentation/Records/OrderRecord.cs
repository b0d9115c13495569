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
            ProductTags = [.. order.Lines.SelectMany(l => l.Tags).Select(TextFold.ForMatching).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>A deep copy.</summary>
    public OrderRecord Clone()
    {
        var copy = (OrderRecord)MemberwiseClone();
        copy.ProductTags = [.. ProductTags];
        return copy;
    }
}
