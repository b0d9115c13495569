using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Encodings.Web;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CrmKit.Customers.Serialization;

/// <summary>
/// The JSON settings of CrmKit: System.Text.Json with NodaTime's ISO formats (instants as
/// <c>2025-01-29T03:00:00Z</c>, dates as <c>1990-05-17</c>, zones as TZDB ids), camelCase names and enum
/// values, phones in E.164, emails normalised, money as <c>{"amount":150000,"currency":"VND"}</c>.
/// </summary>
/// <remarks>
/// Enum values are read by name only (a list such as <c>"sms,zalo"</c> or a number is an error) and numbers read as
/// decimals must fit a decimal exactly (±7.9e28, at most 28 decimals; <c>1e-30</c> is an error, not 0).
/// Invalid values (a bad phone, an unknown currency, a score off its scale) fail with a
/// <see cref="JsonException"/> whose message names the JSON path of the value and why it is invalid.
/// </remarks>
public static class CrmKitJson
{
    /// <summary>Shared, read-only options with every CrmKit converter registered.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);

    /// <summary>Creates a new, mutable options object with every CrmKit converter registered.</summary>
    /// <param name="writeIndented">Whether to indent the output.</param>
    public static JsonSerializerOptions CreateOptions(bool writeIndented = false)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
            AllowDuplicateProperties = false,

            // A "type" discriminator may come after other properties (hand-written JSON does not keep an order).
            AllowOutOfOrderMetadataProperties = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ReportValidationFailuresAsJson } },
        };
        AddConverters(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return writeIndented ? new JsonSerializerOptions(options) : options;
    }

    /// <summary>Registers CrmKit's converters (and NodaTime's) on options the host owns.</summary>
    public static JsonSerializerOptions AddConverters(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.Converters.Add(new EnumJsonConverterFactory());
        options.Converters.Add(new ExactDecimalJsonConverter());
        options.Converters.Add(new IdentifierJsonConverter<CustomerId>());
        options.Converters.Add(new IdentifierJsonConverter<OrderId>());
        options.Converters.Add(new IdentifierJsonConverter<InteractionId>());
        options.Converters.Add(new IdentifierJsonConverter<FeedbackId>());
        options.Converters.Add(new IdentifierJsonConverter<TicketId>());
        options.Converters.Add(new PhoneNumberJsonConverter());
        options.Converters.Add(new EmailAddressJsonConverter());
        options.Converters.Add(new CurrencyJsonConverter());
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new LocalizedTextJsonConverter());
        options.Converters.Add(new AttributeValueJsonConverter());
        options.Converters.Add(new ConsentLedgerJsonConverter());
        options.Converters.Add(new OrderHistoryJsonConverter());
        return options;
    }

    /// <summary>
    /// Makes a validation failure inside a property setter a <see cref="JsonException"/>, which System.Text.Json
    /// then completes with the JSON path of the value.
    /// </summary>
    private static void ReportValidationFailuresAsJson(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is { } set)
            {
                property.Set = (target, value) =>
                {
                    try
                    {
                        set(target, value);
                    }
                    catch (CrmKitException ex)
                    {
                        throw new JsonException(ex.Message, ex);
                    }
                };
            }
        }
    }

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Deserializes a value with <see cref="Options"/>; every validation failure becomes a <see cref="JsonException"/>
    /// with its path, and so does a key repeated in one object (which JSON parsers otherwise take last-wins).
    /// </summary>
    /// <exception cref="JsonException">The JSON is malformed (a lone surrogate included, see <see cref="JsonText"/>) or a value is invalid.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonText.FindLoneSurrogate(json) is { } problem)
        {
            throw new JsonException(problem, "$", null, null);
        }

        if (JsonDuplicateKeys.Find(System.Text.Encoding.UTF8.GetBytes(json)) is [var (path, key), ..])
        {
            throw new JsonException($"{JsonDuplicateKeys.Message(key)} Path: {path}.", path, null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON is 'null'; a {typeof(T).Name} was expected.");
        }
        catch (JsonException ex) when (ex.Message.StartsWith("Read unrecognized type discriminator id", StringComparison.Ordinal))
        {
            // A "type" that names no known kind (of timer, effect …): say so in words, at its path.
            var id = ex.Message.Split('\'') is [_, var named, ..] ? named : "?";
            throw new JsonException($"\"type\": '{id}' is not a known type here. Path: {ex.Path} | LineNumber: {ex.LineNumber} | BytePositionInLine: {ex.BytePositionInLine}.", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
        catch (JsonException ex) when (ex.Path is not null && !ex.Message.Contains("Path: ", StringComparison.Ordinal))
        {
            throw new JsonException($"{ex.Message} Path: {ex.Path} | LineNumber: {ex.LineNumber} | BytePositionInLine: {ex.BytePositionInLine}.", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
        catch (NotSupportedException ex) when (ex.Message.Contains("type discriminator", StringComparison.Ordinal))
        {
            // An object of a kind with several types (a timer, an effect …) that does not say which: System.Text.Json
            // throws NotSupportedException, which is the input's fault, not the caller's.
            var at = ex.Message.IndexOf("Path: ", StringComparison.Ordinal);
            var where = at < 0 ? "$" : ex.Message[(at + 6)..].Split(' ', '|')[0].TrimEnd('.');
            throw new JsonException($"the object has no \"type\" property saying which kind it is. Path: {where}.", where, null, null, ex);
        }
    }
}
