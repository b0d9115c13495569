using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

public sealed class EngineTests
{
    [Fact]
    public async Task ACompletedOrder_StartsAfterSaleLifecycleAndActivity_AndQueuesTheirMessages()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        var r = await engine.HandleAsync(Order("C1", "A-1", at));
        Assert.Equal(HandleOutcome.Applied, r.Outcome);
        Assert.Equal(
            ["after-sale@v1 A-1 Enrolled", "customer-lifecycle@v1 C1 Enrolled", "customer-lifecycle@v1 C1 Transition", "customer-activity@v1 C1 Enrolled", "customer-activity@v1 C1 Transition"],
            r.Instances.Select(c => $"{c.JourneyId} {c.InstanceId} {c.Kind}"));
        var outbox = await Outbox(store);
        Assert.Equal(["order-follow-up", "thank-you-first-order"], outbox.Select(o => o.Message.Template).Order(StringComparer.Ordinal));
        Assert.All(outbox, o => Assert.Equal((OutboxState.Pending, ContactVerdict.Allowed, at), (o.State, o.Verdict, o.Message.DueAt)));
        var followUp = outbox.Single(o => o.Message.Template == "order-follow-up").Message;
        Assert.Equal("after-sale@v1/C1/A-1/1.0/2026-03-02T02:00:00Z", followUp.IdempotencyKey);
        Assert.Contains("new", r.Entered);
        Assert.Empty(r.Exited);
    }

    [Fact]
    public async Task OrderEvents_LeaveEarlierStoredStatesUntouched()
    {
        // Order events are applied copy-on-write (unchanged orders are shared between successive states): a state read
        // before a status change or a second order must still show the orders as they were then.
        var (engine, store) = NewEngine();
        await engine.HandleAsync(Order("C1", "A-1", Local(3, 2, 9), status: OrderStatus.Pending));
        var first = (await store.LoadAsync(new("C1"))).State!.Record!;
        await engine.HandleAsync(new OrderStatusChangedEvent("A-1", OrderStatus.Completed) { EventId = "status:A-1", CustomerId = new("C1"), At = Local(3, 3, 9) });
        await engine.HandleAsync(Order("C1", "A-2", Local(3, 4, 9)));
        var last = (await store.LoadAsync(new("C1"))).State!.Record!;
        Assert.Equal([("A-1", OrderStatus.Pending)], first.Orders.Select(o => (o.Id, o.Status)));
        Assert.Equal([("A-1", OrderStatus.Completed), ("A-2", OrderStatus.Completed)], last.Orders.Select(o => (o.Id, o.Status)));
    }

    [Fact]
    public async Task TheSameEventTwice_ChangesNothing()
    {
        var (engine, store) = NewEngine();
        var e = Order("C1", "A-1", Local(3, 2, 9));
        await engine.HandleAsync(e);
        var before = (await store.LoadAsync(new("C1"))).Version;
        var again = await engine.HandleAsync(e);
        Assert.Equal(HandleOutcome.Duplicate, again.Outcome);
        Assert.Equal(before, (await store.LoadAsync(new("C1"))).Version);
        Assert.Equal(2, (await Outbox(store)).Count);
    }

    [Fact]
    public async Task Timers_FireFromTheNextDueIndex_AtTheirOwnInstants()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var early = await engine.AdvanceAsync(at + Duration.FromDays(1));
        Assert.Empty(early.Customers);
        var due = await engine.AdvanceAsync(at + Duration.FromDays(3));
        var messages = due.Messages.ToList();
        var review = Assert.Single(messages);
        Assert.Equal(("review-request", at + Duration.FromDays(2)), (review.Message.Template, review.Message.DueAt));
        Assert.Equal("after-sale@v1/C1/A-1/2.0/2026-03-04T02:00:00Z", review.Message.IdempotencyKey);
    }

    [Fact]
    public async Task MarketingWithoutConsent_IsSkipped_WithTheReason()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        await engine.AdvanceAsync(at + Duration.FromDays(45));
        var perks = (await Outbox(store)).Where(o => o.Message.Template is "loyalty-perks" or "referral-ask").ToList();
        Assert.Equal(2, perks.Count);
        Assert.All(perks, p => Assert.Equal((OutboxState.Cancelled, ContactVerdict.Skipped, "no marketing consent for Zalo"), (p.State, p.Verdict, p.Reason)));
    }

    [Fact]
    public async Task AWithdrawal_CancelsQueuedMessages_AndTheSendTimeCheckRefuses()
    {
        var (engine, store) = NewEngine();
        var granted = Local(1, 1, 9);
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, granted));
        var at = Local(3, 2, 21, 59);
        await engine.HandleAsync(Order("C1", "A-1", at));
        await engine.AdvanceAsync(at + Duration.FromDays(39));
        var perks = (await Outbox(store)).Where(o => o.Message.Template == "loyalty-perks").ToList();
        var queued = Assert.Single(perks);
        Assert.Equal(OutboxState.Pending, queued.State);
        Assert.Equal(SendCheck.Send, await engine.CheckBeforeSendAsync(queued.Message, queued.Message.DueAt));

        var withdrawn = queued.Message.DueAt - Duration.FromMinutes(1);
        var r = await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Withdrawn, withdrawn));
        Assert.Contains(r.Cancelled, c => (c.Channel, c.Purpose) == (ContactChannel.Zalo, ContactPurpose.Marketing));
        var after = (await Outbox(store)).Single(o => o.Message.IdempotencyKey == queued.Message.IdempotencyKey);
        Assert.Equal((OutboxState.Cancelled, "marketing consent for Zalo withdrawn"), (after.State, after.Reason));
        Assert.Equal(SendVerdict.Cancel, (await engine.CheckBeforeSendAsync(queued.Message, queued.Message.DueAt)).Verdict);
    }

    [Fact]
    public async Task Erasure_DropsQueuedWork_AndLaterEventsAreIgnored()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var pending = await Outbox(store, OutboxState.Pending);
        Assert.NotEmpty(pending);
        await engine.HandleAsync(new CustomerErasedEvent { EventId = "erase", CustomerId = new("C1"), At = at + Duration.FromHours(1) });
        Assert.Empty(await Outbox(store, OutboxState.Pending));
        Assert.All(await Outbox(store, OutboxState.Cancelled), o => Assert.Equal("customer erased", o.Reason));
        Assert.Empty(await store.ListTasksAsync());
        var later = await engine.HandleAsync(Order("C1", "A-2", at + Duration.FromDays(1)));
        Assert.Equal(HandleOutcome.Ignored, later.Outcome);
        Assert.Empty(await Outbox(store, OutboxState.Pending));
        Assert.Equal(SendCheck.Cancel("customer erased"), await engine.CheckBeforeSendAsync(pending[0].Message, at + Duration.FromHours(2)));
        var state = (await store.LoadAsync(new("C1"))).State!;
        Assert.True(state.Erased);
        Assert.Null(state.Record);
        Assert.All(state.Instances, i => Assert.True(i.Status != InstanceStatus.Active && i.Correlation.Length == 0 && i.InstanceId.StartsWith("erased#", StringComparison.Ordinal) && i.Snapshot.Data.IsEmpty));
    }

    [Fact]
    public async Task SupportTicket_RunsPerTicket_AndClosesAfterFourDays()
    {
        var (engine, store) = NewEngine();
        var at = Local(4, 1, 10);
        var ticket = new SupportTicket { Id = new("T-1"), CustomerId = new("C1"), OpenedAt = at, Channel = ContactChannel.Email };
        await engine.HandleAsync(new TicketOpenedEvent(ticket) { EventId = "t1", CustomerId = new("C1"), At = at });
        await engine.HandleAsync(new TicketStaffRepliedEvent("T-1") { EventId = "t2", CustomerId = new("C1"), At = at + Duration.FromHours(1) });
        var solved = await engine.HandleAsync(new TicketSolvedEvent("T-1") { EventId = "t3", CustomerId = new("C1"), At = at + Duration.FromHours(2) });
        Assert.Equal("solved", solved.Instances.Single(c => c.Kind == InstanceChangeKind.Transition).State);
        var done = await engine.AdvanceAsync(at + Duration.FromDays(5));
        Assert.Contains(done.Customers.Single().Instances, c => c.Kind == InstanceChangeKind.Completed && c.State == "closed");
        Assert.Equal(["ticket-received", "satisfaction-survey"], (await Outbox(store)).Select(o => o.Message.Template));
        var stats = await engine.StatisticsAsync();
        Assert.Equal(new JourneyFigures("support-ticket@v1", 1, 0, 1, 0, 0), stats.Journeys.Single(j => j.JourneyId == "support-ticket@v1"));

        // A reply to the closed ticket starts a follow-up instance.
        var reply = await engine.HandleAsync(new TicketCustomerRepliedEvent("T-1") { EventId = "t4", CustomerId = new("C1"), At = at + Duration.FromDays(6) });
        Assert.Contains(reply.Instances, c => c.Kind == InstanceChangeKind.Enrolled && c.InstanceId == "T-1#2");
    }

    [Fact]
    public async Task Lapsing_StartsWinBack_WithoutAnyEvent_AndAnOrderEndsIt()
    {
        var (engine, store) = NewEngine();
        var at = Local(1, 5, 10);
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, at));
        await engine.HandleAsync(Order("C1", "A-1", at));
        var advanced = await engine.AdvanceAsync(at + Duration.FromDays(200));
        var changes = advanced.Customers.SelectMany(c => c.Instances).ToList();
        var enrolled = Assert.Single(changes, c => c.JourneyId == "win-back@v1" && c.Kind == InstanceChangeKind.Enrolled);
        Assert.Equal((at + Duration.FromDays(181), "entered segment 'lapsed'"), (enrolled.At, enrolled.Detail));
        Assert.Contains(advanced.Messages, m => m.Message.Template == "win-back-offer");

        var back = await engine.HandleAsync(Order("C1", "A-2", at + Duration.FromDays(201)));
        Assert.Contains("lapsed", back.Exited);
        Assert.Contains(back.Instances, c => c.JourneyId == "win-back@v1" && c.Kind == InstanceChangeKind.GoalReached);
        Assert.Contains(back.Instances, c => c.JourneyId == "win-back@v1" && c.Kind == InstanceChangeKind.Exited && c.Detail == "left segment 'lapsed'");
        var stats = await engine.StatisticsAsync();
        Assert.Equal(new JourneyFigures("win-back@v1", 1, 0, 0, 1, 1), stats.Journeys.Single(j => j.JourneyId == "win-back@v1"));
    }

    [Fact]
    public async Task Birthday_IsADateTriggeredJourney_EveryYear()
    {
        var (engine, store) = NewEngine();
        var at = Local(1, 5, 10);
        await engine.HandleAsync(Profile("C1", at, new LocalDate(1990, 3, 8)));
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, at));
        await engine.AdvanceAsync(Local(12, 31, 0));
        var greetings = (await Outbox(store)).Where(o => o.Message.Template == "birthday-greeting").ToList();
        var greeting = Assert.Single(greetings);
        Assert.Equal(Local(3, 8, 9), greeting.Message.DueAt);
        var tet = (await Outbox(store)).Where(o => o.Message.Template == "tet-greeting").ToList();
        Assert.Equal(OccasionCalendar.Default.Tet(2026)!.Value.PlusDays(-2), Assert.Single(tet).Message.DueAt.InZone(Hcm).Date);
    }

    [Fact]
    public async Task AMessageDueInQuietHours_IsDeferred_AndCountsOnTheDayItIsSent()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 23);
        var r = await engine.HandleAsync(Order("C1", "A-1", at));
        var followUp = r.Messages.Single(m => m.Message.Template == "order-follow-up");
        Assert.Equal((ContactVerdict.Deferred, Local(3, 3, 7), "outside Zalo hours 07:00–22:00"), (followUp.Verdict, followUp.Message.DueAt, followUp.Reason));
        Assert.EndsWith("/2026-03-02T16:00:00Z", followUp.Message.IdempotencyKey, StringComparison.Ordinal);
        var state = (await store.LoadAsync(new("C1"))).State!;
        Assert.Contains(state.Contacts, c => c.IdempotencyKey == followUp.Message.IdempotencyKey && c.At == Local(3, 3, 7));
    }

    [Fact]
    public async Task ExitWhileWaiting_CancelsTheInstancesQueuedMessages()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 23);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var r = await engine.HandleAsync(new OrderStatusChangedEvent("A-1", OrderStatus.Returned) { EventId = "ret", CustomerId = new("C1"), At = at + Duration.FromHours(1) });
        Assert.Contains(r.Instances, c => c.JourneyId == "after-sale@v1" && c.Kind == InstanceChangeKind.Exited && c.Detail == "event orderStatusChanged");
        var followUp = (await Outbox(store)).Single(o => o.Message.Template == "order-follow-up");
        Assert.Equal((OutboxState.Cancelled, "journey exited: event orderStatusChanged"), (followUp.State, followUp.Reason));
        Assert.Equal(SendVerdict.Cancel, (await engine.CheckBeforeSendAsync(followUp.Message, Local(3, 3, 7))).Verdict);
    }

    /// <summary>Ids with '/' and '%' are escaped in keys; an exit still finds its instance's cap reservations by the escaped key prefix.</summary>
    [Fact]
    public async Task ExitWhileWaiting_IdsNeedingEscapes_DropsTheInstancesReservationsOnly()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 23);
        await engine.HandleAsync(Order("C/1%", "A/1", at));
        await engine.HandleAsync(Order("C/1%", "A/2", at + Duration.FromMinutes(5)));
        var queued = await Outbox(store);
        var followUp = queued.Single(o => o.Message.Template == "order-follow-up" && o.Message.InstanceId == "A/1");
        var other = queued.Single(o => o.Message.Template == "order-follow-up" && o.Message.InstanceId == "A/2");
        Assert.StartsWith("after-sale@v1/C%2F1%25/A%2F1/", followUp.Message.IdempotencyKey, StringComparison.Ordinal);
        var before = (await store.LoadAsync(new("C/1%"))).State!;
        Assert.Contains(before.Contacts, c => c.IdempotencyKey == followUp.Message.IdempotencyKey);

        await engine.HandleAsync(new OrderStatusChangedEvent("A/1", OrderStatus.Returned) { EventId = "ret", CustomerId = new("C/1%"), At = at + Duration.FromHours(1) });

        var after = (await store.LoadAsync(new("C/1%"))).State!;
        Assert.DoesNotContain(after.Contacts, c => c.IdempotencyKey == followUp.Message.IdempotencyKey);
        Assert.Contains(after.Contacts, c => c.IdempotencyKey == other.Message.IdempotencyKey);
        Assert.Equal(OutboxState.Cancelled, (await Outbox(store)).Single(o => o.Message.IdempotencyKey == followUp.Message.IdempotencyKey).State);
        Assert.Equal(OutboxState.Pending, (await Outbox(store)).Single(o => o.Message.IdempotencyKey == other.Message.IdempotencyKey).State);
    }

    [Fact]
    public async Task Merge_MovesOrdersAndConsents_AndTombstonesTheAbsorbed()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C2", "B-1", at));
        await engine.HandleAsync(Consent("C2", ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, at));
        await engine.HandleAsync(Order("C1", "A-1", at + Duration.FromHours(1)));
        await engine.HandleAsync(new CustomersMergedEvent(new CustomerId("C2")) { EventId = "merge", CustomerId = new("C1"), At = at + Duration.FromHours(2) });
        var survivor = (await store.LoadAsync(new("C1"))).State!;
        Assert.Equal(["A-1", "B-1"], survivor.Record!.Orders.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.True(survivor.Consents.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing));
        var absorbed = (await store.LoadAsync(new("C2"))).State!;
        Assert.Equal(new CustomerId("C1"), absorbed.MergedInto);
        Assert.All((await Outbox(store)).Where(o => o.Message.CustomerId == new CustomerId("C2")), o => Assert.Equal(OutboxState.Cancelled, o.State));
    }

    [Fact]
    public async Task AWithdrawalInAProfilesLedger_CancelsLikeAConsentEvent()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 23);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var queued = (await Outbox(store, OutboxState.Pending)).Select(o => o.Message.IdempotencyKey).ToList();
        Assert.NotEmpty(queued);
        var withdrawn = new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Transactional, ConsentStatus.Withdrawn, at + Duration.FromMinutes(5));
        var profile = new Customer { Id = new("C1"), DisplayName = "Lan", CreatedAt = at, Consents = ConsentLedger.From([withdrawn]) };
        var r = await engine.HandleAsync(new ProfileChangedEvent(profile) { EventId = "p", CustomerId = new("C1"), At = at + Duration.FromMinutes(5) });
        Assert.Equal([(ContactChannel.Zalo, ContactPurpose.Transactional, "Zalo service messages withdrawn")], r.Cancelled.Select(c => (c.Channel!.Value, c.Purpose!.Value, c.Reason)));
        Assert.Empty(await Outbox(store, OutboxState.Pending));
    }
}
