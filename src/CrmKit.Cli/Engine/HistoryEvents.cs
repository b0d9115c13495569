using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Cli.Engine;

/// <summary>
/// A shop's exported history as the care engine's events, in time order: what <c>crmkit run</c> and
/// <c>crmkit replay</c> feed the engine.
/// </summary>
/// <remarks>
/// Per customer (merged records are one customer; erased customers are left out — nothing of theirs may be replayed):
/// the profile (history and consents removed) at its creation time; each consent decision at its instant; each order as
/// placed, at its placed-at time, with the status the export gives (exports carry the final status only, so a returned
/// or cancelled order is placed as such: no status change is invented); each ticket opened, its first staff reply,
/// solved and closed at the recorded instants; each feedback; each interaction as a contact made (purpose
/// transactional: an exported interaction does not say whether it was marketing). Events at the same instant keep the
/// order above; ties between customers follow the order the customers are given in. Event ids are deterministic (<c>order:HD1</c>,
/// <c>ticket-solved:T7</c>), so replaying the same data twice changes nothing the second time.
/// </remarks>
internal static class HistoryEvents
{
    /// <summary>The events of <paramref name="customers"/> at or before <paramref name="until"/> (all of them without it), sorted by instant.</summary>
    public static List<CareEvent> Of(IEnumerable<Customer> customers, Instant? until = null)
    {
        var events = new List<Entry>();
        foreach (var customer in customers)
        {
            if (!customer.IsErased)
            {
                Add(events, customer, until ?? Instant.MaxValue);
            }
        }

        // Sorted on (instant, kind, position): equal keys keep the order they were added in.
        events.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Position.CompareTo(b.Position));
        var sorted = new List<CareEvent>(events.Count);
        foreach (var e in events)
        {
            sorted.Add(e.Event);
        }

        return sorted;
    }

    private readonly record struct Entry(Instant At, int Kind, int Position, CareEvent Event);

    private static void Add(List<Entry> events, Customer customer, Instant until)
    {
        var id = customer.Id;
        void Put(Instant at, int kind, CareEvent e)
        {
            if (at <= until)
            {
                events.Add(new Entry(at, kind, events.Count, e));
            }
        }

        var profile = customer with { History = CustomerHistory.Empty, Consents = ConsentLedger.Empty };
        Put(customer.CreatedAt, 0, new ProfileChangedEvent(profile) { EventId = $"profile:{id.Value}", CustomerId = id, At = customer.CreatedAt });
        for (var i = 0; i < customer.Consents.Count; i++)
        {
            var decision = customer.Consents[i];
            Put(decision.At, 1, new ConsentChangedEvent(decision) { EventId = $"consent:{id.Value}:{i}", CustomerId = id, At = decision.At });
        }

        foreach (var order in customer.History.Orders)
        {
            // A merged record's orders keep their own customer id; the survivor is the one the engine knows.
            var placed = order.CustomerId == id ? order : order with { CustomerId = id };
            Put(order.PlacedAt, 2, new OrderPlacedEvent(placed) { EventId = $"order:{order.Id.Value}", CustomerId = id, At = order.PlacedAt });
        }

        foreach (var ticket in customer.History.Tickets)
        {
            var t = ticket.Id.Value;
            var opened = ticket.CustomerId == id ? ticket : ticket with { CustomerId = id };
            Put(ticket.OpenedAt, 3, new TicketOpenedEvent(opened) { EventId = $"ticket-opened:{t}", CustomerId = id, At = ticket.OpenedAt });
            if (ticket.FirstReplyAt is { } reply)
            {
                Put(reply, 4, new TicketStaffRepliedEvent(t) { EventId = $"ticket-reply:{t}", CustomerId = id, At = reply });
            }

            if (ticket.SolvedAt is { } solved)
            {
                Put(solved, 5, new TicketSolvedEvent(t) { EventId = $"ticket-solved:{t}", CustomerId = id, At = solved });
            }

            if (ticket.ClosedAt is { } closed)
            {
                Put(closed, 6, new TicketClosedEvent(t) { EventId = $"ticket-closed:{t}", CustomerId = id, At = closed });
            }
        }

        foreach (var feedback in customer.History.Feedback)
        {
            var f = feedback.CustomerId == id ? feedback : feedback with { CustomerId = id };
            Put(feedback.At, 7, new FeedbackReceivedEvent(f) { EventId = $"feedback:{feedback.Id.Value}", CustomerId = id, At = feedback.At });
        }

        foreach (var interaction in customer.History.Interactions)
        {
            Put(interaction.At, 8, new ContactMadeEvent(interaction.Channel, ContactPurpose.Transactional, interaction.Direction, null) { EventId = $"interaction:{interaction.Id.Value}", CustomerId = id, At = interaction.At });
        }
    }
}
