using System.Collections.Frozen;
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
    public string Name => Kind switch
    {
        FieldKind.Attribute => "attributes." + AttributeName,
        FieldKind.Consent => $"consent.{Json.Camel(Channel!.Value.ToString())}.{Json.Camel(Purpose!.Value.ToString())}",
        _ => Names[Kind],
    };

    /// <summary>Whether the field reads orders.</summary>
    public bool IsOrderField => Kind is >= FieldKind.OrderCount and <= FieldKind.FirstOrderAmount;

    /// <summary>Whether the field's value is always set (counts, sums, enums that always exist).</summary>
    public bool IsAlwaysSet => Kind is FieldKind.Kind or FieldKind.Stage or FieldKind.Tags or FieldKind.DaysSinceCreated
        or FieldKind.DaysUntilAnniversary or FieldKind.OrderCount or FieldKind.OrderSum;

    /// <summary>For <see cref="FieldType.Choice"/> fields: the enum type whose names are the choices.</summary>
    public Type? ChoiceType => Kind switch
    {
        FieldKind.Kind => typeof(CustomerKind),
        FieldKind.Gender => typeof(Gender),
        FieldKind.IncomeTier => typeof(IncomeTier),
        FieldKind.Area => typeof(AreaType),
        FieldKind.Source => typeof(AcquisitionSource),
        FieldKind.Stage => typeof(LifecycleStage),
        _ => null,
    };

    /// <summary>A field without parameters (any kind except attributes, consent and order fields).</summary>
    public static Field Of(FieldKind kind)
    {
        if (kind is FieldKind.Attribute or FieldKind.Consent || kind is >= FieldKind.OrderCount and <= FieldKind.FirstOrderAmount)
        {
            throw new ArgumentException($"Field '{kind}' needs parameters; use {(kind == FieldKind.Attribute ? nameof(Attribute) : kind == FieldKind.Consent ? nameof(Consent) : nameof(Order))}.", nameof(kind));
        }

        return new(kind, TypeOf(kind));
    }

    /// <summary>An order field (<c>orders.count</c>, <c>daysSinceLastOrder</c>, …) over the given orders.</summary>
    public static Field Order(FieldKind kind, OrderFilter? filter = null)
    {
        if (kind is not (>= FieldKind.OrderCount and <= FieldKind.FirstOrderAmount))
        {
            throw new ArgumentException($"'{kind}' is not an order field.", nameof(kind));
        }

        filter ??= OrderFilter.Completed;
        if (filter.Days is { } d && (d < 1 || kind is FieldKind.DaysSinceFirstOrder or FieldKind.DaysSinceLastOrder or FieldKind.FirstOrderAmount))
        {
            throw new ArgumentException(d < 1 ? $"A window of {d} days is not positive." : $"'{Names[kind]}' does not take a window.", nameof(filter));
        }

        return new(kind, FieldType.Number, orders: filter);
    }

    /// <summary>A shop-defined attribute of a declared kind.</summary>
    public static Field Attribute(string name, AttributeKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var type = kind switch
        {
            Customers.AttributeKind.Text => FieldType.Text,
            Customers.AttributeKind.Number => FieldType.Number,
            Customers.AttributeKind.Boolean => FieldType.Boolean,
            Customers.AttributeKind.Date => FieldType.Date,
            _ => FieldType.Instant,
        };
        return new(FieldKind.Attribute, type, attribute: name, attributeKind: kind);
    }

    /// <summary>The consent for a channel and purpose.</summary>
    public static Field Consent(ContactChannel channel, ContactPurpose purpose) => new(FieldKind.Consent, FieldType.Boolean, channel: channel, purpose: purpose);

    /// <summary>A human description, e.g. <c>orders.count in last 90 days (completed)</c>.</summary>
    public override string ToString() => Orders is { } f ? Name + f.Describe() : Name;

    internal static readonly FrozenDictionary<FieldKind, string> Names = new Dictionary<FieldKind, string>
    {
        [FieldKind.Kind] = "kind",
        [FieldKind.Gender] = "gender",
        [FieldKind.Age] = "age",
        [FieldKind.BirthDate] = "birthDate",
        [FieldKind.IncomeTier] = "incomeTier",
        [FieldKind.Province] = "province",
        [FieldKind.Area] = "area",
        [FieldKind.Source] = "source",
        [FieldKind.Stage] = "stage",
        [FieldKind.Tags] = "tags",
        [FieldKind.Attribute] = "attributes",
        [FieldKind.Consent] = "consent",
        [FieldKind.DaysSinceCreated] = "daysSinceCreated",
        [FieldKind.DaysUntilBirthday] = "daysUntilBirthday",
        [FieldKind.DaysUntilAnniversary] = "daysUntilAnniversary",
        [FieldKind.OrderCount] = "orders.count",
        [FieldKind.OrderSum] = "orders.sum",
        [FieldKind.OrderAverage] = "orders.average",
        [FieldKind.OrderMax] = "orders.max",
        [FieldKind.DaysSinceFirstOrder] = "daysSinceFirstOrder",
        [FieldKind.DaysSinceLastOrder] = "daysSinceLastOrder",
        [FieldKind.FirstOrderAmount] = "firstOrderAmount",
        [FieldKind.RfmRecency] = "rfm.recency",
        [FieldKind.RfmFrequency] = "rfm.frequency",
        [FieldKind.RfmMonetary] = "rfm.monetary",
        [FieldKind.ValueTier] = "value.tier",
        [FieldKind.ProbabilityAlive] = "clv.probabilityAlive",
        [FieldKind.ExpectedPurchases] = "clv.expectedPurchases",
        [FieldKind.PredictedValue] = "clv.predictedValue",
    }.ToFrozenDictionary();

    internal static FieldType TypeOf(FieldKind kind) => kind switch
    {
        FieldKind.Kind or FieldKind.Gender or FieldKind.IncomeTier or FieldKind.Area or FieldKind.Source or FieldKind.Stage => FieldType.Choice,
        FieldKind.Province => FieldType.Text,
        FieldKind.BirthDate => FieldType.Date,
        FieldKind.Tags => FieldType.TagSet,
        FieldKind.Consent => FieldType.Boolean,
        _ => FieldType.Number,
    };
}
