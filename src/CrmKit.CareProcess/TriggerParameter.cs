using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>A typed parameter of a trigger.</summary>
/// <param name="Name">The name guards refer to.</param>
/// <param name="Kind">The type of value it carries.</param>
public sealed record TriggerParameter(string Name, ValueKind Kind);
