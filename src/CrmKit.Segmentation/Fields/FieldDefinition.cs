using System.Linq.Expressions;
using System.Reflection;

namespace CrmKit.Segmentation;

/// <summary>One row of <see cref="FieldTable"/>: everything CrmKit knows about a field kind, declared once.</summary>
internal sealed class FieldDefinition
{
    private Func<CustomerRecord, object?>? _read;

    /// <param name="kind">The kind.</param>
    /// <param name="name">The JSON name (the prefix for attributes and consent).</param>
    /// <param name="type">The value type (for attributes, each attribute's declared kind decides instead).</param>
    /// <param name="reading">How evaluators obtain the value.</param>
    /// <param name="property">The <see cref="CustomerRecord"/> property the value comes from (for record readings).</param>
    /// <param name="notSetWhen">When the value is not set, for the docs ("never" for always-set fields).</param>
    public FieldDefinition(FieldKind kind, string name, FieldType type, FieldReading reading, string? property, string notSetWhen)
    {
        Kind = kind;
        Name = name;
        Type = type;
        Reading = reading;
        Property = property;
        NotSetWhen = notSetWhen;
        if (property is not null)
        {
            PropertyInfo = typeof(CustomerRecord).GetProperty(property)
                ?? throw new InvalidOperationException($"Field '{name}': CustomerRecord has no property '{property}'.");
        }

        if (reading == FieldReading.Choice)
        {
            ChoiceType = System.Nullable.GetUnderlyingType(PropertyInfo!.PropertyType) ?? PropertyInfo.PropertyType;
        }
    }

    /// <summary>The kind.</summary>
    public FieldKind Kind { get; }

    /// <summary>The JSON name; for attributes and consent the prefix before the parameters.</summary>
    public string Name { get; }

    /// <summary>The value type, which decides the operators.</summary>
    public FieldType Type { get; }

    /// <summary>How evaluators obtain the value.</summary>
    public FieldReading Reading { get; }

    /// <summary>The <see cref="CustomerRecord"/> property read, or null (tags, attributes, consent, orders).</summary>
    public string? Property { get; }

    /// <summary>The property read, or null.</summary>
    public PropertyInfo? PropertyInfo { get; }

    /// <summary>For <see cref="FieldReading.Text"/>: the property holding the folded text.</summary>
    public string? KeyProperty { get; init; }

    /// <summary>For choices: the enum whose names are the choices (the property's type).</summary>
    public Type? ChoiceType { get; }

    /// <summary>Whether the value is always set (counts, sums, enums that always exist).</summary>
    public bool AlwaysSet { get; init; }

    /// <summary>For order fields: whether the field takes a <c>days</c> window.</summary>
    public bool TakesWindow { get; init; }

    /// <summary>The name shown in the docs' field table when it differs from <see cref="Name"/>.</summary>
    public string? DocsName { get; init; }

    /// <summary>The docs' "Type" column (choices list their names themselves).</summary>
    public string? DocsType { get; init; }

    /// <summary>The docs' "Not set when" column.</summary>
    public string NotSetWhen { get; }

    /// <summary>Whether the field reads orders (and takes an <see cref="OrderFilter"/>).</summary>
    public bool IsOrderField => Reading is FieldReading.OrderCount or FieldReading.OrderSum or FieldReading.OrderAverage or FieldReading.OrderMax
        or FieldReading.DaysSinceFirstOrder or FieldReading.DaysSinceLastOrder or FieldReading.FirstOrderAmount;

    /// <summary>Whether <see cref="Field.Of"/> cannot build the field (attributes, consent and order fields take parameters).</summary>
    public bool NeedsParameters => Reading is FieldReading.Attribute or FieldReading.Consent || IsOrderField;

    /// <summary>The property's value, boxed (for the interpreter; compiled once).</summary>
    public object? Read(CustomerRecord record)
    {
        if (_read is null)
        {
            var r = Expression.Parameter(typeof(CustomerRecord), "r");
            _read = Expression.Lambda<Func<CustomerRecord, object?>>(Expression.Convert(Expression.Property(r, PropertyInfo!), typeof(object)), r).Compile();
        }

        return _read(record);
    }

    /// <summary>The docs' "Type" column.</summary>
    public string DocsTypeText => DocsType ?? (ChoiceType is { } t ? "choice: " + string.Join(", ", Choices.Names(t).Select(n => $"`{n}`")) : Type.ToString().ToLowerInvariant());
}
