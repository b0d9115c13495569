using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmKit.Customers.Serialization;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>A segment a customer belongs to, as listed in a personal-data export.</summary>
/// <param name="Id">The segment's id.</param>
/// <param name="Name">The segment's name shown to staff, in every language the catalogue gives (JSON: a string, or <c>{"vi": …, "en": …}</c>).</param>
public sealed record ExportedSegment(string Id, LocalizedText Name);
