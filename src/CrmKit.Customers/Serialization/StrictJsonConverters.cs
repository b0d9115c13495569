using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmKit.Customers.Serialization;

/// <summary>
/// Enum values as their camelCase names, read by <see cref="EnumNames"/>: a number, a list (<c>"sms,zalo"</c>) or an
/// unknown name is an error that lists the names. Replaces System.Text.Json's <c>JsonStringEnumConverter</c>, which ORs
/// comma-separated names together.
/// </summary>
internal sealed class EnumJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(EnumJsonConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>One enum's converter (see <see cref="EnumJsonConverterFactory"/>).</summary>
internal sealed class EnumJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.GetString() is { } text && EnumNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        // System.Text.Json appends the path ("Path: $.status") to a JsonException thrown here.
        var found = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? $"'{reader.GetString()}'" : $"a {reader.TokenType.ToString().ToLowerInvariant()}";
        throw new JsonException($"expected one of {EnumNames.Expected<TEnum>()}; found {found}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Enum.IsDefined(value) ? EnumNames.Camel(value.ToString()) : throw new JsonException($"{typeof(TEnum).Name} has no value {value}."));
    }

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(EnumNames.Camel(value.ToString()));
    }
}

/// <summary>Decimals read by <see cref="ExactDecimal"/>: a number a decimal cannot hold exactly is an error, never rounded.</summary>
internal sealed class ExactDecimalJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ExactDecimal.Get(ref reader);

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
