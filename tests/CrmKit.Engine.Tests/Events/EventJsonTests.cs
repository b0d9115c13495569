namespace CrmKit.Engine.Tests;

public sealed class EventJsonTests
{
    private static readonly CustomerId C1 = new("C1");
    private static readonly Instant T = Instant.FromUtc(2026, 3, 1, 2, 0);

    private static readonly CareEvent[] Samples =
    [
        new OrderPlacedEvent(new Order { Id = new("A-1"), CustomerId = C1, PlacedAt = T, Total = Money.Vnd(250_000), Status = OrderStatus.Completed }) { EventId = "e1", CustomerId = C1, At = T },
        new OrderStatusChangedEvent("A-1", OrderStatus.Returned) { EventId = "e2", CustomerId = C1, At = T },
        new TicketOpenedEvent(new SupportTicket { Id = new("T-1"), CustomerId = C1, OpenedAt = T, Channel = ContactChannel.Email }) { EventId = "e3", CustomerId = C1, At = T },
        new TicketCustomerRepliedEvent("T-1") { EventId = "e4", CustomerId = C1, At = T },
        new TicketStaffRepliedEvent("T-1") { EventId = "e5", CustomerId = C1, At = T },
        new TicketSolvedEvent("T-1") { EventId = "e6", CustomerId = C1, At = T },
        new TicketClosedEvent("T-1") { EventId = "e7", CustomerId = C1, At = T },
        new FeedbackReceivedEvent(new Feedback(new("F-1"), C1, T, FeedbackKind.Csat, 4)) { EventId = "e8", CustomerId = C1, At = T },
        new WarrantyClaimOpenedEvent("W-1", "A-1", "Kettle") { EventId = "e9", CustomerId = C1, At = T },
        new WarrantyClaimDecidedEvent("W-1", true) { EventId = "e10", CustomerId = C1, At = T },
        new WarrantyItemReturnedEvent("W-1") { EventId = "e11", CustomerId = C1, At = T },
        new ConsentChangedEvent(new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Withdrawn, T)) { EventId = "e12", CustomerId = C1, At = T },
        new ProfileChangedEvent(new Customer { Id = C1, DisplayName = "Lan", CreatedAt = T }) { EventId = "e13", CustomerId = C1, At = T },
        new ContactMadeEvent(ContactChannel.Sms, ContactPurpose.Marketing, InteractionDirection.Outbound, "k1") { EventId = "e14", CustomerId = C1, At = T },
        new CustomersMergedEvent(new CustomerId("C2")) { EventId = "e15", CustomerId = C1, At = T },
        new CustomerErasedEvent { EventId = "e16", CustomerId = C1, At = T },
        new TimePassedEvent { EventId = "e17", CustomerId = C1, At = T },
    ];

    public static TheoryData<CareEvent> EveryKind() => [.. Samples];

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryKind_RoundTrips_WithItsTypeName(CareEvent e)
    {
        var json = CareEventJson.Write(e);
        Assert.Contains($"\"type\":\"{CareEventJson.TypeName(e.Type)}\"", json, StringComparison.Ordinal);
        var back = CareEventJson.Read(json);
        Assert.Equal(e.GetType(), back.GetType());
        Assert.Equal(CareEventJson.Write(e), CareEventJson.Write(back));
        Assert.Equal(e.Type, CareEventJson.ParseTypeName(CareEventJson.TypeName(e.Type)));
    }

    [Fact]
    public void EveryType_IsCovered_ByTheTheory()
    {
        var covered = Samples.Select(e => e.Type).ToHashSet();
        Assert.Equal(Enum.GetValues<CareEventType>().ToHashSet(), covered);
    }

    [Fact]
    public void TheWireForm_IsCamelCase_WithCrmKitsEnumNames()
    {
        var e = CareEventJson.Read("""{"type":"orderStatusChanged","eventId":"A-1:completed","customerId":"C1","at":"2026-03-01T02:00:00Z","orderId":"A-1","status":"completed"}""");
        var changed = Assert.IsType<OrderStatusChangedEvent>(e);
        Assert.Equal(("A-1", OrderStatus.Completed, T, "A-1:completed"), (changed.OrderId, changed.Status, changed.At, changed.EventId));
    }

    [Theory]
    [InlineData("""[{"type":"ticketSolved","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","ticketId":"T"},{"type":"orderShipped","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z"}]""", "$[1]", "orderShipped")]
    [InlineData("""[{"type":"ticketSolved","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","ticketId":"T"},{"type":"ticketSolved","eventId":"e","customerId":"C1","at":"yesterday","ticketId":"T"}]""", "$[1].at", "")]
    [InlineData("""[{"type":"ticketSolved","eventId":" ","customerId":"C1","at":"2026-03-01T02:00:00Z","ticketId":"T"}]""", "$[0].eventId", "blank")]
    [InlineData("""[{"type":"orderStatusChanged","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","orderId":"A","status":"lost"}]""", "$[0].status", "")]
    [InlineData("""[{"type":"orderPlaced","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","order":{"id":"A","customerId":"C2","placedAt":"2026-03-01T02:00:00Z","total":{"amount":1,"currency":"VND"},"status":"completed"}}]""", "$[0].order.customerId", "C2")]
    [InlineData("""[{"type":"ticketSolved","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z"}]""", "$[0]", "ticketId")]
    [InlineData("""[{"eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","ticketId":"T"}]""", "$[0]", "type")]
    [InlineData("""[{"type":"customersMerged","eventId":"e","customerId":"C1","at":"2026-03-01T02:00:00Z","absorbed":"C1"}]""", "$[0].absorbed", "itself")]
    public void ABadEventFile_IsReported_AtItsJsonPath(string json, string path, string mentions)
    {
        var ex = Assert.Throws<InvalidEventException>(() => CareEventJson.ReadMany(json));
        Assert.StartsWith(path, ex.Problem.Location, StringComparison.Ordinal);
        Assert.Contains(mentions, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RefusesAnInvalidEvent()
    {
        var e = new TicketSolvedEvent("T") { EventId = "", CustomerId = C1, At = T };
        var ex = Assert.Throws<ArgumentException>(() => CareEventJson.Write(e));
        Assert.Contains("$.eventId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyEvents_RoundTrip()
    {
        var events = Samples.ToList();
        var back = CareEventJson.ReadMany(CareEventJson.WriteMany(events));
        Assert.Equal(events.Select(CareEventJson.Write), back.Select(CareEventJson.Write));
    }
}
