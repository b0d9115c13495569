using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Something that happens to a process instance (a reply, a payment, a decision).</summary>
/// <param name="Id">The trigger's id.</param>
/// <param name="Description">What it means, by language, or null.</param>
public sealed record TriggerDefinition(string Id, LocalizedText? Description = null)
{
    /// <summary>The parameters, positional when the trigger is fired.</summary>
    public ImmutableArray<TriggerParameter> Parameters { get; init; } = [];
}
