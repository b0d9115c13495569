using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the order lines file. Required: order id, sku, quantity, unit price.</summary>
public sealed record OrderLineColumns
{
    /// <summary>Order id (required).</summary>
    public string OrderId { get; init; } = "order_id";

    /// <summary>Stock-keeping unit (required).</summary>
    public string Sku { get; init; } = "sku";

    /// <summary>Product name.</summary>
    public string ProductName { get; init; } = "product_name";

    /// <summary>Quantity (required).</summary>
    public string Quantity { get; init; } = "quantity";

    /// <summary>Unit price, in the order's currency (required).</summary>
    public string UnitPrice { get; init; } = "unit_price";

    /// <summary>Product tags, separated by the list separator.</summary>
    public string Tags { get; init; } = "tags";
}
