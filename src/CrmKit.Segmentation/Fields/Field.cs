using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>A field reference: what a condition reads, with its parameters.</summary>
public sealed record Field
{
    private Field(FieldKind kind, FieldType type, string? attribute = null, AttributeKind? attributeKind = null, ContactChannel? channel = null, ContactPurpose? purpose = null, OrderFilter? orders = null)
    {
        Kind = kind;
        Type = type;
        AttributeName = attribute;
        AttributeKind = attributeKind;
        Channel = channel;
        Purpose = purpose;
        Orders = orders;
    }

    /// <summary>What the field reads.</summary>
    public FieldKind Kind { get; }

    /// <summary>The type of its value.</summary>
    public FieldType Type { get; }

    /// <summary>For <see cref="FieldKind.Attribute"/>: the attribute's name.</summary>
    public string? AttributeName { get; }

    /// <summary>For <see cref="FieldKind.Attribute"/>: the attribute's declared kind.</summary>
    public AttributeKind? AttributeKind { get; }

    /// <summary>For <see cref="FieldKind.Consent"/>: the channel.</summary>
    public ContactChannel? Channel { get; }

    /// <summary>For <see cref="FieldKind.Consent"/>: the purpose.</summary>
    public ContactPurpose? Purpose { get; }

    /// <summary>For order fields: which orders.</summary>
    public OrderFilter? Orders { get; }

    /// <summary>The name used in JSON (<c>orders.count</c>, <c>attributes.points</c>, <c>consent.zalo.marketing</c>).</summary>
    public string Name => Definition.Reading switch
    {
        FieldReading.Attribute => "attributes." + AttributeName,
        FieldReading.Consent => $"consent.{Json.Camel(Channel!.Value.ToString())}.{Json.Camel(Purpose!.Value.ToString())}",
        _ => Definition.Name,
    };

    /// <summary>Whether the field reads orders.</summary>
    public bool IsOrderField => Definition.IsOrderField;

    /// <summary>Whether the field's value is always set (counts, sums, enums that always exist).</summary>
    public bool IsAlwaysSet => Definition.AlwaysSet;

    /// <summary>For <see cref="FieldType.Choice"/> fields: the enum type whose names are the choices.</summary>
    public Type? ChoiceType => Definition.ChoiceType;

    /// <summary>The field's row of the field table.</summary>
    internal FieldDefinition Definition => FieldTable.Of(Kind);

    /// <summary>A field without parameters (any kind except attributes, consent and order fields).</summary>
    /// <exception cref="ArgumentException">The kind needs parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public static Field Of(FieldKind kind)
    {
        var definition = FieldTable.Of(kind);
        if (definition.NeedsParameters)
        {
            throw new ArgumentException($"Field '{kind}' needs parameters; use {(kind == FieldKind.Attribute ? nameof(Attribute) : kind == FieldKind.Consent ? nameof(Consent) : nameof(Order))}.", nameof(kind));
        }

        return new(kind, definition.Type);
    }

    /// <summary>An order field (<c>orders.count</c>, <c>daysSinceLastOrder</c>, …) over the given orders.</summary>
    public static Field Order(FieldKind kind, OrderFilter? filter = null)
    {
        if (!FieldTable.Of(kind).IsOrderField)
        {
            throw new ArgumentException($"'{kind}' is not an order field.", nameof(kind));
        }

        filter ??= OrderFilter.Completed;
        if (filter.Days is { } d && (d < 1 || !FieldTable.Of(kind).TakesWindow))
        {
            throw new ArgumentException(d < 1 ? $"A window of {d} days is not positive." : $"'{FieldTable.Of(kind).Name}' does not take a window.", nameof(filter));
        }

        return new(kind, FieldType.Number, orders: filter);
    }

    /// <summary>A shop-defined attribute of a declared kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="Customers.AttributeKind"/>.</exception>
    public static Field Attribute(string name, AttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var type = kind switch
        {
            Customers.AttributeKind.Text => FieldType.Text,
            Customers.AttributeKind.Number => FieldType.Number,
            Customers.AttributeKind.Boolean => FieldType.Boolean,
            Customers.AttributeKind.Date => FieldType.Date,
            Customers.AttributeKind.Instant => FieldType.Instant,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{(int)kind} is not a defined attribute kind."),
        };
        return new(FieldKind.Attribute, type, attribute: name, attributeKind: kind);
    }

    /// <summary>The consent for a channel and purpose.</summary>
    public static Field Consent(ContactChannel channel, ContactPurpose purpose) => new(FieldKind.Consent, FieldType.Boolean, channel: channel, purpose: purpose);

    /// <summary>A human description, e.g. <c>orders.count in last 90 days (completed)</c>.</summary>
    public override string ToString() => Orders is { } f ? Name + f.Describe() : Name;
}
