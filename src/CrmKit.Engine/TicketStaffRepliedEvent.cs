using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Staff replied on a ticket.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketStaffRepliedEvent(string TicketId) : CareEvent;
