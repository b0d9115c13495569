using CrmKit.Customers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.CareProcess;

/// <summary>
/// A typed value carried by a trigger parameter or an instance's data (a ticket's priority, a warranty decision,
/// a customer's birthday). Immutable; compares by kind and value.
/// </summary>
[JsonConverter(typeof(ProcessValueJsonConverter))]
public readonly record struct ProcessValue
{
    private ProcessValue(ValueKind kind, string? text, decimal number, LocalDate date)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Date = date;
    }

    /// <summary>The kind.</summary>
    public ValueKind Kind { get; }

    /// <summary>The text, for <see cref="ValueKind.Text"/>.</summary>
    public string? Text { get; }

    /// <summary>The number (1 or 0 for booleans).</summary>
    public decimal Number { get; }

    /// <summary>The date, for <see cref="ValueKind.Date"/>.</summary>
    public LocalDate Date { get; }

    /// <summary>The boolean, for <see cref="ValueKind.Boolean"/>.</summary>
    public bool Boolean => Kind == ValueKind.Boolean && Number != 0;

    /// <summary>
    /// Whether this is <c>default(ProcessValue)</c>, which no <c>Of</c> factory returns: a text value without text. It
    /// cannot be written as JSON that reads back, so the engine rejects it wherever a value enters an instance.
    /// </summary>
    internal bool IsEmpty => Kind == ValueKind.Text && Text is null;

    /// <summary>The message for a value without content.</summary>
    internal const string EmptyMessage = "has no content (default(ProcessValue)); create values with ProcessValue.Of";

    /// <summary>A text value.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="ArgumentException">
    /// The text is not well-formed UTF-16 (a lone surrogate, e.g. a string cut in the middle of an emoji): JSON would
    /// store it as U+FFFD and read back another value.
    /// </exception>
    public static ProcessValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IllFormedAt(text) is { } at
            ? throw new ArgumentException($"The text has a lone surrogate at index {at} (U+{(int)text[at]:X4}); it is not well-formed UTF-16 and could not be stored as JSON.", nameof(text))
            : new(ValueKind.Text, text, 0, default);
    }

    /// <summary>The index of the first lone surrogate in <paramref name="text"/>, or null when it is well-formed UTF-16.</summary>
    internal static int? IllFormedAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>A number.</summary>
    public static ProcessValue Of(decimal number) => new(ValueKind.Number, null, number, default);

    /// <summary>A boolean.</summary>
    public static ProcessValue Of(bool value) => new(ValueKind.Boolean, null, value ? 1 : 0, default);

    /// <summary>A date.</summary>
    public static ProcessValue Of(LocalDate date) => new(ValueKind.Date, null, 0, date);

    /// <summary>Orders two values of the same kind (numbers and dates; text ordinally; false before true).</summary>
    /// <exception cref="ArgumentException">The kinds differ.</exception>
    public int CompareTo(ProcessValue other)
    {
        if (other.Kind != Kind)
        {
            throw new ArgumentException($"Cannot compare a {Kind} value with a {other.Kind} value.", nameof(other));
        }

        return Kind switch
        {
            ValueKind.Text => string.CompareOrdinal(Text, other.Text),
            ValueKind.Date => Date.CompareTo(other.Date),
            _ => Number.CompareTo(other.Number),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ValueKind.Text => Text!,
        ValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Boolean => Boolean ? "true" : "false",
        _ => LocalDatePattern.Iso.Format(Date),
    };
}

/// <summary>JSON for <see cref="ProcessValue"/>: a string, a number, true/false, or <c>{"date": "2026-02-17"}</c>.</summary>
internal sealed class ProcessValueJsonConverter : JsonConverter<ProcessValue>
{
    public override ProcessValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ProcessValue.Of(reader.GetString()!);
            case JsonTokenType.Number:
                return ProcessValue.Of(ExactDecimal.Get(ref reader));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return ProcessValue.Of(reader.GetBoolean());
            case JsonTokenType.StartObject:
                reader.Read();
                if (reader.TokenType != JsonTokenType.PropertyName || reader.GetString() != "date")
                {
                    throw new JsonException("A value object must be {\"date\": \"yyyy-MM-dd\"}.");
                }

                reader.Read();
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : "";
                var parsed = LocalDatePattern.Iso.Parse(text);
                if (!parsed.Success)
                {
                    throw new JsonException($"'{text}' is not a date (yyyy-MM-dd).");
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.EndObject)
                {
                    throw new JsonException("A value object must be {\"date\": \"yyyy-MM-dd\"}.");
                }

                return ProcessValue.Of(parsed.Value);
            default:
                throw new JsonException($"Expected a text, number, boolean or {{\"date\": …}} value, got {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ProcessValue value, JsonSerializerOptions options)
    {
        switch (value.Kind)
        {
            case ValueKind.Text:
                writer.WriteStringValue(value.Text ?? throw new JsonException($"A value {ProcessValue.EmptyMessage}."));
                break;
            case ValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case ValueKind.Boolean:
                writer.WriteBooleanValue(value.Boolean);
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("date", LocalDatePattern.Iso.Format(value.Date));
                writer.WriteEndObject();
                break;
        }
    }
}
