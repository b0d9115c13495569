using System.Diagnostics;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>One shop-defined attribute in a <see cref="CustomerRecord"/>: the column of its kind is set.</summary>
public sealed class AttributeRecord
{
    /// <summary>The attribute's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value's kind.</summary>
    public AttributeKind Kind { get; set; }

    /// <summary>A text value.</summary>
    public string? Text { get; set; }

    /// <summary>A text value folded for matching.</summary>
    public string? TextKey { get; set; }

    /// <summary>A number, or 1/0 for a boolean.</summary>
    public decimal? Number { get; set; }

    /// <summary>A date value.</summary>
    public LocalDate? Date { get; set; }

    /// <summary>An instant value.</summary>
    public Instant? Instant { get; set; }

    /// <summary>The record of an attribute.</summary>
    public static AttributeRecord From(string name, AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return value.Kind switch
        {
            AttributeKind.Text => new() { Name = name, Kind = value.Kind, Text = value.AsText(), TextKey = TextFold.ForMatching(value.AsText()) },
            AttributeKind.Number => new() { Name = name, Kind = value.Kind, Number = value.AsNumber() },
            AttributeKind.Boolean => new() { Name = name, Kind = value.Kind, Number = value.AsBoolean() ? 1m : 0m },
            AttributeKind.Date => new() { Name = name, Kind = value.Kind, Date = value.AsDate() },
            AttributeKind.Instant => new() { Name = name, Kind = value.Kind, Instant = value.AsInstant() },
            _ => throw new UnreachableException($"Attribute value kind {value.Kind}."),
        };
    }

    /// <summary>A copy.</summary>
    public AttributeRecord Clone() => (AttributeRecord)MemberwiseClone();
}
