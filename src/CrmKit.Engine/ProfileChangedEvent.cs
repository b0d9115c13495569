using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The customer's profile changed: every profile field is taken from <paramref name="Profile"/> (orders are kept).</summary>
/// <param name="Profile">The new profile; its id must be the event's customer.</param>
public sealed record ProfileChangedEvent(Customer Profile) : CareEvent;
