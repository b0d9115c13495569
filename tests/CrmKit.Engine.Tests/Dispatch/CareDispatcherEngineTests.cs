using NodaTime.Testing;
using static CrmKit.Engine.Tests.Shop;

namespace CrmKit.Engine.Tests.Dispatch;

/// <summary>
/// The dispatcher over the real engine and <see cref="InMemoryEngineStore"/>: the send-time checks (consent, quiet hours,
/// erasure) stop or defer messages before any channel call, and a send is recorded once however often it is delivered.
/// </summary>
public class CareDispatcherEngineTests
{
    private static DispatchOptions Options(string worker = "w1") => new() { RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero, WorkerId = worker };

    /// <summary>A completed first order at <paramref name="at"/>: after-sale's "order-follow-up" and the lifecycle's "thank-you-first-order", both Zalo.</summary>
    private static async Task<(CareEngine Engine, InMemoryEngineStore Store, HandleResult Order)> Ordered(Instant at)
    {
        var (engine, store) = NewEngine();
        await engine.HandleAsync(Profile("C1", at));
        var order = await engine.HandleAsync(Order("C1", "A-1", at));
        Assert.Equal(2, order.Messages.Count(m => m.Verdict == ContactVerdict.Allowed && m.Message.Channel == ContactChannel.Zalo));
        return (engine, store, order);
    }

    [Fact]
    public async Task DispatchAsync_CompletedOrder_SendsEveryQueuedMessageAndTurnsItsReservationIntoOneContact()
    {
        var at = Local(3, 2, 10);
        var (engine, store, order) = await Ordered(at);
        var before = (await store.LoadAsync(new("C1"))).State!.Contacts;
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(at + Duration.FromMinutes(1));

        var report = await new CareDispatcher(engine, [zalo], Options(), clock).DispatchAsync();

        Assert.Equal(2, report.Count(DispatchVerdict.Sent));
        Assert.Equal(order.Messages.Select(m => m.Message.IdempotencyKey).Order(StringComparer.Ordinal), zalo.Delivered.Select(m => m.IdempotencyKey).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await store.ListAsync(OutboxState.Sent)).Count);
        foreach (var message in zalo.Delivered)
        {
            Assert.True(await store.IsProcessedAsync(new("C1"), "sent:" + message.IdempotencyKey));
        }

        // Each queued message held one reservation; the send turned it into one contact at the send instant.
        var after = (await store.LoadAsync(new("C1"))).State!.Contacts;
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(2, after.Count(c => c.IdempotencyKey is null && c.At == clock.GetCurrentInstant() && c.Channel == ContactChannel.Zalo));
    }

    [Fact]
    public async Task DispatchAsync_ConsentWithdrawnAfterQueueing_CancelsAndNeverCallsTheChannel()
    {
        var at = Local(3, 2, 10);
        var (engine, store, _) = await Ordered(at);
        await engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Transactional, ConsentStatus.Withdrawn, at + Duration.FromMinutes(1)));
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        var report = await new CareDispatcher(engine, [zalo], Options(), new FakeClock(at + Duration.FromMinutes(2))).DispatchAsync();

        Assert.Equal(0, report.Claimed);
        Assert.Empty(zalo.Received);
        Assert.All(await store.ListAsync(null), r => Assert.Equal(OutboxState.Cancelled, r.State));
    }

    [Fact]
    public async Task DispatchAsync_ConsentWithdrawnBetweenClaimAndSend_TheSendTimeCheckStopsIt()
    {
        var at = Local(3, 2, 10);
        var (engine, store, _) = await Ordered(at);
        var clock = new FakeClock(at + Duration.FromMinutes(2));
        // The withdrawal arrives after the dispatcher claimed the messages and just before it checks them.
        var target = new RacingTarget(engine, () => engine.HandleAsync(Consent("C1", ContactChannel.Zalo, ContactPurpose.Transactional, ConsentStatus.Withdrawn, at + Duration.FromMinutes(1))));
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var options = Options();
        options.MaxParallelSends = 1;

        var report = await new CareDispatcher(target, [zalo], options, clock).DispatchAsync();

        Assert.Equal(2, report.Claimed);
        Assert.Empty(zalo.Received);
        Assert.DoesNotContain(report.Outcomes, o => o.Verdict == DispatchVerdict.Sent);
        Assert.All(await store.ListAsync(null), r => Assert.Equal(OutboxState.Cancelled, r.State));
    }

    [Fact]
    public async Task DispatchAsync_DueMessageFoundInQuietHours_IsDeferredToSevenThenSent()
    {
        var at = Local(3, 2, 21, 50);   // queued inside Zalo's hours (07:00–22:00) …
        var (engine, store, _) = await Ordered(at);
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(Local(3, 2, 22, 30));   // … but the dispatcher only gets to it after 22:00
        var dispatcher = new CareDispatcher(engine, [zalo], Options(), clock);

        var night = await dispatcher.DispatchAsync();

        Assert.Equal(2, night.Count(DispatchVerdict.Deferred));
        Assert.Empty(zalo.Received);
        Assert.All(await store.ListAsync(null), r => Assert.Equal((OutboxState.Pending, Local(3, 3, 7)), (r.State, r.Message.DueAt)));

        clock.Reset(Local(3, 3, 6, 59));
        Assert.Equal(0, (await dispatcher.DispatchAsync()).Claimed);
        clock.Reset(Local(3, 3, 7));
        var morning = await dispatcher.DispatchAsync();

        Assert.Equal(2, morning.Count(DispatchVerdict.Sent));
        Assert.Equal(2, zalo.Delivered.Count);
    }

    [Fact]
    public async Task DispatchAsync_ErasedCustomer_DropsQueuedWorkAndNeverContacts()
    {
        var at = Local(3, 2, 10);
        var (engine, store, _) = await Ordered(at);
        var erase = new CustomerErasedEvent { EventId = "erase:C1", CustomerId = new("C1"), At = at + Duration.FromMinutes(1) };
        var target = new RacingTarget(engine, () => engine.HandleAsync(erase));   // erased after the claim, before the check
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        var report = await new CareDispatcher(target, [zalo], Options(), new FakeClock(at + Duration.FromMinutes(2))).DispatchAsync();

        Assert.Equal(2, report.Claimed);
        Assert.Empty(zalo.Received);
        Assert.All(await store.ListAsync(null), r => Assert.Equal((OutboxState.Cancelled, "customer erased"), (r.State, r.Reason)));
        Assert.Equal(0, (await new CareDispatcher(engine, [zalo], Options("w2"), new FakeClock(at + Duration.FromHours(1))).DispatchAsync()).Claimed);
    }

    [Fact]
    public async Task DispatchAsync_MessageDeliveredAgainAfterACrash_ChannelDeliversTheKeyOnceAndCapsCountOneContact()
    {
        var at = Local(3, 2, 10);
        var (engine, store, _) = await Ordered(at);
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        // A first worker claims everything, sends one message and records it, then dies before marking it sent.
        var crashed = await store.ClaimDueAsync(at, 10, Duration.FromMinutes(5), "crashed");
        var first = crashed[0].Message;
        await zalo.SendAsync(new CareMessage(first.IdempotencyKey, first.CustomerId, first.Channel, first.Purpose, first.Template, first.DueAt), default);
        await engine.HandleAsync(new ContactMadeEvent(first.Channel, first.Purpose, InteractionDirection.Outbound, first.IdempotencyKey)
        {
            EventId = CareDispatcher.SentEventIdPrefix + first.IdempotencyKey,
            CustomerId = first.CustomerId,
            At = at,
        });
        var contactsAfterTheFirstSend = (await store.LoadAsync(new("C1"))).State!.Contacts;

        // After the lease, another worker takes both messages again and sends them.
        var report = await new CareDispatcher(engine, [zalo], Options("w2"), new FakeClock(at + Duration.FromMinutes(6))).DispatchAsync();

        Assert.Equal(2, report.Count(DispatchVerdict.Sent));
        Assert.Equal(2, zalo.Received.Count(m => m.IdempotencyKey == first.IdempotencyKey));   // at least once …
        Assert.Single(zalo.Delivered, m => m.IdempotencyKey == first.IdempotencyKey);         // … delivered once by its key
        var contacts = (await store.LoadAsync(new("C1"))).State!.Contacts;
        Assert.Equal(contactsAfterTheFirstSend.Length, contacts.Length);
        Assert.Single(contacts, c => c.IdempotencyKey is null && c.At == at && c.Channel == ContactChannel.Zalo);   // the repeat record changed nothing
        Assert.Equal(2, (await store.ListAsync(OutboxState.Sent)).Count);
    }

    [Fact]
    public async Task DispatchAsync_TwoDispatchersOnOneStore_SendEachMessageOnce()
    {
        var at = Local(3, 2, 10);
        var (engine, store) = NewEngine();
        for (var i = 0; i < 20; i++)
        {
            await engine.HandleAsync(Profile($"C{i}", at));
            await engine.HandleAsync(Order($"C{i}", $"A-{i}", at));
        }

        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(at + Duration.FromMinutes(1));
        var small = Options("a");
        small.BatchSize = 3;
        var other = Options("b");
        other.BatchSize = 4;
        var a = new CareDispatcher(engine, [zalo], small, clock);
        var b = new CareDispatcher(engine, [zalo], other, clock);

        var sent = 0;
        for (var round = 0; round < 20; round++)
        {
            var reports = await Task.WhenAll(a.DispatchAsync().AsTask(), b.DispatchAsync().AsTask());
            sent += reports.Sum(r => r.Count(DispatchVerdict.Sent));
        }

        Assert.Equal(40, sent);
        Assert.Equal(40, zalo.Received.Count);
        Assert.Equal(40, zalo.Received.Select(m => m.IdempotencyKey).Distinct().Count());
        Assert.Empty(await store.ListAsync(OutboxState.Pending));
    }

    /// <summary>The real engine, with something happening between the dispatcher's claim and its send-time check.</summary>
    /// <summary>
    /// Runs <c>meanwhile</c> once, between the claim and the first send-time check; every check (the dispatcher sends in
    /// parallel) waits for it, so none reads the state from before it (a check that did not wait raced the erasure and
    /// failed now and then).
    /// </summary>
    private sealed class RacingTarget(CareEngine engine, Func<ValueTask<HandleResult>> meanwhile) : IDispatchTarget
    {
        private readonly Lazy<Task<HandleResult>> _raced = new(() => meanwhile().AsTask(), LazyThreadSafetyMode.ExecutionAndPublication);

        public IOutboxStore Outbox => engine.Store;

        public async ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct)
        {
            await _raced.Value;
            return await engine.CheckBeforeSendAsync(message, now, ct);
        }

        public async ValueTask RecordSentAsync(ContactMadeEvent contact, CancellationToken ct) => await engine.HandleAsync(contact, ct);
    }
}
