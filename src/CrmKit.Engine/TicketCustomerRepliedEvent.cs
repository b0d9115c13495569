using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The customer replied on a ticket.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketCustomerRepliedEvent(string TicketId) : CareEvent;
