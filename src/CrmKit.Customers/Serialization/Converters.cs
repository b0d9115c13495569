using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Customers.Serialization;

/// <summary>Base of the converters of values written as one JSON string; invalid text becomes a <see cref="JsonException"/> (which System.Text.Json completes with the path).</summary>
internal abstract class StringValueJsonConverter<T> : JsonConverter<T>
{
    protected abstract T Parse(string text);

    protected abstract string Format(T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        return ParseOrThrow(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ParseOrThrow(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Format(value));

    private T ParseOrThrow(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (InvalidValueException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}

internal sealed class IdentifierJsonConverter<T> : StringValueJsonConverter<T>
    where T : struct, IIdentifier<T>
{
    protected override T Parse(string text) => T.Parse(text);

    protected override string Format(T value) => value.Value;
}

internal sealed class PhoneNumberJsonConverter : StringValueJsonConverter<PhoneNumber>
{
    protected override PhoneNumber Parse(string text) => PhoneNumber.Parse(text);

    protected override string Format(PhoneNumber value) => value.E164;
}

internal sealed class EmailAddressJsonConverter : StringValueJsonConverter<EmailAddress>
{
    protected override EmailAddress Parse(string text) => EmailAddress.Parse(text);

    protected override string Format(EmailAddress value) => value.Value;
}

internal sealed class CurrencyJsonConverter : StringValueJsonConverter<Currency>
{
    protected override Currency Parse(string text) => Currency.FromCode(text);

    protected override string Format(Currency value) => value.Code;
}

/// <summary><c>{"amount": 150000, "currency": "VND"}</c>.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an object {\"amount\": …, \"currency\": …}");
        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount":
                    amount = reader.TokenType == JsonTokenType.Number ? ExactDecimal.Get(ref reader) : throw new JsonException("'amount' must be a number.");
                    break;
                case "currency":
                    try
                    {
                        currency = Currency.FromCode(reader.GetString() ?? string.Empty);
                    }
                    catch (InvalidValueException ex)
                    {
                        throw new JsonException(ex.Message, ex);
                    }

                    break;
                default:
                    throw new JsonException($"Unknown property '{name}' in money; expected 'amount' and 'currency'.");
            }
        }

        return amount is { } a && currency is { } c
            ? new Money(a, c)
            : throw new JsonException($"Money needs both 'amount' and 'currency'; '{(amount is null ? "amount" : "currency")}' is missing.");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {what}, found {reader.TokenType}.");
        }
    }
}

/// <summary>One property naming the kind: <c>{"text": "dry"}</c>, <c>{"number": 2}</c>, <c>{"boolean": true}</c>, <c>{"date": "2020-05-01"}</c>, <c>{"instant": "…Z"}</c>.</summary>
internal sealed class AttributeValueJsonConverter : JsonConverter<AttributeValue>
{
    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        MoneyJsonConverter.Expect(ref reader, JsonTokenType.StartObject, "an object with one of 'text', 'number', 'boolean', 'date', 'instant'");
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("An attribute value needs one of 'text', 'number', 'boolean', 'date', 'instant'.");
        }

        var kind = reader.GetString();
        reader.Read();
        var value = kind switch
        {
            "text" when reader.TokenType == JsonTokenType.String => AttributeValue.Text(reader.GetString()!),
            "number" when reader.TokenType == JsonTokenType.Number => AttributeValue.Number(ExactDecimal.Get(ref reader)),
            "boolean" when reader.TokenType is JsonTokenType.True or JsonTokenType.False => AttributeValue.Boolean(reader.GetBoolean()),
            "date" when reader.TokenType == JsonTokenType.String => AttributeValue.Date(ParseOrThrow(LocalDatePattern.Iso, reader.GetString()!)),
            "instant" when reader.TokenType == JsonTokenType.String => AttributeValue.Instant(ParseOrThrow(InstantPattern.ExtendedIso, reader.GetString()!)),
            "text" or "number" or "boolean" or "date" or "instant" => throw new JsonException($"An attribute of kind '{kind}' cannot hold a {reader.TokenType}."),
            _ => throw new JsonException($"Unknown attribute kind '{kind}'; expected 'text', 'number', 'boolean', 'date' or 'instant'."),
        };
        reader.Read();
        MoneyJsonConverter.Expect(ref reader, JsonTokenType.EndObject, "the end of the attribute value (one property only)");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value.Kind)
        {
            case AttributeKind.Text: writer.WriteString("text", value.AsText()); break;
            case AttributeKind.Number: writer.WriteNumber("number", value.AsNumber()); break;
            case AttributeKind.Boolean: writer.WriteBoolean("boolean", value.AsBoolean()); break;
            case AttributeKind.Date: writer.WriteString("date", value.ToString()); break;
            default: writer.WriteString("instant", value.ToString()); break;
        }

        writer.WriteEndObject();
    }

    private static TValue ParseOrThrow<TValue>(IPattern<TValue> pattern, string text)
    {
        var result = pattern.Parse(text);
        return result.Success ? result.Value : throw new JsonException($"'{text}' is not valid: {result.Exception.Message}");
    }
}

/// <summary>A consent set is written as the array of its current decisions.</summary>
internal sealed class ConsentLedgerJsonConverter : JsonConverter<ConsentLedger>
{
    public override ConsentLedger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ConsentLedger.From(JsonSerializer.Deserialize<ImmutableArray<ConsentDecision>>(ref reader, options));

    public override void Write(Utf8JsonWriter writer, ConsentLedger value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value.ToImmutableArray(), options);
}

/// <summary>An order history is written as the array of its orders, sorted by time.</summary>
internal sealed class OrderHistoryJsonConverter : JsonConverter<OrderHistory>
{
    public override OrderHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var orders = JsonSerializer.Deserialize<ImmutableArray<Order>>(ref reader, options);
        try
        {
            return OrderHistory.From(orders);
        }
        catch (CrmKitException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, OrderHistory value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value.Orders, options);
}

/// <summary>
/// <see cref="LocalizedText"/> as a plain string or an object of texts by language tag
/// (<see cref="LocalizedText.TryReadJson"/>); System.Text.Json adds the JSON path of the value to the message.
/// </summary>
internal sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return LocalizedText.TryReadJson(document.RootElement, "$", int.MaxValue, out var text, out var problem)
            ? text
            : throw new JsonException(problem.Location == "$" ? problem.Message : $"{problem.Location[2..]}: {problem.Message}");
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options) => value.WriteJson(writer);
}
