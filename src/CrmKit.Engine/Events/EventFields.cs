using System.Collections.Frozen;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>The fields of each event type that journeys' <c>where</c> and <c>arguments</c> read, and how events correlate.</summary>
internal static class EventFields
{
    private static readonly FrozenDictionary<CareEventType, string[]> Fields = new Dictionary<CareEventType, string[]>
    {
        [CareEventType.OrderPlaced] = ["orderId", "status", "channel", "total"],
        [CareEventType.OrderStatusChanged] = ["orderId", "status"],
        [CareEventType.TicketOpened] = ["ticketId", "channel", "priority", "category"],
        [CareEventType.TicketCustomerReplied] = ["ticketId"],
        [CareEventType.TicketStaffReplied] = ["ticketId"],
        [CareEventType.TicketSolved] = ["ticketId"],
        [CareEventType.TicketClosed] = ["ticketId"],
        [CareEventType.FeedbackReceived] = ["kind", "score", "orderId", "ticketId"],
        [CareEventType.WarrantyClaimOpened] = ["claimId", "orderId", "product"],
        [CareEventType.WarrantyClaimDecided] = ["claimId", "accepted"],
        [CareEventType.WarrantyItemReturned] = ["claimId"],
        [CareEventType.ConsentChanged] = ["channel", "purpose", "status"],
        [CareEventType.ProfileChanged] = [],
        [CareEventType.ContactMade] = ["channel", "purpose", "direction"],
        [CareEventType.CustomersMerged] = ["absorbed"],
        [CareEventType.CustomerErased] = [],
        [CareEventType.TimePassed] = [],
    }.ToFrozenDictionary();

    public static IReadOnlyList<string> Of(CareEventType type) => Fields[type];

    /// <summary>The values an enum-valued field accepts, else none (any text).</summary>
    public static IReadOnlyList<string>? Allowed(CareEventType type, string field) => (type, field) switch
    {
        (CareEventType.OrderPlaced or CareEventType.OrderStatusChanged, "status") => Names<OrderStatus>(),
        (CareEventType.OrderPlaced, "channel") => Names<SalesChannel>(),
        (CareEventType.TicketOpened or CareEventType.ConsentChanged or CareEventType.ContactMade, "channel") => Names<ContactChannel>(),
        (CareEventType.TicketOpened, "priority") => Names<TicketPriority>(),
        (CareEventType.FeedbackReceived, "kind") => Names<FeedbackKind>(),
        (_, "purpose") => Names<ContactPurpose>(),
        (CareEventType.ConsentChanged, "status") => Names<ConsentStatus>(),
        (_, "direction") => Names<InteractionDirection>(),
        (_, "accepted") => ["true", "false"],
        _ => null,
    };

    /// <summary>The kind of value an argument source gives.</summary>
    public static ValueKind? KindOf(string source) => source switch
    {
        "score" or "total" or JourneyJson.CompletedOrdersSource => ValueKind.Number,
        "accepted" => ValueKind.Boolean,
        _ => ValueKind.Text,
    };

    /// <summary>Whether events of the type name a value of the correlation.</summary>
    public static bool Correlates(CareEventType type, JourneyCorrelation correlation) => correlation switch
    {
        JourneyCorrelation.Customer => true,
        JourneyCorrelation.Order => type is CareEventType.OrderPlaced or CareEventType.OrderStatusChanged or CareEventType.FeedbackReceived or CareEventType.WarrantyClaimOpened,
        JourneyCorrelation.Ticket => type is CareEventType.TicketOpened or CareEventType.TicketCustomerReplied or CareEventType.TicketStaffReplied
            or CareEventType.TicketSolved or CareEventType.TicketClosed or CareEventType.FeedbackReceived,
        _ => type is CareEventType.WarrantyClaimOpened or CareEventType.WarrantyClaimDecided or CareEventType.WarrantyItemReturned,
    };

    /// <summary>The correlation value the event names, else none.</summary>
    public static string? CorrelationOf(CareEvent e, JourneyCorrelation correlation) => correlation switch
    {
        JourneyCorrelation.Customer => e.CustomerId.Value,
        JourneyCorrelation.Order => e switch
        {
            OrderPlacedEvent o => o.Order.Id.Value,
            OrderStatusChangedEvent o => o.OrderId,
            FeedbackReceivedEvent f => f.Feedback.OrderId?.Value,
            WarrantyClaimOpenedEvent w => w.OrderId,
            _ => null,
        },
        JourneyCorrelation.Ticket => e switch
        {
            TicketOpenedEvent t => t.Ticket.Id.Value,
            TicketCustomerRepliedEvent t => t.TicketId,
            TicketStaffRepliedEvent t => t.TicketId,
            TicketSolvedEvent t => t.TicketId,
            TicketClosedEvent t => t.TicketId,
            FeedbackReceivedEvent f => f.Feedback.TicketId?.Value,
            _ => null,
        },
        _ => e switch
        {
            WarrantyClaimOpenedEvent w => w.ClaimId,
            WarrantyClaimDecidedEvent w => w.ClaimId,
            WarrantyItemReturnedEvent w => w.ClaimId,
            _ => null,
        },
    };

    /// <summary>A field's value as filters compare it (CrmKit's camelCase enum names, invariant numbers), else none.</summary>
    public static string? Text(CareEvent e, string field) => (e, field) switch
    {
        (OrderPlacedEvent o, "orderId") => o.Order.Id.Value,
        (OrderPlacedEvent o, "status") => Name(o.Order.Status),
        (OrderPlacedEvent o, "channel") => o.Order.Channel is { } c ? Name(c) : null,
        (OrderPlacedEvent o, "total") => o.Order.Total.Amount.ToString(CultureInfo.InvariantCulture),
        (OrderStatusChangedEvent o, "orderId") => o.OrderId,
        (OrderStatusChangedEvent o, "status") => Name(o.Status),
        (TicketOpenedEvent t, "ticketId") => t.Ticket.Id.Value,
        (TicketOpenedEvent t, "channel") => Name(t.Ticket.Channel),
        (TicketOpenedEvent t, "priority") => Name(t.Ticket.Priority),
        (TicketOpenedEvent t, "category") => t.Ticket.Category,
        (TicketCustomerRepliedEvent t, "ticketId") => t.TicketId,
        (TicketStaffRepliedEvent t, "ticketId") => t.TicketId,
        (TicketSolvedEvent t, "ticketId") => t.TicketId,
        (TicketClosedEvent t, "ticketId") => t.TicketId,
        (FeedbackReceivedEvent f, "kind") => Name(f.Feedback.Kind),
        (FeedbackReceivedEvent f, "score") => f.Feedback.Score.ToString(CultureInfo.InvariantCulture),
        (FeedbackReceivedEvent f, "orderId") => f.Feedback.OrderId?.Value,
        (FeedbackReceivedEvent f, "ticketId") => f.Feedback.TicketId?.Value,
        (WarrantyClaimOpenedEvent w, "claimId") => w.ClaimId,
        (WarrantyClaimOpenedEvent w, "orderId") => w.OrderId,
        (WarrantyClaimOpenedEvent w, "product") => w.Product,
        (WarrantyClaimDecidedEvent w, "claimId") => w.ClaimId,
        (WarrantyClaimDecidedEvent w, "accepted") => w.Accepted ? "true" : "false",
        (WarrantyItemReturnedEvent w, "claimId") => w.ClaimId,
        (ConsentChangedEvent c, "channel") => Name(c.Decision.Channel),
        (ConsentChangedEvent c, "purpose") => Name(c.Decision.Purpose),
        (ConsentChangedEvent c, "status") => Name(c.Decision.Status),
        (ContactMadeEvent c, "channel") => Name(c.Channel),
        (ContactMadeEvent c, "purpose") => Name(c.Purpose),
        (ContactMadeEvent c, "direction") => Name(c.Direction),
        (CustomersMergedEvent m, "absorbed") => m.Absorbed.Value,
        _ => null,
    };

    /// <summary>Whether the event passes the filter (every field has one of its values; a field the event lacks fails).</summary>
    public static bool Matches(CareEvent e, EventFilter where)
    {
        foreach (var (field, values) in where.Fields)
        {
            var text = Text(e, field);
            if (text is null || !Contains(values, text))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(System.Collections.Immutable.ImmutableArray<string> values, string text)
    {
        foreach (var v in values)
        {
            if (string.Equals(v, text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The enum value an exact name (any case) names, else none: no numbers, no comma lists.</summary>
    public static T? Parse<T>(string text)
        where T : struct, Enum => EnumCache<T>.ByName.TryGetValue(text, out var v) ? v : null;

    private static string[] Names<T>()
        where T : struct, Enum => EnumCache<T>.Names;

    public static string Name<T>(T value)
        where T : struct, Enum => EnumCache<T>.Of(value);

    private static class EnumCache<T>
        where T : struct, Enum
    {
        public static readonly string[] Names = [.. Enum.GetNames<T>().Select(JourneyJson.Camel)];

        private static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JourneyJson.Camel(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v.ToString(), v => v, StringComparer.OrdinalIgnoreCase);

        public static string Of(T value) => ByValue.TryGetValue(value, out var n) ? n : value.ToString();
    }
}
