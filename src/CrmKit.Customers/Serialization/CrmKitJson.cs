using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CrmKit.Customers.Serialization;

/// <summary>
/// The JSON settings of CrmKit: System.Text.Json with NodaTime's ISO formats (instants as
/// <c>2025-01-29T03:00:00Z</c>, dates as <c>1990-05-17</c>, zones as TZDB ids), camelCase names and enum
/// values, phones in E.164, emails normalised, money as <c>{"amount":150000,"currency":"VND"}</c>.
/// </summary>
/// <remarks>
/// Invalid values (a bad phone, an unknown currency, a score off its scale) fail with a
/// <see cref="JsonException"/> whose message names the JSON path of the value and why it is invalid.
/// </remarks>
public static partial class CrmKitJson
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
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new IdentifierJsonConverter<CustomerId>());
        options.Converters.Add(new IdentifierJsonConverter<OrderId>());
        options.Converters.Add(new IdentifierJsonConverter<InteractionId>());
        options.Converters.Add(new IdentifierJsonConverter<FeedbackId>());
        options.Converters.Add(new IdentifierJsonConverter<TicketId>());
        options.Converters.Add(new PhoneNumberJsonConverter());
        options.Converters.Add(new EmailAddressJsonConverter());
        options.Converters.Add(new CurrencyJsonConverter());
        options.Converters.Add(new MoneyJsonConverter());
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

    /// <summary>Deserializes a value with <see cref="Options"/>; every validation failure becomes a <see cref="JsonException"/> with its path.</summary>
    /// <exception cref="JsonException">The JSON is malformed (a lone surrogate included, see <see cref="JsonText"/>) or a value is invalid.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonText.FindLoneSurrogate(json) is { } problem)
        {
            throw new JsonException(problem, "$", null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON is 'null'; a {typeof(T).Name} was expected.");
        }
        catch (JsonException ex) when (ex.Path is not null && !ex.Message.Contains("Path: ", StringComparison.Ordinal))
        {
            throw new JsonException($"{ex.Message} Path: {ex.Path} | LineNumber: {ex.LineNumber} | BytePositionInLine: {ex.BytePositionInLine}.", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
        catch (NotSupportedException ex)
        {
            // System.Text.Json reports some shapes of the payload this way, e.g. an object of a polymorphic type
            // without its "type" discriminator; that is bad input like any other, with its path in the message.
            var where = NotSupportedPath().Match(ex.Message);
            var path = where.Success ? where.Groups["path"].Value : "$";
            long? line = where.Success ? long.Parse(where.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
            long? position = where.Success ? long.Parse(where.Groups["position"].Value, CultureInfo.InvariantCulture) : null;
            throw new JsonException(ex.Message, path, line, position, ex);
        }
    }

    [GeneratedRegex(@"Path: (?<path>\S+) \| LineNumber: (?<line>\d+) \| BytePositionInLine: (?<position>\d+)")]
    private static partial Regex NotSupportedPath();
}
