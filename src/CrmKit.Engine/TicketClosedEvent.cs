using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A ticket was closed for good.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketClosedEvent(string TicketId) : CareEvent;
