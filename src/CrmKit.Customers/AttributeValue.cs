using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Customers;

/// <summary>
/// A typed value of a shop-defined customer attribute (<c>"loyalty_card": text</c>,
/// <c>"skin_type": text</c>, <c>"children": number</c>, <c>"wedding_day": date</c>).
/// </summary>
public readonly record struct AttributeValue
{
    private readonly string? _text;
    private readonly decimal _number;
    private readonly LocalDate _date;
    private readonly Instant _instant;

    private AttributeValue(AttributeKind kind, string? text = null, decimal number = 0m, LocalDate date = default, Instant instant = default)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _date = date;
        _instant = instant;
    }

    /// <summary>The value's type.</summary>
    public AttributeKind Kind { get; }

    /// <summary>
    /// Whether this is <c>default(AttributeValue)</c>, which no factory returns (a text value without text): it would
    /// be written to JSON as <c>{"text":null}</c>, which does not read back, so customers refuse it.
    /// </summary>
    internal bool IsDefault => Kind == AttributeKind.Text && _text is null;

    /// <summary>A text value.</summary>
    public static AttributeValue Text(string value) => new(AttributeKind.Text, text: value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A number value.</summary>
    public static AttributeValue Number(decimal value) => new(AttributeKind.Number, number: value);

    /// <summary>A boolean value.</summary>
    public static AttributeValue Boolean(bool value) => new(AttributeKind.Boolean, number: value ? 1m : 0m);

    /// <summary>A date value.</summary>
    public static AttributeValue Date(LocalDate value) => new(AttributeKind.Date, date: value);

    /// <summary>An instant value.</summary>
    public static AttributeValue Instant(Instant value) => new(AttributeKind.Instant, instant: value);

    /// <summary>The text; throws unless <see cref="Kind"/> is <see cref="AttributeKind.Text"/>.</summary>
    public string AsText() => Kind == AttributeKind.Text ? _text! : throw WrongKind(AttributeKind.Text);

    /// <summary>The number; throws unless <see cref="Kind"/> is <see cref="AttributeKind.Number"/>.</summary>
    public decimal AsNumber() => Kind == AttributeKind.Number ? _number : throw WrongKind(AttributeKind.Number);

    /// <summary>The boolean; throws unless <see cref="Kind"/> is <see cref="AttributeKind.Boolean"/>.</summary>
    public bool AsBoolean() => Kind == AttributeKind.Boolean ? _number != 0m : throw WrongKind(AttributeKind.Boolean);

    /// <summary>The date; throws unless <see cref="Kind"/> is <see cref="AttributeKind.Date"/>.</summary>
    public LocalDate AsDate() => Kind == AttributeKind.Date ? _date : throw WrongKind(AttributeKind.Date);

    /// <summary>The instant; throws unless <see cref="Kind"/> is <see cref="AttributeKind.Instant"/>.</summary>
    public Instant AsInstant() => Kind == AttributeKind.Instant ? _instant : throw WrongKind(AttributeKind.Instant);

    /// <summary>The value in invariant text: ISO dates and instants, <c>true</c>/<c>false</c>.</summary>
    public override string ToString() => Kind switch
    {
        AttributeKind.Text => _text ?? string.Empty,
        AttributeKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Boolean => _number != 0m ? "true" : "false",
        AttributeKind.Date => LocalDatePattern.Iso.Format(_date),
        _ => InstantPattern.ExtendedIso.Format(_instant),
    };

    private InvalidOperationException WrongKind(AttributeKind wanted)
        => new($"The attribute value is {Kind}, not {wanted}.");
}
