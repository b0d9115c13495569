using System.Collections.Immutable;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests;

public sealed class EngineOptionsTests
{
    [Fact]
    public void AJourneyNamingWhatIsNotThere_IsRefusedAtConstruction_WithEveryProblem()
    {
        var bad = BuiltInJourneys.WinBack with { Process = "nope", Exits = [new SegmentExitedExit("lapsd")] };
        var ex = Assert.Throws<InvalidJourneyException>(() => new CareEngine(new CareEngineOptions { Journeys = [bad] }, new InMemoryEngineStore()));
        Assert.Equal(["win-back@v1: $.exits[0].segment: no segment 'lapsd' in the catalogue", "win-back@v1: $.process: no process 'nope'"], ex.Problems.Select(p => p.ToString()).Select(e => e[..e.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task AnEditedJourney_EnrolsUnderTheNewVersion_WhileOldInstancesKeepTheirs()
    {
        var store = new InMemoryEngineStore();
        var at = Local(3, 2, 9);
        var v1 = new CareEngine(new CareEngineOptions { Journeys = [BuiltInJourneys.AfterSale] }, store);
        await v1.HandleAsync(Order("C1", "A-1", at));

        var v2Journey = BuiltInJourneys.AfterSale with { Version = 2, Exits = [] };
        var v2 = new CareEngine(new CareEngineOptions { Journeys = [BuiltInJourneys.AfterSale, v2Journey] }, store);
        var r = await v2.HandleAsync(Order("C1", "A-2", at + Duration.FromHours(1)));
        Assert.Contains(r.Instances, c => (c.JourneyId, c.InstanceId, c.Kind) == ("after-sale@v2", "A-2", InstanceChangeKind.Enrolled));

        // The v1 instance still runs v1: its exit on a return still applies, the v2 one has none.
        var returned = await v2.HandleAsync(new OrderStatusChangedEvent("A-1", OrderStatus.Returned) { EventId = "r1", CustomerId = new("C1"), At = at + Duration.FromHours(2) });
        Assert.Contains(returned.Instances, c => (c.JourneyId, c.Kind) == ("after-sale@v1", InstanceChangeKind.Exited));
        var returned2 = await v2.HandleAsync(new OrderStatusChangedEvent("A-2", OrderStatus.Returned) { EventId = "r2", CustomerId = new("C1"), At = at + Duration.FromHours(3) });
        Assert.DoesNotContain(returned2.Instances, c => c.Kind == InstanceChangeKind.Exited);

        // Re-entry counts every version: the same order does not enter v2 after v1.
        var again = await v2.HandleAsync(new OrderStatusChangedEvent("A-1", OrderStatus.Completed) { EventId = "c1", CustomerId = new("C1"), At = at + Duration.FromHours(4) });
        Assert.DoesNotContain(again.Instances, c => c.Kind == InstanceChangeKind.Enrolled && c.InstanceId.StartsWith("A-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALateEvent_IsAppliedAtTheCustomersClock()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var late = await engine.HandleAsync(new TicketOpenedEvent(new SupportTicket { Id = new("T-1"), CustomerId = new("C1"), OpenedAt = at - Duration.FromDays(1), Channel = ContactChannel.Email })
        { EventId = "late", CustomerId = new("C1"), At = at - Duration.FromDays(1) });
        Assert.Equal(at, late.Instances.Single(c => c.Kind == InstanceChangeKind.Enrolled).At);
        Assert.Equal(at, (await store.LoadAsync(new("C1"))).State!.Clock);
    }

    [Fact]
    public async Task SendCheck_DefersOutsideTheChannelsHours_ToTheNextAllowedInstant()
    {
        var (engine, store) = NewEngine();
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Order("C1", "A-1", at));
        var message = (await Outbox(store)).Single(o => o.Message.Template == "order-follow-up").Message;
        Assert.Equal(SendCheck.Defer(Local(3, 3, 7), "outside Zalo hours 07:00–22:00"), await engine.CheckBeforeSendAsync(message, Local(3, 2, 23)));
        Assert.Equal(SendCheck.Cancel("unknown customer"), await engine.CheckBeforeSendAsync(message with { CustomerId = new("C9") }, at));
        Assert.Equal(SendVerdict.Cancel, (await engine.CheckBeforeSendAsync(message with { InstanceId = "nope" }, at)).Verdict);
    }

    [Fact]
    public async Task Caps_CountSentAndQueuedMessages_AndASendIsNotCountedTwice()
    {
        // A journey sending a marketing SMS on every completed order: the fourth in 24 hours is deferred by the cap.
        var process = new ProcessBuilder("sms-thanks", "SMS thanks", "sent")
            .State("sent", "Sent", onEntry: [new SendMessage(ContactChannel.Sms, ContactPurpose.Marketing, "thanks")])
            .State("done", "Done", final: true)
            .After("sent", Duration.FromDays(1), "done")
            .Build();
        var journey = new Journey
        {
            Id = "sms-thanks", Process = "sms-thanks", Correlation = JourneyCorrelation.Order,
            Entry = new EventEntry([CareEventType.OrderPlaced], EventFilter.None),
        };
        var store = new InMemoryEngineStore();
        var engine = new CareEngine(new CareEngineOptions { Journeys = [journey], Processes = [process] }, store);
        var at = Local(3, 2, 9);
        await engine.HandleAsync(Consent("C1", ContactChannel.Sms, ContactPurpose.Marketing, ConsentStatus.Granted, at));
        var verdicts = new List<ContactVerdict>();
        for (var i = 0; i < 4; i++)
        {
            var r = await engine.HandleAsync(Order("C1", $"A-{i}", at + Duration.FromHours(i)));
            verdicts.Add(r.Messages.Single().Verdict);
        }

        Assert.Equal([ContactVerdict.Allowed, ContactVerdict.Allowed, ContactVerdict.Allowed, ContactVerdict.Deferred], verdicts);

        // Recording the first send (with its key) replaces its reservation: still three in the window, not four.
        var first = (await Outbox(store)).First(o => o.Message.InstanceId == "A-0").Message;
        await engine.HandleAsync(new ContactMadeEvent(ContactChannel.Sms, ContactPurpose.Marketing, InteractionDirection.Outbound, first.IdempotencyKey)
        { EventId = "sent:" + first.IdempotencyKey, CustomerId = new("C1"), At = first.DueAt });
        var state = (await store.LoadAsync(new("C1"))).State!;
        Assert.Equal(4, state.Contacts.Length);
        Assert.Single(state.Contacts, c => c.IdempotencyKey is null && c.At == first.DueAt);
    }

    [Fact]
    public async Task Statistics_ListEveryProcessState_WithLiveCounts()
    {
        var (engine, _) = NewEngine();
        await engine.HandleAsync(Order("C1", "A-1", Local(3, 2, 9)));
        var stats = await engine.StatisticsAsync();
        Assert.Equal(1, stats.ProcessStates.Single(s => (s.ProcessId, s.State) == ("after-sale", "follow-up")).Live);
        Assert.Equal(0, stats.ProcessStates.Single(s => (s.ProcessId, s.State) == ("support-ticket", "new")).Live);
        Assert.DoesNotContain(stats.ProcessStates, s => s.State == "caring");
        Assert.Equal(BuiltInJourneys.All.Length, stats.Journeys.Length);
        Assert.Equal(new MessageCount(OutboxState.Pending, ContactVerdict.Allowed, null, ContactChannel.Zalo, 2), Assert.Single(stats.Messages));
    }
}
