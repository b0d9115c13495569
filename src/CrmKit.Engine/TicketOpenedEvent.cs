using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A support ticket was opened.</summary>
/// <param name="Ticket">The ticket; its customer must be the event's.</param>
public sealed record TicketOpenedEvent(SupportTicket Ticket) : CareEvent;
