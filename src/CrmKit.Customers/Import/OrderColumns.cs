using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// Column names of the orders file. Required: order id, placed at, and a total or lines (quantity and unit price).
/// The customer is named by id, phone or email; an order with none of them is a guest sale. In a line-item export
/// (one row per line, as Shopify's), the rows of one order id are one order.
/// </summary>
public sealed record OrderColumns
{
    /// <summary>Order id (required).</summary>
    public string Id { get; init; } = "order_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>The customer's name (for customers derived from orders).</summary>
    public string CustomerName { get; init; } = "customer_name";

    /// <summary>The customer's given name, joined with <see cref="CustomerLastName"/> when there is no name column.</summary>
    public string CustomerFirstName { get; init; } = "customer_first_name";

    /// <summary>The customer's family name.</summary>
    public string CustomerLastName { get; init; } = "customer_last_name";

    /// <summary>The customer's phone: joins the order to a customer when there is no customer id.</summary>
    public string CustomerPhone { get; init; } = "customer_phone";

    /// <summary>The customer's email: joins the order to a customer when there is no customer id or phone.</summary>
    public string CustomerEmail { get; init; } = "customer_email";

    /// <summary>When the order was placed (required).</summary>
    public string PlacedAt { get; init; } = "placed_at";

    /// <summary>What the customer paid; when absent, the sum of the lines.</summary>
    public string Total { get; init; } = "total";

    /// <summary>ISO 4217 currency code; the default currency when absent.</summary>
    public string Currency { get; init; } = "currency";

    /// <summary><c>completed</c>, <c>returned</c> or <c>cancelled</c>; completed when absent.</summary>
    public string Status { get; init; } = "status";

    /// <summary>A yes/no flag that marks the order returned whatever its status (Sapo's return status column).</summary>
    public string Returned { get; init; } = "returned";

    /// <summary>A yes/no flag that marks the order cancelled whatever its status (Haravan's cancel status column).</summary>
    public string Cancelled { get; init; } = "cancelled";

    /// <summary>Sales channel (<c>in_store</c>, <c>website</c>, <c>marketplace</c> …).</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Line-item exports: the line's stock-keeping unit.</summary>
    public string Sku { get; init; } = "sku";

    /// <summary>Line-item exports: the line's product name.</summary>
    public string ProductName { get; init; } = "product_name";

    /// <summary>Line-item exports: the line's quantity.</summary>
    public string Quantity { get; init; } = "quantity";

    /// <summary>Line-item exports: the line's unit price.</summary>
    public string UnitPrice { get; init; } = "unit_price";

    /// <summary>Line-item exports: the line's amount (quantity × unit price after line discounts).</summary>
    public string LineTotal { get; init; } = "line_total";
}
