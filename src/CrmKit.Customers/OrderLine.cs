using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>One line of an order: a product, a quantity and a unit price.</summary>
public sealed record OrderLine
{
    /// <summary>Creates a line.</summary>
    public OrderLine(string sku, int quantity, Money unitPrice, string? productName = null, ImmutableArray<string> tags = default)
    {
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
        ProductName = productName;
        Tags = tags;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private OrderLine()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The product's stock-keeping unit.</summary>
    [JsonRequired]
    public string Sku { get; init => field = Guard.NotBlank(value, "sku"); }

    /// <summary>How many units; at least 1.</summary>
    [JsonRequired]
    public int Quantity { get; init => field = value >= 1 ? value : throw new InvalidValueException("quantity", $"{value} is not a positive quantity."); }

    /// <summary>The price of one unit; not negative.</summary>
    [JsonRequired]
    public Money UnitPrice { get; init => field = !value.IsNegative ? Guard.Amount(value, "unit price") : throw new InvalidValueException("unit price", $"{value} is negative."); }

    /// <summary>The product's name, if known.</summary>
    public string? ProductName { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Product tags or categories (<c>cosmetics</c>, <c>gift</c>), normalised like customer tags.</summary>
    public ImmutableArray<string> Tags { get; init => field = Tagging.Normalize(value); }

    /// <summary>Quantity × unit price.</summary>
    [JsonIgnore]
    public Money Amount => UnitPrice * Quantity;

    /// <inheritdoc/>
    public bool Equals(OrderLine? other)
        => other is not null && Sku == other.Sku && Quantity == other.Quantity && UnitPrice == other.UnitPrice
           && ProductName == other.ProductName && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sku, Quantity, UnitPrice);
}
