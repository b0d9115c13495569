using NodaTime.Testing;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

/// <summary>Faults found in the first user trial: event instants, out-of-order events, late sends, missing addresses, erasure figures.</summary>
public sealed class EventInstantTests
{
    [Fact]
    public async Task AFutureDatedEvent_IsRefused_NamingTheEventAndBothInstants_AndLeavesTheCustomersClockAlone()
    {
        var now = Local(3, 2, 9);
        var clock = new FakeClock(now);
        var (engine, store) = NewEngine(new CareEngineOptions { Clock = clock });
        await engine.HandleAsync(Order("C1", "A-1", now));

        var typo = new TimePassedEvent { EventId = "tick:typo", CustomerId = new("C1"), At = now + Duration.FromDays(365) };
        var ex = await Assert.ThrowsAsync<InvalidEventException>(async () => await engine.HandleAsync(typo));
        Assert.Equal("$.at", ex.Problem.Location);
        Assert.Contains("'tick:typo'", ex.Problem.Message, StringComparison.Ordinal);
        Assert.Contains((now + Duration.FromDays(365)).ToString(), ex.Problem.Message, StringComparison.Ordinal);
        Assert.Contains(now.ToString(), ex.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("8760:00:00 ahead", ex.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(now, (await store.LoadAsync(new("C1"))).State!.Clock);
        Assert.False(await store.IsProcessedAsync(new("C1"), "tick:typo"));

        // Within the lead (clock skew) it is applied; the corrected event may be sent under the same id.
        var skewed = await engine.HandleAsync(typo with { At = now + Duration.FromMinutes(59) });
        Assert.Equal(HandleOutcome.Applied, skewed.Outcome);
        await Assert.ThrowsAsync<InvalidEventException>(async () => await engine.HandleAsync(Order("C1", "A-2", now + Duration.FromMinutes(61))));
    }

    [Fact]
    public async Task WithoutAClock_EventsAreNotChecked_AsInReplay()
    {
        var (engine, _) = NewEngine();
        var r = await engine.HandleAsync(Order("C1", "A-1", Local(3, 2, 9) + Duration.FromDays(3650)));
        Assert.Equal(HandleOutcome.Applied, r.Outcome);
    }

    [Fact]
    public void ANegativeMaxEventLead_IsRefusedAtConstruction()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CareEngine(new CareEngineOptions { MaxEventLead = Duration.FromMinutes(-1) }, new InMemoryEngineStore()));
        Assert.Equal("options.MaxEventLead", ex.ParamName);
    }

    [Fact]
    public async Task AStatusChangeBeforeItsOrder_IsHeld_AndAppliedWhenTheOrderArrives_NotCountedAsItsOwnGoal()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        var completed = new OrderStatusChangedEvent("A-1", OrderStatus.Completed) { EventId = "s1", CustomerId = new("C1"), At = at };
        var held = await engine.HandleAsync(completed);
        Assert.Equal(HandleOutcome.Held, held.Outcome);
        Assert.Empty(held.Instances);
        Assert.Equal($"order 'A-1' not seen yet: its status change to completed at {at} is held until the order's orderPlaced arrives", Assert.Single(held.Notices));
        Assert.Equal(new HeldOrderStatus("A-1", OrderStatus.Completed, at), Assert.Single((await store.LoadAsync(new("C1"))).State!.HeldOrderStatuses));

        // The order (placed earlier, pending) arrives late: the later status wins, after-sale starts, no goal on its own order.
        var placed = await engine.HandleAsync(Order("C1", "A-1", at - Duration.FromHours(1), status: OrderStatus.Pending));
        Assert.Equal(HandleOutcome.Applied, placed.Outcome);
        Assert.Contains(placed.Instances, c => (c.JourneyId, c.InstanceId, c.Kind) == ("after-sale@v1", "A-1", InstanceChangeKind.Enrolled));
        Assert.DoesNotContain(placed.Instances, c => c.Kind == InstanceChangeKind.GoalReached);
        Assert.Contains("held status change to completed", Assert.Single(placed.Notices), StringComparison.Ordinal);
        var state = (await store.LoadAsync(new("C1"))).State!;
        Assert.Equal(OrderStatus.Completed, state.Record!.Orders.Single(o => o.Id == "A-1").Status);
        Assert.Empty(state.HeldOrderStatuses);

        // A repeated orderPlaced of the same order (another event id) is not the goal of that order's instance either.
        var repeat = await engine.HandleAsync(Order("C1", "A-1", at + Duration.FromHours(1)) with { EventId = "again" });
        Assert.DoesNotContain(repeat.Instances, c => c.Kind == InstanceChangeKind.GoalReached && c.InstanceId == "A-1");

        // Another order is the conversion.
        var other = await engine.HandleAsync(Order("C1", "A-2", at + Duration.FromHours(2)));
        Assert.Contains(other.Instances, c => (c.InstanceId, c.Kind) == ("A-1", InstanceChangeKind.GoalReached));
    }

    [Fact]
    public async Task AHeldStatusOlderThanTheOrder_IsDropped_TheOrdersOwnStatusWins()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(new OrderStatusChangedEvent("A-1", OrderStatus.Cancelled) { EventId = "s1", CustomerId = new("C1"), At = at - Duration.FromHours(2) });
        var placed = await engine.HandleAsync(Order("C1", "A-1", at));
        Assert.Contains("was dropped", Assert.Single(placed.Notices), StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Completed, (await store.LoadAsync(new("C1"))).State!.Record!.Orders.Single().Status);
    }

    [Fact]
    public async Task ATicketEventNamingATicketNeverOpened_IsIgnored_WithTheReason()
    {
        var (engine, _) = NewEngine();
        var at = Local(3, 2, 9);
        var stray = await engine.HandleAsync(new TicketCustomerRepliedEvent("T-9") { EventId = "r1", CustomerId = new("C1"), At = at });
        Assert.Equal(HandleOutcome.Ignored, stray.Outcome);
        Assert.Equal("ticket 'T-9' was never opened: ticketCustomerReplied ignored", Assert.Single(stray.Notices));
        Assert.Empty(stray.Instances);

        var claim = await engine.HandleAsync(new WarrantyClaimDecidedEvent("W-1", true) { EventId = "w1", CustomerId = new("C1"), At = at });
        Assert.Equal("warranty claim 'W-1' was never opened: warrantyClaimDecided ignored", Assert.Single(claim.Notices));

        await engine.HandleAsync(new TicketOpenedEvent(new SupportTicket { Id = new("T-9"), CustomerId = new("C1"), OpenedAt = at, Channel = ContactChannel.Email })
        { EventId = "open", CustomerId = new("C1"), At = at + Duration.FromMinutes(1) });
        var reply = await engine.HandleAsync(new TicketCustomerRepliedEvent("T-9") { EventId = "r2", CustomerId = new("C1"), At = at + Duration.FromMinutes(2) });
        Assert.Equal(HandleOutcome.Applied, reply.Outcome);
        Assert.Empty(reply.Notices);
    }

    [Fact]
    public async Task ADeferredMessage_SentAPollLate_IsSent_TheDeadlineCountsFromItsPlannedInstant()
    {
        // Queued at 22:30 (outside Zalo's hours) and deferred to 07:00; the deadline, 9 hours, holds from 22:30 to 07:00.
        // A dispatcher polling 40 minutes late sends it: lateness counts from the planned 07:00, not the 22:30 in its key
        // (the first-trial fix had counted from the key and cancelled every deferred message a poll delay late).
        var (engine, store) = NewEngine(new CareEngineOptions { Policy = ContactPolicy.Vietnam with { DeferDeadline = Duration.FromHours(9) } });
        await engine.HandleAsync(Order("C1", "A-1", Local(3, 2, 22, 30)));
        var message = (await Outbox(store)).Single(o => o.Message.Template == "order-follow-up").Message;
        Assert.Equal(Local(3, 3, 7), message.DueAt);

        Assert.Equal(SendCheck.Send, await engine.CheckBeforeSendAsync(message, Local(3, 3, 7, 40)));
        Assert.Equal(SendVerdict.Cancel, (await engine.CheckBeforeSendAsync(message, Local(3, 3, 16, 1))).Verdict);
    }

    [Fact]
    public async Task AfterDowntime_AMessagePastTheDeferralDeadline_IsCancelled_NamingBothInstants()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var message = (await Outbox(store)).Single(o => o.Message.Template == "order-follow-up").Message;
        var due = message.DueAt;
        Assert.Equal(SendCheck.Send, await engine.CheckBeforeSendAsync(message, due + Duration.FromDays(2)));
        var now = due + Duration.FromDays(38);
        Assert.Equal(
            SendCheck.Cancel($"send at {now} is more than 48:00:00 after the message was due at {due}: past the deferral deadline"),
            await engine.CheckBeforeSendAsync(message, now));

        // Outside the hours a minute before the deadline: the next allowed instant (07:00) is past it, so cancelled rather than deferred.
        var local = due.InZone(Hcm);
        var evening = local.Date.At(new LocalTime(22, 30)).InZoneStrictly(Hcm).ToInstant();
        var (strict, strictStore) = NewEngine(new CareEngineOptions { Policy = ContactPolicy.Vietnam with { DeferDeadline = evening - due + Duration.FromMinutes(1) } });
        await strict.HandleAsync(Order("C1", "A-1", at));
        var night = await strict.CheckBeforeSendAsync((await Outbox(strictStore)).Single(o => o.Message.Template == "order-follow-up").Message, evening);
        Assert.Equal(SendVerdict.Cancel, night.Verdict);
        Assert.Contains("past the deferral deadline", night.Reason, StringComparison.Ordinal);

        // Without a deadline the policy never gives up.
        var (patient, patientStore) = NewEngine(new CareEngineOptions { Policy = ContactPolicy.Vietnam with { DeferDeadline = null } });
        await patient.HandleAsync(Order("C1", "A-1", at));
        Assert.Equal(SendCheck.Send, await patient.CheckBeforeSendAsync((await Outbox(patientStore)).Single(o => o.Message.Template == "order-follow-up").Message, now));
    }

    [Fact]
    public async Task AMarketingMessageSentLaterThanPlanned_IsCheckedAgainstTheCapsAtTheSendInstant()
    {
        var (engine, _) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, at - Duration.FromDays(1)));
        await engine.HandleAsync(Order("C1", "A-1", at));
        var sent = at + Duration.FromHours(2);
        for (var i = 0; i < 3; i++)
        {
            await engine.HandleAsync(new ContactMadeEvent(ContactChannel.Zalo, ContactPurpose.Marketing, InteractionDirection.Outbound) { EventId = $"made:{i}", CustomerId = new("C1"), At = sent });
        }

        // A marketing message planned for at + 1 h, still queued after three Zalo marketing sends at at + 2 h.
        var planned = at + Duration.FromHours(1);
        var message = new OutboxMessage($"after-sale@v1/C1/A-1/9.0/{planned}", new("C1"), ContactChannel.Zalo, ContactPurpose.Marketing, "promo", planned, "after-sale@v1", "A-1");
        Assert.Equal(SendCheck.Defer(sent + Duration.FromDays(1) + Duration.Epsilon, "Zalo cap: 3 marketing per 24 h"), await engine.CheckBeforeSendAsync(message, at + Duration.FromHours(3)));

        // Sent on time, its reserved place stands (caps were checked when it was queued).
        Assert.Equal(SendCheck.Send, await engine.CheckBeforeSendAsync(message with { DueAt = at + Duration.FromHours(3) }, at + Duration.FromHours(3)));
    }

    [Fact]
    public async Task AMessageOnAChannelWithoutAnAddress_IsSkippedAtDecisionTime_AndCountedByReason()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        var phoneOnly = new Customer { Id = new("C1"), DisplayName = "Khách C1", CreatedAt = at, Phones = [PhoneNumber.Parse("0912345678")] };
        await engine.HandleAsync(new ProfileChangedEvent(phoneOnly) { EventId = "p1", CustomerId = new("C1"), At = at });
        var opened = await engine.HandleAsync(new TicketOpenedEvent(new SupportTicket { Id = new("T-1"), CustomerId = new("C1"), OpenedAt = at, Channel = ContactChannel.Email })
        { EventId = "t1", CustomerId = new("C1"), At = at });
        var received = opened.Messages.Single(m => m.Message.Template == "ticket-received");
        Assert.Equal((ContactVerdict.Skipped, "no email address"), (received.Verdict, received.Reason));
        Assert.Equal(OutboxState.Cancelled, (await Outbox(store)).Single(o => o.Message.Template == "ticket-received").State);

        // A Zalo message goes: there is a phone number.
        var order = await engine.HandleAsync(Order("C1", "A-1", at + Duration.FromHours(1)));
        Assert.Contains(order.Messages, m => m.Message.Channel == ContactChannel.Zalo && m.Verdict == ContactVerdict.Allowed);

        var stats = await engine.StatisticsAsync();
        Assert.Equal(1, stats.Messages.Single(m => m.Reason == "no email address").Count);

        // Queued before the profile was known, then the profile shows no phone: cancelled at send time.
        var (late, lateStore) = NewEngine();
        await late.HandleAsync(Order("C2", "B-1", at));
        var zalo = (await Outbox(lateStore)).First(o => o.Message.Channel == ContactChannel.Zalo).Message;
        await late.HandleAsync(new ProfileChangedEvent(new Customer { Id = new("C2"), DisplayName = "Khách C2", CreatedAt = at }) { EventId = "p2", CustomerId = new("C2"), At = at + Duration.FromMinutes(1) });
        Assert.Equal(SendCheck.Cancel("no phone number"), await late.CheckBeforeSendAsync(zalo, zalo.DueAt));
    }

    [Fact]
    public async Task AnErasure_ReportsTheEntriesItCancelled_AndStatisticsStillCountTheErasedCustomersInstances()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Profile("C1", at));
        await engine.HandleAsync(Order("C1", "A-1", at));
        await engine.HandleAsync(Order("C2", "B-1", at));
        var before = await engine.StatisticsAsync();
        var pending = (await Outbox(store, OutboxState.Pending)).Where(o => o.Message.CustomerId == new CustomerId("C1")).Select(o => o.Message.IdempotencyKey).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(pending);

        var erased = await engine.HandleAsync(new CustomerErasedEvent { EventId = "erase", CustomerId = new("C1"), At = at + Duration.FromHours(1) });
        Assert.Equal(pending, erased.Cancelled.Select(c => c.IdempotencyKey!).Order(StringComparer.Ordinal));
        Assert.All(erased.Cancelled, c => Assert.Equal("customer erased", c.Reason));

        // Enrolled counts do not drop; the erased customer's active instances now count as exited.
        var after = await engine.StatisticsAsync();
        var activeBefore = (await store.LoadAsync(new("C1"))).State!.Instances.Length;
        Assert.Equal(before.Journeys.Sum(j => j.Enrolled), after.Journeys.Sum(j => j.Enrolled));
        Assert.Equal(before.Journeys.Sum(j => j.Active + j.Exited), after.Journeys.Sum(j => j.Active + j.Exited));
        Assert.True(activeBefore > 0);
        Assert.DoesNotContain((await store.LoadAsync(new("C1"))).State!.Instances, i => i.Correlation.Length > 0 || i.InstanceId.Contains("A-1", StringComparison.Ordinal));
    }
}
