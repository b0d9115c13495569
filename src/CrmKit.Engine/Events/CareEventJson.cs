using System.Collections.Immutable;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;

namespace CrmKit.Engine;

/// <summary>
/// JSON for <see cref="CareEvent"/>s so a host can queue them: CrmKit's JSON (<see cref="CrmKitJson"/>: camelCase,
/// ISO instants, CrmKit's enum names) with a <c>"type"</c> discriminator (<see cref="TypeName"/>):
/// <c>{"type":"orderStatusChanged","eventId":"A-1:completed","customerId":"C1","at":"2026-03-01T02:00:00Z","orderId":"A-1","status":"completed"}</c>.
/// </summary>
public static class CareEventJson
{
    private static readonly JsonSerializerOptions Indented = CrmKitJson.CreateOptions(writeIndented: true);

    /// <summary>The discriminator of an event type (<c>orderPlaced</c>): the type's name in camelCase.</summary>
    public static string TypeName(CareEventType type)
        => TypeNames.TryGetValue(type, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(type), type, "Not an event type.");

    /// <summary>The discriminators, computed once (the engine names the event type in every instance change it records).</summary>
    private static readonly System.Collections.Frozen.FrozenDictionary<CareEventType, string> TypeNames = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
        Enum.GetValues<CareEventType>(), t => t, t => char.ToLowerInvariant(t.ToString()[0]) + t.ToString()[1..]);

    /// <summary>The event type a discriminator names (any case), else none.</summary>
    public static CareEventType? ParseTypeName(string name)
        => EventFields.Parse<CareEventType>(name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>Writes one event (compact).</summary>
    /// <exception cref="ArgumentException">The event is invalid (<see cref="Problem"/>).</exception>
    public static string Write(CareEvent e)
    {
        Check(e, "e");
        return JsonSerializer.Serialize(e, CrmKitJson.Options);
    }

    /// <summary>Writes events as a JSON array, indented.</summary>
    public static string WriteMany(IEnumerable<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            Check(list[i], $"events[{i}]");
        }

        return JsonSerializer.Serialize(list, Indented);
    }

    /// <summary>Reads one event.</summary>
    /// <exception cref="InvalidEventException">Malformed or invalid: the problem at its JSON path.</exception>
    public static CareEvent Read(string json)
    {
        var e = Deserialize<CareEvent>(json);
        return Problem(e) is { } p ? throw new InvalidEventException(p) : e;
    }

    /// <summary>Reads a JSON array of events.</summary>
    /// <exception cref="InvalidEventException">Malformed or invalid: the problem at its JSON path (<c>$[3].order.total</c>).</exception>
    public static ImmutableArray<CareEvent> ReadMany(string json)
    {
        var events = Deserialize<CareEvent[]>(json);
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i] is null)
            {
                throw new InvalidEventException(new Problem($"$[{i}]", "an event object was expected, not null."));
            }

            if (Problem(events[i]) is { } p)
            {
                throw new InvalidEventException(p with { Location = $"$[{i}]{p.Location[1..]}" });
            }
        }

        return [.. events];
    }

    /// <summary>
    /// What is wrong with an event, at its JSON path relative to the event (<c>$.order.customerId</c>), else none: a
    /// blank or unset id, a nested order, ticket, feedback or profile of another customer, a customer merged into itself.
    /// </summary>
    public static Problem? Problem(CareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.EventId))
        {
            return new Problem("$.eventId", "the event id is blank.");
        }

        if (e.CustomerId.Value is null)
        {
            return new Problem("$.customerId", "the customer id is not set.");
        }

        return e switch
        {
            OrderPlacedEvent o when o.Order is null => new Problem("$.order", "the order is missing."),
            OrderPlacedEvent o when o.Order.CustomerId != e.CustomerId => new Problem("$.order.customerId", $"the order belongs to customer '{o.Order.CustomerId.Value}', not to the event's '{e.CustomerId.Value}'."),
            OrderStatusChangedEvent o when string.IsNullOrWhiteSpace(o.OrderId) => new Problem("$.orderId", "the order id is blank."),
            TicketOpenedEvent t when t.Ticket is null => new Problem("$.ticket", "the ticket is missing."),
            TicketOpenedEvent t when t.Ticket.CustomerId != e.CustomerId => new Problem("$.ticket.customerId", $"the ticket belongs to customer '{t.Ticket.CustomerId.Value}', not to the event's '{e.CustomerId.Value}'."),
            TicketCustomerRepliedEvent t when string.IsNullOrWhiteSpace(t.TicketId) => new Problem("$.ticketId", "the ticket id is blank."),
            TicketStaffRepliedEvent t when string.IsNullOrWhiteSpace(t.TicketId) => new Problem("$.ticketId", "the ticket id is blank."),
            TicketSolvedEvent t when string.IsNullOrWhiteSpace(t.TicketId) => new Problem("$.ticketId", "the ticket id is blank."),
            TicketClosedEvent t when string.IsNullOrWhiteSpace(t.TicketId) => new Problem("$.ticketId", "the ticket id is blank."),
            FeedbackReceivedEvent f when f.Feedback is null => new Problem("$.feedback", "the feedback is missing."),
            FeedbackReceivedEvent f when f.Feedback.CustomerId != e.CustomerId => new Problem("$.feedback.customerId", $"the feedback belongs to customer '{f.Feedback.CustomerId.Value}', not to the event's '{e.CustomerId.Value}'."),
            WarrantyClaimOpenedEvent w when string.IsNullOrWhiteSpace(w.ClaimId) => new Problem("$.claimId", "the claim id is blank."),
            WarrantyClaimOpenedEvent w when string.IsNullOrWhiteSpace(w.OrderId) => new Problem("$.orderId", "the order id is blank."),
            WarrantyClaimDecidedEvent w when string.IsNullOrWhiteSpace(w.ClaimId) => new Problem("$.claimId", "the claim id is blank."),
            WarrantyItemReturnedEvent w when string.IsNullOrWhiteSpace(w.ClaimId) => new Problem("$.claimId", "the claim id is blank."),
            ConsentChangedEvent c when c.Decision is null => new Problem("$.decision", "the consent decision is missing."),
            ProfileChangedEvent p when p.Profile is null => new Problem("$.profile", "the profile is missing."),
            ProfileChangedEvent p when p.Profile.Id != e.CustomerId => new Problem("$.profile.id", $"the profile is customer '{p.Profile.Id.Value}', not the event's '{e.CustomerId.Value}'."),
            ContactMadeEvent c when !Enum.IsDefined(c.Channel) => new Problem("$.channel", $"{c.Channel} is not a channel."),
            ContactMadeEvent c when !Enum.IsDefined(c.Purpose) => new Problem("$.purpose", $"{c.Purpose} is not a purpose."),
            ContactMadeEvent c when !Enum.IsDefined(c.Direction) => new Problem("$.direction", $"{c.Direction} is not a direction."),
            ContactMadeEvent c when c.IdempotencyKey is { } k && string.IsNullOrWhiteSpace(k) => new Problem("$.idempotencyKey", "the idempotency key is blank; leave it out for a contact that is not a queued message."),
            OrderStatusChangedEvent o when !Enum.IsDefined(o.Status) => new Problem("$.status", $"{o.Status} is not an order status."),
            CustomersMergedEvent m when m.Absorbed.Value is null => new Problem("$.absorbed", "the absorbed customer's id is not set."),
            CustomersMergedEvent m when m.Absorbed == e.CustomerId => new Problem("$.absorbed", "a customer cannot be merged into itself."),
            _ => null,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when the event is invalid.</summary>
    internal static void Check(CareEvent e, string parameter)
    {
        ArgumentNullException.ThrowIfNull(e, parameter);
        if (Problem(e) is { } p)
        {
            throw new ArgumentException($"Event '{e.EventId}' ({TypeName(e.Type)}): {p.Location}: {p.Message}", parameter);
        }
    }

    private static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return CrmKitJson.Deserialize<T>(json);
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
            {
                var cut = message.IndexOf(marker, StringComparison.Ordinal);
                message = cut < 0 ? message : message[..cut];
            }

            throw new InvalidEventException(new Problem(ex.Path ?? "$", message));
        }
    }
}
