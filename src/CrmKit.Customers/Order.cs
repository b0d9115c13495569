using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// An order placed by a customer. <see cref="Total"/> is what the customer paid (after discounts, with
/// shipping); it need not equal the sum of the lines, and lines may be absent when a shop exports only totals.
/// </summary>
public sealed record Order
{
    /// <summary>The order's identifier, unique in the shop.</summary>
    public required OrderId Id { get; init => field = Guard.Set(value, "order id"); }

    /// <summary>The customer who placed it.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was placed.</summary>
    public required Instant PlacedAt { get; init => field = Guard.Time(value, "placed at"); }

    /// <summary>What the customer paid; not negative.</summary>
    public required Money Total
    {
        get;
        init => field = value.Currency.Code is null ? throw new InvalidValueException("order total", "has no currency.")
            : !value.IsNegative ? Guard.Amount(value, "order total") : throw new InvalidValueException("order total", $"{value} is negative.", "Record a return as an order with status Returned.");
    }

    /// <summary>Completed, returned or cancelled. Default: completed.</summary>
    public OrderStatus Status { get; init => field = Guard.Defined(value, "order status"); }

    /// <summary>Where the order was placed, if known.</summary>
    public SalesChannel? Channel { get; init => field = Guard.Defined(value, "sales channel"); }

    /// <summary>The order's lines, if known; all in the currency of <see cref="Total"/>.</summary>
    public ImmutableArray<OrderLine> Lines
    {
        get;
        init
        {
            var lines = Guard.OrEmpty(value);
            foreach (var line in lines)
            {
                ArgumentNullException.ThrowIfNull(line, nameof(Lines));
            }

            field = lines;
        }
    } = [];

    /// <summary>Whether the order counts as revenue (completed, not returned or cancelled).</summary>
    [JsonIgnore]
    public bool IsRevenue => Status == OrderStatus.Completed;

    /// <summary>Returns a copy with another status.</summary>
    public Order WithStatus(OrderStatus status) => this with { Status = status };

    /// <inheritdoc/>
    public bool Equals(Order? other)
        => other is not null && Id == other.Id && CustomerId == other.CustomerId && PlacedAt == other.PlacedAt
           && Total == other.Total && Status == other.Status && Channel == other.Channel && Lines.SequenceEqual(other.Lines);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, CustomerId, PlacedAt, Total, Status);

    internal void CheckLineCurrencies()
    {
        foreach (var line in Lines)
        {
            if (line.UnitPrice.Currency != Total.Currency)
            {
                throw new CurrencyMismatchException(Total.Currency, line.UnitPrice.Currency, $"mix in order '{Id}'");
            }
        }
    }
}
