using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Journeys for the built-in processes, ready to use or to edit (each is exported to <c>seeds/journeys/ID.json</c>):
/// after-sale care per completed order, the support ticket per ticket, the warranty case per claim, the customer
/// lifecycle and activity per customer, win-back on entering <c>lapsed</c>, a welcome on entering <c>vip</c>, and the
/// care plans' occasions (birthday, Tết) as date-triggered journeys.
/// </summary>
public static class BuiltInJourneys
{
    private static readonly EventFilter Completed = Where("status", "completed");

    /// <summary>Win-back: an offer on Zalo, a voucher by SMS two weeks later, done two weeks after that.</summary>
    public static ProcessDefinition WinBackProcess { get; } = BuiltInJourneyTexts.WithVietnamese(new ProcessBuilder("win-back", "Win-back", "offer")
        .Describe("For a customer who lapsed: an offer, then a reminder with a voucher; the journey exits when the customer buys again.")
        .State("offer", "Win-back offer sent", onEntry: [new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "win-back-offer")])
        .State("reminder", "Voucher reminder sent", onEntry: [new SendMessage(ContactChannel.Sms, ContactPurpose.Marketing, "comeback-voucher")])
        .State("done", "Win-back finished", final: true)
        .After("offer", Duration.FromDays(14), "reminder")
        .After("reminder", Duration.FromDays(14), "done")
        .Build());

    /// <summary>VIP welcome: a welcome message and a call task; done after a week.</summary>
    public static ProcessDefinition VipWelcomeProcess { get; } = BuiltInJourneyTexts.WithVietnamese(new ProcessBuilder("vip-welcome", "VIP welcome", "welcome")
        .Describe("For a customer who became a VIP: a welcome with the VIP perks and a personal call within three days.")
        .State("welcome", "Welcomed", onEntry:
        [
            new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "vip-welcome"),
            new CreateTask("Call to welcome the new VIP", "care", Duration.FromDays(3)),
        ])
        .State("done", "Welcome finished", final: true)
        .After("welcome", Duration.FromDays(7), "done")
        .Build());

    /// <summary>Birthday greeting: one message on the day.</summary>
    public static ProcessDefinition BirthdayGreetingProcess { get; } = Greeting("birthday-greeting", "Birthday greeting", ContactChannel.Zalo, "birthday-greeting");

    /// <summary>Tết greeting: one message before Tết.</summary>
    public static ProcessDefinition TetGreetingProcess { get; } = Greeting("tet-greeting", "Tết greeting", ContactChannel.Zalo, "tet-greeting");

    /// <summary>The built-in processes (<see cref="BuiltInProcesses.All"/>) and the engine's own: win-back, VIP welcome, birthday and Tết greetings.</summary>
    public static ImmutableArray<ProcessDefinition> Processes { get; } = [.. BuiltInProcesses.All, WinBackProcess, VipWelcomeProcess, BirthdayGreetingProcess, TetGreetingProcess];

    /// <summary>After-sale care for each completed order; exits when the order is returned or cancelled; goal: another order.</summary>
    public static Journey AfterSale { get; } = new()
    {
        Id = "after-sale",
        Name = BuiltInJourneyTexts.Text("After-sale care per completed order", "Chăm sóc sau bán cho mỗi đơn hàng hoàn tất"),
        Description = BuiltInJourneyTexts.Text("Thank, ask for feedback, check in and reward after each completed order; a rating of 3 or less is handled as a complaint.", "Sau mỗi đơn hàng hoàn tất: cảm ơn, xin đánh giá, hỏi thăm và tặng ưu đãi; khách chấm từ 3 sao trở xuống được xử lý như một khiếu nại."),
        Process = "after-sale",
        Entry = new EventEntry([CareEventType.OrderPlaced, CareEventType.OrderStatusChanged], Completed),
        Correlation = JourneyCorrelation.Order,
        Steps =
        [
            new JourneyStep(CareEventType.FeedbackReceived, "feedback-received", Where("kind", "starRating", "csat"), Args(("rating", "score"))),
        ],
        Exits = [new EventExit([CareEventType.OrderStatusChanged], Where("status", "returned", "cancelled"))],
        Goal = new JourneyGoal([CareEventType.OrderPlaced], EventFilter.None),
    };

    /// <summary>The support ticket for each ticket; a customer's reply to a finished ticket starts a follow-up instance.</summary>
    public static Journey SupportTicket { get; } = new()
    {
        Id = "support-ticket",
        Name = BuiltInJourneyTexts.Text("Support ticket per ticket", "Xử lý từng phiếu hỗ trợ"),
        Description = BuiltInJourneyTexts.Text("Acknowledge, track replies and solve; a solved ticket closes after 4 days unless the customer replies; a reply to a closed ticket starts a follow-up.", "Tiếp nhận, theo dõi phản hồi và giải quyết; phiếu đã giải quyết tự đóng sau 4 ngày nếu khách không trả lời; khách trả lời phiếu đã đóng thì mở phiếu tiếp nối."),
        Process = "support-ticket",
        Entry = new EventEntry([CareEventType.TicketOpened, CareEventType.TicketCustomerReplied], EventFilter.None),
        Correlation = JourneyCorrelation.Ticket,
        Reentry = JourneyReentry.AfterExit,
        Steps =
        [
            new JourneyStep(CareEventType.TicketStaffReplied, "agent-reply", EventFilter.None, Args()),
            new JourneyStep(CareEventType.TicketCustomerReplied, "customer-reply", EventFilter.None, Args()),
            new JourneyStep(CareEventType.TicketSolved, "solve", EventFilter.None, Args()),
        ],
        Exits = [new EventExit([CareEventType.TicketClosed], EventFilter.None)],
    };

    /// <summary>The warranty case for each claim.</summary>
    public static Journey Warranty { get; } = new()
    {
        Id = "warranty-case",
        Name = BuiltInJourneyTexts.Text("Warranty case per claim", "Xử lý từng yêu cầu bảo hành"),
        Description = BuiltInJourneyTexts.Text("Receive, decide (the decision both diagnoses and decides), repair or replace, hand back; after-sale care follows the hand-back.", "Nhận máy, kiểm tra và quyết định bảo hành, sửa hoặc đổi mới, trả lại khách; sau khi trả hàng thì chuyển sang chăm sóc sau bán."),
        Process = "warranty-case",
        Entry = new EventEntry([CareEventType.WarrantyClaimOpened], EventFilter.None),
        Correlation = JourneyCorrelation.Warranty,
        Steps =
        [
            new JourneyStep(CareEventType.WarrantyClaimDecided, "diagnosed", EventFilter.None, Args()),
            new JourneyStep(CareEventType.WarrantyClaimDecided, "decide", EventFilter.None, Args(("underWarranty", "accepted"))),
            new JourneyStep(CareEventType.WarrantyItemReturned, "repaired", EventFilter.None, Args()),
            new JourneyStep(CareEventType.WarrantyItemReturned, "handed-back", EventFilter.None, Args()),
        ],
    };

    /// <summary>The customer lifecycle, from the first completed order.</summary>
    public static Journey Lifecycle { get; } = new()
    {
        Id = "customer-lifecycle",
        Name = BuiltInJourneyTexts.Text("Customer lifecycle", "Vòng đời khách hàng"),
        Description = BuiltInJourneyTexts.Text("Conversion, retention and loyalty as completed orders accumulate.", "Khách chuyển từ mua lần đầu sang mua lại rồi thành khách trung thành theo số đơn hàng hoàn tất."),
        Process = "customer-lifecycle",
        Entry = new EventEntry([CareEventType.OrderPlaced, CareEventType.OrderStatusChanged], Completed),
        Steps =
        [
            new JourneyStep(CareEventType.OrderPlaced, "order-placed", Completed, Args(("orderCount", JourneyJson.CompletedOrdersSource))),
            new JourneyStep(CareEventType.OrderStatusChanged, "order-placed", Completed, Args(("orderCount", JourneyJson.CompletedOrdersSource))),
        ],
    };

    /// <summary>The customer's activity (active, at risk, lapsed …), from the first completed order.</summary>
    public static Journey Activity { get; } = new()
    {
        Id = "customer-activity",
        Name = BuiltInJourneyTexts.Text("Customer activity", "Mức độ mua sắm của khách"),
        Description = BuiltInJourneyTexts.Text("Timers since the last completed order move the customer to at risk and lapsed; an order brings them back.", "Tính từ đơn hoàn tất gần nhất, khách lâu không mua sẽ chuyển sang nhóm có nguy cơ rời bỏ rồi nhóm đã lâu không quay lại; có đơn mới thì khách trở lại bình thường."),
        Process = "customer-activity",
        Entry = new EventEntry([CareEventType.OrderPlaced, CareEventType.OrderStatusChanged], Completed),
        Steps =
        [
            new JourneyStep(CareEventType.OrderPlaced, "order-placed", Completed, Args()),
            new JourneyStep(CareEventType.OrderStatusChanged, "order-placed", Completed, Args()),
        ],
    };

    /// <summary>Win-back on entering <c>lapsed</c>; exits on leaving it; goal: a completed order.</summary>
    public static Journey WinBack { get; } = new()
    {
        Id = "win-back",
        Name = BuiltInJourneyTexts.Text("Win-back on lapsing", "Mời quay lại khi khách lâu không mua"),
        Description = BuiltInJourneyTexts.Text("When a customer enters 'lapsed' (nothing for 180 days): an offer, then a voucher. Leaving 'lapsed' (an order) ends it.", "Khi khách vào nhóm 'lapsed' (180 ngày không mua): gửi ưu đãi, sau đó gửi phiếu giảm giá. Khách rời nhóm 'lapsed' (có đơn mới) thì dừng."),
        Process = "win-back",
        Entry = new SegmentEnteredEntry("lapsed"),
        Reentry = JourneyReentry.AfterExit,
        CoolDown = Duration.FromDays(90),
        Exits = [new SegmentExitedExit("lapsed")],
        Goal = new JourneyGoal([CareEventType.OrderPlaced, CareEventType.OrderStatusChanged], Completed),
    };

    /// <summary>A welcome on entering <c>vip</c>, at most once a year.</summary>
    public static Journey VipWelcome { get; } = new()
    {
        Id = "vip-welcome",
        Name = BuiltInJourneyTexts.Text("VIP welcome", "Chào mừng khách VIP"),
        Description = BuiltInJourneyTexts.Text("When a customer enters 'vip': a welcome message and a personal call.", "Khi khách vào nhóm 'vip': gửi lời chào mừng và gọi điện riêng cho khách."),
        Process = "vip-welcome",
        Entry = new SegmentEnteredEntry("vip"),
        Reentry = JourneyReentry.AfterExit,
        CoolDown = Duration.FromDays(365),
    };

    /// <summary>A birthday greeting at 09:00 on the day, every year.</summary>
    public static Journey Birthday { get; } = new()
    {
        Id = "birthday",
        Name = BuiltInJourneyTexts.Text("Birthday greeting", "Chúc mừng sinh nhật"),
        Description = BuiltInJourneyTexts.Text("A greeting on the customer's birthday (needs the birth date), every year.", "Gửi lời chúc đúng ngày sinh nhật khách hằng năm (cần có ngày sinh)."),
        Process = "birthday-greeting",
        Entry = new OccasionEntry(Occasion.Birthday, 0, new LocalTime(9, 0)),
        Reentry = JourneyReentry.Always,
    };

    /// <summary>A Tết greeting at 09:00 two days before Tết, every year.</summary>
    public static Journey Tet { get; } = new()
    {
        Id = "tet",
        Name = BuiltInJourneyTexts.Text("Tết greeting", "Chúc Tết"),
        Description = BuiltInJourneyTexts.Text("A greeting two days before Lunar New Year, every year.", "Gửi lời chúc Tết hằng năm, hai ngày trước Tết Nguyên đán."),
        Process = "tet-greeting",
        Entry = new OccasionEntry(Occasion.Tet, 2, new LocalTime(9, 0)),
        Reentry = JourneyReentry.Always,
    };

    /// <summary>All built-in journeys.</summary>
    public static ImmutableArray<Journey> All { get; } = [AfterSale, SupportTicket, Warranty, Lifecycle, Activity, WinBack, VipWelcome, Birthday, Tet];

    private static ProcessDefinition Greeting(string id, string name, ContactChannel channel, string template)
        => BuiltInJourneyTexts.WithVietnamese(new ProcessBuilder(id, name, "greeted")
            .Describe($"{name}: one message.")
            .State("greeted", "Greeting sent", onEntry: [new SendMessage(channel, ContactPurpose.Marketing, template)])
            .State("done", "Done", final: true)
            .After("greeted", Duration.FromDays(1), "done")
            .Build());

    private static EventFilter Where(string field, params string[] values)
        => new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(field, ImmutableArray.Create(values))]));

    private static ImmutableSortedDictionary<string, string> Args(params (string Parameter, string Source)[] pairs)
        => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs.Select(p => KeyValuePair.Create(p.Parameter, p.Source)));
}
