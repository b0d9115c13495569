using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A ticket was solved.</summary>
/// <param name="TicketId">The ticket's id.</param>
public sealed record TicketSolvedEvent(string TicketId) : CareEvent;
