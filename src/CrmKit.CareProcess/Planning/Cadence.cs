using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>One line of a care plan: an action and when it is due.</summary>
/// <param name="Id">The cadence id (part of the idempotency key).</param>
/// <param name="Action">What to do.</param>
/// <param name="Schedule">When.</param>
public sealed record Cadence(string Id, CareAction Action, CareSchedule Schedule);
