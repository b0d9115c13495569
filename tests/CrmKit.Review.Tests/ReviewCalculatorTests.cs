using System.Collections.Immutable;

namespace CrmKit.Review.Tests;

public class ReviewCalculatorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 10, 1, 0, 0);
    private static readonly Instant End = Instant.FromUtc(2026, 11, 1, 0, 0);
    private static readonly Interval October = new(Start, End);

    private static Order Sale(string customer, string id, Instant at, decimal amount, OrderStatus status = OrderStatus.Completed)
        => new() { Id = new OrderId(id), CustomerId = new CustomerId(customer), PlacedAt = at, Total = Money.Vnd(amount), Status = status };

    private static Customer Person(string id, params Order[] orders) => new Customer
    {
        Id = new CustomerId(id),
        DisplayName = id,
        CreatedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
        History = new CustomerHistory { Orders = OrderHistory.From(orders) },
    };

    private static Instant Day(int month, int day) => Instant.FromUtc(2026, month, day, 12, 0);

    // Four customers, hand-computed. The retention window before October is equally long: [31 Aug, 1 Oct).
    private static readonly Customer[] Shop =
    [
        Person("A", Sale("A", "A1", Day(9, 10), 100_000), Sale("A", "A2", Day(10, 5), 200_000), Sale("A", "A3", Day(10, 20), 300_000)), // retained, repeat, returning
        Person("B", Sale("B", "B1", Day(9, 15), 50_000), Sale("B", "B2", Day(10, 3), 70_000, OrderStatus.Cancelled)),                        // churned (cancelled order is no revenue)
        Person("C", Sale("C", "C1", Day(10, 9), 400_000)),                                                                                   // new buyer
        Person("D", Sale("D", "D1", Day(3, 1), 90_000), Sale("D", "D2", Day(10, 30), 100_000)),                                               // returning, not in the base
    ];

    [Fact]
    public void ForCustomers_HandComputedShop_GivesEachFigure()
    {
        var f = ReviewCalculator.ForCustomers(Shop, October);

        Assert.Equal(4, f.Customers);
        Assert.Equal(3, f.Buyers);                // A, C, D
        Assert.Equal(1, f.NewBuyers);             // C
        Assert.Equal(1, f.RepeatBuyers);          // A
        Assert.Equal(2, f.RetentionBase);         // A, B bought in [31 Aug, 1 Oct)
        Assert.Equal(1, f.Retained);              // A
        Assert.Equal(4, f.Orders);                // A2, A3, C1, D2
        Assert.Equal(Money.Vnd(1_000_000), f.Revenue);
        Assert.Equal(Money.Vnd(600_000), f.ReturningRevenue); // A2 + A3 + D2
        Assert.Equal(0.5, f.RetentionRate);
        Assert.Equal(0.5, f.ChurnRate);
        Assert.Equal(1 / 3.0, f.RepeatPurchaseRate);
        Assert.Equal(0.6, f.ReturningRevenueShare);
        Assert.Equal(Money.Vnd(250_000), f.AverageOrderValue);
        Assert.Equal(4 / 3.0, f.PurchaseFrequency);
    }

    [Fact]
    public void ForCustomers_TwoOrdersOnOneDay_AreOnePurchaseNotARepeat()
    {
        // Issue 16: the review said "repeat buyers 3" beside the CLV's "no customer made a repeat purchase". One rule now:
        // orders on one day (in the customer's zone, else the shop's) are one purchase. E: 09:00 and 23:30 on 5 October
        // in Hanoi (02:00 and 16:30 UTC) — one day there; F: 23:30 on 5 October and 00:30 on 6 October Hanoi time.
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        Customer[] shop =
        [
            Person("E", Sale("E", "E1", Instant.FromUtc(2026, 10, 5, 2, 0), 100_000), Sale("E", "E2", Instant.FromUtc(2026, 10, 5, 16, 30), 50_000)),
            Person("F", Sale("F", "F1", Instant.FromUtc(2026, 10, 5, 16, 30), 100_000), Sale("F", "F2", Instant.FromUtc(2026, 10, 5, 17, 30), 50_000)),
        ];
        var f = ReviewCalculator.ForCustomers(shop, October, zone);

        Assert.Equal(2, f.Buyers);
        Assert.Equal(1, f.RepeatBuyers);   // F only: 5 and 6 October in Hanoi
        Assert.Equal(4, f.Orders);         // orders still count one by one for the average order value
        Assert.Equal(0, ReviewCalculator.ForCustomers(shop, October, DateTimeZone.Utc).RepeatBuyers); // both on 5 October in UTC
    }

    [Fact]
    public void ForCustomers_NobodyBought_RatesAreNullNotNaN()
    {
        var f = ReviewCalculator.ForCustomers([Person("Z")], October);

        Assert.Null(f.RetentionRate);
        Assert.Null(f.ChurnRate);
        Assert.Null(f.RepeatPurchaseRate);
        Assert.Null(f.ReturningRevenueShare);
        Assert.Null(f.AverageOrderValue);
        Assert.Null(f.PurchaseFrequency);
        Assert.Null(f.Revenue);
    }

    [Fact]
    public void ForCustomers_TwoCurrencies_Throws()
    {
        var usd = Person("U", Sale("U", "U1", Day(10, 2), 10) with { Total = new Money(10m, Currency.Usd) });
        var ex = Assert.Throws<CurrencyMismatchException>(() => ReviewCalculator.ForCustomers([Shop[0], usd], October));
        Assert.Equal("Cannot add amounts in VND and USD. Convert both amounts to one currency first.", ex.Message);
    }

    [Fact]
    public void ForCustomers_UnboundedPeriod_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReviewCalculator.ForCustomers(Shop, new Interval(Start, null)));
        Assert.StartsWith("A review period needs a start and an end.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForFeedback_HandComputedAnswers_GiveCsatNpsCes()
    {
        var id = new CustomerId("A");
        Feedback Answer(FeedbackKind kind, int score, int day = 10) => new(new FeedbackId($"F{kind}{score}{day}"), id, Day(10, day), kind, score);
        var answers = new[]
        {
            Answer(FeedbackKind.Csat, 5), Answer(FeedbackKind.Csat, 4), Answer(FeedbackKind.Csat, 2), Answer(FeedbackKind.Csat, 3),
            Answer(FeedbackKind.Nps, 10), Answer(FeedbackKind.Nps, 9), Answer(FeedbackKind.Nps, 8), Answer(FeedbackKind.Nps, 6), Answer(FeedbackKind.Nps, 0),
            Answer(FeedbackKind.Ces, 2), Answer(FeedbackKind.Ces, 5),
            Answer(FeedbackKind.StarRating, 1),
            new Feedback(new FeedbackId("late"), id, End, FeedbackKind.Nps, 0),    // the end is outside [start, end)
        };

        var f = ReviewCalculator.ForFeedback(answers, October);

        Assert.Equal(4, f.CsatResponses);
        Assert.Equal(0.5, f.Csat);
        Assert.Equal(5, f.NpsResponses);
        Assert.Equal(2, f.Promoters);
        Assert.Equal(2, f.Detractors);
        Assert.Equal(0.0, f.Nps);
        Assert.Equal(3.5, f.Ces);
    }

    [Fact]
    public void ForTickets_AlwaysOpenCalendar_MeasuresRepliesResolutionsAndBreaches()
    {
        var sla = new SlaPolicy
        {
            Targets = ImmutableDictionary<string, SlaTargets>.Empty.Add("normal", new SlaTargets(Duration.FromHours(4), null, Duration.FromHours(24))),
        };
        SupportTicket Ticket(string id, Instant opened, double? replyHours, double? solveHours) => new()
        {
            Id = new TicketId(id),
            CustomerId = new CustomerId("A"),
            OpenedAt = opened,
            Channel = ContactChannel.Zalo,
            Priority = TicketPriority.Normal,
            Status = solveHours is null ? TicketStatus.Open : TicketStatus.Solved,
            FirstReplyAt = replyHours is { } r ? opened + Duration.FromHours(r) : null,
            SolvedAt = solveHours is { } s ? opened + Duration.FromHours(s) : null,
        };
        var tickets = new[]
        {
            Ticket("T1", Day(10, 1), 1, 10),     // met both
            Ticket("T2", Day(10, 2), 6, 30),     // first reply and resolution breached
            Ticket("T3", Day(10, 3), 3, null),   // still open at the end: resolution breached long ago
            Ticket("T4", Day(9, 3), 1, 2),       // opened before the period: not counted
        };

        var f = ReviewCalculator.ForTickets(tickets, October, sla);

        Assert.Equal(3, f.Opened);
        Assert.Equal(3, f.Replied);
        Assert.Equal(Duration.FromHours(3), f.MedianFirstReply);
        Assert.Equal(Duration.FromHours(10 / 3.0), f.MeanFirstReply);
        Assert.Equal(2, f.Solved);
        Assert.Equal(Duration.FromHours(20), f.MedianResolution);
        Assert.Equal(Duration.FromHours(20), f.MeanResolution);
        Assert.Equal(2, f.Breached);
        Assert.Equal(2 / 3.0, f.BreachRate);
    }

    [Fact]
    public void ForStaff_DueActions_AreCreditedToTheLatestStaffAndDoneByAnOutboundContact()
    {
        Interaction Contact(string id, string staff, Instant at, ContactChannel channel, InteractionDirection direction) => new()
        {
            Id = new InteractionId(id),
            CustomerId = new CustomerId("A"),
            At = at,
            Channel = channel,
            Direction = direction,
            Outcome = InteractionOutcome.Reached,
            StaffId = staff,
        };
        var a = Person("A") with { History = new CustomerHistory
        {
            Interactions =
            [
                Contact("I1", "NV01", Day(9, 1), ContactChannel.Zalo, InteractionDirection.Inbound),
                Contact("I2", "NV02", Day(9, 20), ContactChannel.Sms, InteractionDirection.Outbound),
                Contact("I3", "NV02", Day(10, 6), ContactChannel.Zalo, InteractionDirection.Outbound),
            ],
        } };
        AgendaItem Item(string template, Instant due, ContactChannel channel, AgendaStatus status = AgendaStatus.Due, string customer = "A")
            => new(new CustomerId(customer), "plan", "cadence", new CareAction(channel, ContactPurpose.Marketing, template), due, due, status, null, $"{customer}/{template}");
        var due = new[]
        {
            Item("thanks", Day(10, 5), ContactChannel.Zalo),                      // NV02, done on 6 Oct by Zalo
            Item("tips", Day(10, 5), ContactChannel.Email),                       // NV02, no email contact: not done
            Item("birthday", Day(9, 10), ContactChannel.Zalo),                    // NV01 (latest before 10 Sep), I3 is outside 3 days
            Item("blocked", Day(10, 5), ContactChannel.Zalo, AgendaStatus.Skipped), // not due: ignored
            Item("ghost", Day(10, 5), ContactChannel.Zalo, customer: "X"),        // unknown customer: unassigned
        };

        var staff = ReviewCalculator.ForStaff(due, [a], Duration.FromDays(3));

        Assert.Equal<StaffFigures>(
            [new StaffFigures(StaffFigures.Unassigned, 1, 0), new StaffFigures("NV01", 1, 0), new StaffFigures("NV02", 2, 1)],
            staff);
        Assert.Equal(0.5, staff[2].DoneRate);
    }

    [Fact]
    public void AssignedStaff_IsTheStaffOfTheLatestInteractionAtOrBeforeTheInstant()
    {
        Interaction Contact(string id, string? staff, Instant at) => new()
        {
            Id = new InteractionId(id),
            CustomerId = new CustomerId("A"),
            At = at,
            Channel = ContactChannel.Zalo,
            Direction = InteractionDirection.Outbound,
            Outcome = InteractionOutcome.Reached,
            StaffId = staff,
        };
        var a = Person("A") with { History = new CustomerHistory
        {
            Interactions = [Contact("I2", "NV02", Day(9, 20)), Contact("I1", "NV01", Day(9, 1)), Contact("I3", null, Day(9, 25)), Contact("I4", "NV03", Day(10, 6))],
        } };

        Assert.Equal(StaffFigures.Unassigned, ReviewCalculator.AssignedStaff(a, Day(8, 31)));
        Assert.Equal("NV01", ReviewCalculator.AssignedStaff(a, Day(9, 1)));
        Assert.Equal("NV01", ReviewCalculator.AssignedStaff(a, Day(9, 19)));
        // An interaction without a staff member (I3) does not unassign the customer.
        Assert.Equal("NV02", ReviewCalculator.AssignedStaff(a, Day(10, 5)));
        Assert.Equal("NV03", ReviewCalculator.AssignedStaff(a, Day(10, 6)));
        Assert.Equal(StaffFigures.Unassigned, ReviewCalculator.AssignedStaff(Person("B"), Day(10, 6)));
    }

    [Fact]
    public void Compute_WithMemberships_GivesFiguresPerSegment()
    {
        var catalog = BuiltInSegments.Catalog;
        var memberships = new Dictionary<CustomerId, SegmentMembership>
        {
            [new("A")] = Membership(catalog, "loyal"),
            [new("C")] = Membership(catalog, "loyal"),
            [new("D")] = Membership(catalog, "new"),
        };

        var figures = ReviewCalculator.Compute(Shop, October, new ReviewOptions { Memberships = memberships });

        Assert.Equal(["loyal", "new"], figures.BySegment.Keys);
        Assert.Equal(ReviewCalculator.ForCustomers([Shop[0], Shop[2]], October), figures.BySegment["loyal"]);
        Assert.Equal(ReviewCalculator.ForCustomers([Shop[3]], October), figures.BySegment["new"]);
        Assert.Equal(ReviewCalculator.ForCustomers(Shop, October), figures.Customers);
        var october = figures.Cohorts.Single(c => c.Cohort == new YearMonth(2026, 10));
        Assert.Equal(1, october.Size);            // C
        var september = figures.Cohorts.Single(c => c.Cohort == new YearMonth(2026, 9));
        Assert.Equal(2, september.Size);          // A, B
        Assert.Equal<double>([1.0, 0.5], september.Retention);
    }

    private static SegmentMembership Membership(SegmentCatalog catalog, string id)
    {
        var flags = new bool[catalog.Segments.Length];
        flags[catalog.Segments.Select((s, i) => (s, i)).Single(x => x.s.Id == id).i] = true;
        return catalog.Membership(flags);
    }
}
