using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>What a cadence does: a message or call from a template, on a channel, for a purpose.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Marketing or transactional (decides consent and caps).</param>
/// <param name="Template">The host's template id.</param>
public sealed record CareAction(ContactChannel Channel, ContactPurpose Purpose, string Template);
