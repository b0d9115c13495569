using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmKit.Customers.Serialization;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>
/// Everything CrmKit holds about one customer, as one JSON document for a data-subject access or portability request
/// (GDPR arts. 15 and 20; the right to obtain one's data of Vietnam's Decree 13/2023). The layout is documented in <c>docs/personal-data.md</c>.
/// </summary>
/// <remarks>
/// The customer record gives the profile, contact points, the whole consent ledger and the history (orders,
/// interactions, tickets, feedback, referrals). Segment memberships and care-process state live in other packages;
/// the host adds them with <see cref="Segments"/> and <see cref="CareProcesses"/> (the <c>WithSegments</c> and
/// <c>WithCareProcesses</c> extensions of <c>CrmKit.Segmentation</c> and <c>CrmKit.CareProcess</c> fill them).
/// </remarks>
public sealed record PersonalDataExport
{
    /// <summary>The name of the document format, written in its <c>format</c> property.</summary>
    public const string Format = "crmkit-personal-data";

    /// <summary>The version of the document format.</summary>
    public const int FormatVersion = 1;

    /// <summary>The customer.</summary>
    public required Customer Customer { get; init => field = value ?? throw new ArgumentNullException(nameof(Customer)); }

    /// <summary>When the export was made.</summary>
    public required Instant ExportedAt { get; init; }

    /// <summary>The segments the customer belongs to.</summary>
    public ImmutableArray<ExportedSegment> Segments { get; init => field = Guard.OrEmpty(value); } = [];

    /// <summary>
    /// The customer's care-process state (e.g. <c>ProcessSnapshot</c> values), each written with
    /// <see cref="CrmKitJson.Options"/>.
    /// </summary>
    public ImmutableArray<object> CareProcesses { get; init => field = Guard.OrEmpty(value); } = [];

    /// <summary>The document as a JSON tree.</summary>
    public JsonObject ToJsonObject()
    {
        var options = CrmKitJson.Options;
        var customer = JsonSerializer.SerializeToNode(Customer, options)!.AsObject();
        var history = customer["history"]?.AsObject() ?? [];
        var consents = customer["consents"]?.DeepClone() ?? new JsonArray();
        customer.Remove("consents");
        customer.Remove("history");
        return new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["exportedAt"] = JsonSerializer.SerializeToNode(ExportedAt, options),
            ["customerId"] = Customer.Id.Value,
            ["erased"] = Customer.IsErased,
            ["profile"] = customer,
            ["consentInForce"] = JsonSerializer.SerializeToNode(Customer.Consents.Current, options),
            ["consentHistory"] = consents,
            ["orders"] = Section(history, "orders"),
            ["interactions"] = Section(history, "interactions"),
            ["tickets"] = Section(history, "tickets"),
            ["feedback"] = Section(history, "feedback"),
            ["referrals"] = Section(history, "referrals"),
            ["segments"] = JsonSerializer.SerializeToNode(Segments, options),
            ["careProcesses"] = new JsonArray([.. CareProcesses.Select(p => JsonSerializer.SerializeToNode(p, p.GetType(), options))]),
        };
    }

    /// <summary>The document as indented JSON text.</summary>
    public string ToJson() => ToJsonObject().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = CrmKitJson.Options.Encoder });

    /// <summary>Writes the document as indented UTF-8 JSON.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = CrmKitJson.Options.Encoder });
        ToJsonObject().WriteTo(writer);
    }

    private static JsonNode Section(JsonObject history, string name) => history[name]?.DeepClone() ?? new JsonArray();
}
