using Microsoft.Extensions.Logging;
using NodaTime.Testing;

namespace CrmKit.Engine.Tests.Dispatch;

/// <summary>
/// The dispatcher's own behaviour — retries with backoff, dead letters, missing channels, leases — over
/// <see cref="FakeDispatchTarget"/>; the send-time checks and the contact record against the real engine are in
/// <see cref="CareDispatcherEngineTests"/>.
/// </summary>
public class CareDispatcherTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 3, 0);   // 10:00 in Asia/Ho_Chi_Minh

    /// <summary>Retry delays small enough for a unit test; no jitter, so the backoff is exact.</summary>
    private static DispatchOptions Fast(int retries = 3) => new()
    {
        MaxRetryAttempts = retries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        UseJitter = false,
        SendTimeout = TimeSpan.FromSeconds(5),
        LeaseDuration = TimeSpan.FromMinutes(1),
        WorkerId = "w1",
    };

    private static CareDispatcher Dispatcher(FakeDispatchTarget target, IClock clock, DispatchOptions options, RecordingLogger<CareDispatcher>? logger = null, params ICareChannel[] channels)
        => new(target, channels, options, clock, logger);

    [Fact]
    public async Task DispatchAsync_TwoTransientFailuresThenSent_RetriesWithExponentialBackoffAndRecordsOneContact()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondNext(ChannelSendResult.Transient("HTTP 503"), ChannelSendResult.Transient("throttled"));
        var logger = new RecordingLogger<CareDispatcher>();

        var report = await Dispatcher(target, new FakeClock(Now), Fast(), logger, zalo).DispatchAsync();

        var outcome = Assert.Single(report.Outcomes);
        Assert.Equal((DispatchVerdict.Sent, 3, (string?)null), (outcome.Verdict, outcome.Attempts, outcome.Reason));
        Assert.Equal(["k1", "k1", "k1"], zalo.Received.Select(m => m.IdempotencyKey));
        Assert.Single(zalo.Delivered);
        Assert.Equal(OutboxState.Sent, Assert.Single(await target.ListAsync(null)).State);

        // Polly's exponential backoff without jitter waits Delay × 2^n before retry n + 1 (pollydocs.org, retry strategy):
        // 10 ms, then 20 ms.
        var retries = logger.Entries.Where(e => e.EventId == 5104).ToList();
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], retries.Select(e => (TimeSpan)e.Values["Delay"]!));
        Assert.Equal(["HTTP 503", "throttled"], retries.Select(e => (string?)e.Values["Reason"]));

        var contact = Assert.Single(target.Recorded);
        Assert.Equal(("sent:k1", new CustomerId("C1"), Now, ContactChannel.Zalo, ContactPurpose.Transactional, InteractionDirection.Outbound, "k1"),
            (contact.EventId, contact.CustomerId, contact.At, contact.Channel, contact.Purpose, contact.Direction, contact.IdempotencyKey));
    }

    [Fact]
    public async Task DispatchAsync_ChannelThrows_RetriesAndMasksThePhoneNumberInTheReason()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo)
            .ThrowNext(new HttpRequestException("connection reset sending to 0901234567"))
            .ThrowNext(new HttpRequestException("connection reset sending to 0901234567"));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(retries: 1), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal(DispatchVerdict.DeadLettered, outcome.Verdict);
        Assert.Equal("transient failure, gave up after 2 attempts: HttpRequestException: connection reset sending to 0*******67", outcome.Reason);
        Assert.Equal(outcome.Reason, Assert.Single(await target.ListAsync(OutboxState.DeadLettered)).Reason);
        Assert.Empty(target.Recorded);
    }

    [Fact]
    public async Task DispatchAsync_PermanentFailure_DeadLettersAtOnceWithTheReason()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondNext(ChannelSendResult.Permanent("template 'order-follow-up' not approved"));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.DeadLettered, 1), (outcome.Verdict, outcome.Attempts));
        Assert.Equal("permanent failure: template 'order-follow-up' not approved", outcome.Reason);
        var record = Assert.Single(await target.ListAsync(null));
        Assert.Equal((OutboxState.DeadLettered, outcome.Reason), (record.State, record.Reason));
        Assert.Single(zalo.Received);
        Assert.Empty(zalo.Delivered);
        Assert.Empty(target.Recorded);
    }

    [Fact]
    public async Task DispatchAsync_ChannelReturnsDefaultResult_DeadLettersAsAChannelFaultNotSent()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondNext(default(ChannelSendResult));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.DeadLettered, 1), (outcome.Verdict, outcome.Attempts));
        Assert.Equal("permanent failure: TestCareChannel returned no outcome (default(ChannelSendResult)); a channel must return ChannelSendResult.Sent, Transient(reason) or Permanent(reason)", outcome.Reason);
        Assert.Equal(OutboxState.DeadLettered, Assert.Single(await target.ListAsync(null)).State);
        Assert.Empty(target.Recorded);
    }

    [Fact]
    public async Task DispatchAsync_FailureReasonNamesTheRecipient_StoresItMasked()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondNext(ChannelSendResult.Permanent("no Zalo account for +84 901 234 567 or an@example.com"));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal("permanent failure: no Zalo account for +8* *** *** *67 or a***@example.com", outcome.Reason);
    }

    [Fact]
    public async Task DispatchAsync_TransientEveryTime_DeadLettersAfterEveryRetry()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondWith(_ => ChannelSendResult.Transient("gateway down"));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(retries: 2), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.DeadLettered, 3), (outcome.Verdict, outcome.Attempts));
        Assert.Equal("transient failure, gave up after 3 attempts: gateway down", outcome.Reason);
        Assert.Equal(3, zalo.Received.Count);
    }

    [Fact]
    public async Task DispatchAsync_NoRetriesConfigured_DeadLettersTheFirstTransientFailure()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondNext(ChannelSendResult.Transient("HTTP 429"));

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(retries: 0), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal("transient failure, gave up after 1 attempts: HTTP 429", outcome.Reason);
    }

    [Fact]
    public async Task DispatchAsync_ChannelNeverAnswers_TimesOutAndCountsItAsTransient()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var hanging = new HangingChannel();
        var options = Fast(retries: 1);
        options.SendTimeout = TimeSpan.FromMilliseconds(50);

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), options, null, hanging).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.DeadLettered, 2), (outcome.Verdict, outcome.Attempts));
        Assert.Equal("transient failure, gave up after 2 attempts: no answer within 0.05 s", outcome.Reason);
        Assert.Equal(2, hanging.Cancelled);   // each attempt's token was cancelled by the timeout
    }

    [Fact]
    public async Task DispatchAsync_NoChannelForTheMessage_DeadLettersNamingTheChannelAndLogsAnError()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now, ContactChannel.Zalo);
        var sms = new TestCareChannel(ContactChannel.Sms);
        var logger = new RecordingLogger<CareDispatcher>();

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), logger, sms, new TestCareChannel(ContactChannel.Email)).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.DeadLettered, 0), (outcome.Verdict, outcome.Attempts));
        Assert.Equal("no ICareChannel is registered for Zalo (registered: Sms, Email)", outcome.Reason);
        Assert.Empty(sms.Received);
        // Logged once, as the configuration error it is (the trial saw 5105 and a 5103 warning for the same message).
        var entry = Assert.Single(logger.Entries);
        Assert.Equal((5105, LogLevel.Error), (entry.EventId, entry.Level));

        // The outcome counts channel calls (none), the outbox record counts claims (this one).
        var record = Assert.Single(await target.ListAsync(null));
        Assert.Equal((OutboxState.DeadLettered, 1), (record.State, record.Attempts));
    }

    [Fact]
    public async Task DispatchAsync_SendTimeCheckSaysCancel_CancelsWithoutCallingTheChannel()
    {
        var target = new FakeDispatchTarget { Check = (_, _) => SendCheck.Cancel("consent withdrawn: Zalo Transactional") };
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.Cancelled, "consent withdrawn: Zalo Transactional"), (outcome.Verdict, outcome.Reason));
        Assert.Empty(zalo.Received);
        Assert.Equal(OutboxState.Cancelled, Assert.Single(await target.ListAsync(null)).State);
    }

    [Fact]
    public async Task DispatchAsync_SendTimeCheckSaysDefer_ReschedulesToTheAllowedInstant()
    {
        var until = Now + Duration.FromHours(9);
        var target = new FakeDispatchTarget { Check = (_, _) => SendCheck.Defer(until, "quiet hours") };
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        var outcome = Assert.Single((await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Equal((DispatchVerdict.Deferred, "quiet hours"), (outcome.Verdict, outcome.Reason));
        Assert.Empty(zalo.Received);
        var record = Assert.Single(await target.ListAsync(null));
        Assert.Equal((OutboxState.Pending, until), (record.State, record.Message.DueAt));
    }

    [Fact]
    public async Task DispatchAsync_TwoDispatchersAtOnce_EachMessageGoesToOneOfThem()
    {
        var target = new FakeDispatchTarget();
        for (var i = 0; i < 40; i++)
        {
            target.Enqueue($"k{i:00}", Now, customer: $"C{i}");
        }

        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(Now);
        var options = Fast();
        options.BatchSize = 7;
        var other = Fast();
        (other.BatchSize, other.WorkerId) = (5, "w2");
        var first = Dispatcher(target, clock, options, null, zalo);
        var second = Dispatcher(target, clock, other, null, zalo);

        var reports = new List<DispatchReport>();
        for (var round = 0; round < 10; round++)
        {
            reports.AddRange(await Task.WhenAll(first.DispatchAsync().AsTask(), second.DispatchAsync().AsTask()));
        }

        Assert.Equal(40, reports.Sum(r => r.Count(DispatchVerdict.Sent)));
        Assert.Equal(40, zalo.Received.Count);   // no key was sent twice
        Assert.Equal(40, zalo.Received.Select(m => m.IdempotencyKey).Distinct().Count());
        Assert.Equal(40, target.Recorded.Count);
    }

    [Fact]
    public async Task DispatchAsync_LeaseRunsShortDuringABatch_ReleasesTheRestUnsent()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now, customer: "C1");
        target.Enqueue("k2", Now + Duration.FromSeconds(1), customer: "C2");
        var clock = new FakeClock(Now + Duration.FromSeconds(1));
        var options = Fast();
        options.MaxParallelSends = 1;
        // The first send takes 50 s of the 60 s lease, leaving less than one message's worst case for the second.
        var slow = new TestCareChannel(ContactChannel.Zalo).RespondWith(_ =>
        {
            clock.Advance(Duration.FromSeconds(50));
            return ChannelSendResult.Sent;
        });

        var report = await Dispatcher(target, clock, options, null, slow).DispatchAsync();

        Assert.Equal([DispatchVerdict.Sent, DispatchVerdict.Released], report.Outcomes.Select(o => o.Verdict));
        Assert.Equal("released unsent: the lease would run out before a send could finish (raise LeaseDuration or lower BatchSize)", report.Outcomes[1].Reason);
        Assert.Equal(["k1"], slow.Received.Select(m => m.IdempotencyKey));
        var released = (await target.ListAsync(OutboxState.Pending)).Single();
        Assert.Equal(("k2", clock.GetCurrentInstant()), (released.Message.IdempotencyKey, released.Message.DueAt));   // due again at once
    }

    [Fact]
    public async Task DispatchAsync_LeaseTakenOverWhileSending_ReportsLeaseLostAndKeepsTheContactRecordedOnce()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var clock = new FakeClock(Now);
        IReadOnlyList<OutboxLease> stolen = [];
        // While this worker sends, its lease expires and another worker claims the message.
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondWith(_ =>
        {
            clock.Advance(Duration.FromMinutes(2));
            stolen = target.ClaimDueAsync(clock.GetCurrentInstant(), 10, Duration.FromMinutes(1), "w2").AsTask().Result;
            return ChannelSendResult.Sent;
        });

        var outcome = Assert.Single((await Dispatcher(target, clock, Fast(), null, zalo).DispatchAsync()).Outcomes);

        Assert.Single(stolen);
        Assert.Equal(DispatchVerdict.LeaseLost, outcome.Verdict);
        Assert.Equal("Sent not stored: the entry is no longer leased to w1 (its lease expired and another worker claimed it, or the engine settled it meanwhile)", outcome.Reason);
        Assert.Single(target.Recorded);   // recorded before the mark, under the event id the other worker will use too
        Assert.Equal(OutboxState.Pending, Assert.Single(await target.ListAsync(null)).State);
    }

    [Fact]
    public async Task DispatchAsync_OneMessageThrowsWhileSettling_FailsThatMessageOnlyAndKeepsItForTheNextClaim()
    {
        var target = new FakeDispatchTarget { Check = (m, _) => m.IdempotencyKey == "k1" ? throw new InvalidOperationException("state of customer C1 unreadable") : SendCheck.Send };
        target.Enqueue("k1", Now, customer: "C1");
        target.Enqueue("k2", Now, customer: "C2");
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var logger = new RecordingLogger<CareDispatcher>();

        var report = await Dispatcher(target, new FakeClock(Now), Fast(), logger, zalo).DispatchAsync();

        Assert.Equal([DispatchVerdict.Failed, DispatchVerdict.Sent], report.Outcomes.Select(o => o.Verdict));
        Assert.Equal("settling failed, claimed again after the lease: InvalidOperationException: state of customer C1 unreadable", report.Outcomes[0].Reason);
        Assert.Equal(["k2"], zalo.Delivered.Select(m => m.IdempotencyKey));
        Assert.Equal("k1", Assert.Single(await target.ListAsync(OutboxState.Pending)).Message.IdempotencyKey);
        Assert.Single(logger.Entries, e => e.EventId == 5107 && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task DispatchAsync_NothingDue_ClaimsNothing()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now + Duration.FromMinutes(5));
        var zalo = new TestCareChannel(ContactChannel.Zalo);

        var report = await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync();

        Assert.Equal(0, report.Claimed);
        Assert.Equal("nothing due", report.ToString());
        Assert.Empty(zalo.Received);
    }

    [Fact]
    public async Task DispatchAsync_Cancelled_ThrowsAndLeavesTheMessageLeased()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        using var cts = new CancellationTokenSource();
        var zalo = new TestCareChannel(ContactChannel.Zalo).RespondWith(_ =>
        {
            cts.Cancel();
            return ChannelSendResult.Transient("interrupted");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Dispatcher(target, new FakeClock(Now), Fast(), null, zalo).DispatchAsync(cts.Token));

        var record = Assert.Single(await target.ListAsync(null));
        Assert.Equal((OutboxState.Pending, 1), (record.State, record.Attempts));   // claimed again once the lease expires
        Assert.Empty(target.Recorded);
    }

    [Fact]
    public void Constructor_TwoChannelsForOneContactChannel_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Dispatcher(new FakeDispatchTarget(), new FakeClock(Now), Fast(), null, new TestCareChannel(ContactChannel.Sms), new HangingChannel { Serves = ContactChannel.Sms }));

        Assert.Equal("Two channels serve Sms: TestCareChannel and HangingChannel. Register one ICareChannel per ContactChannel. (Parameter 'channels')", error.Message);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithEveryProblem()
    {
        var options = new DispatchOptions { BatchSize = 0, MaxRetryAttempts = -1 };

        var error = Assert.Throws<ArgumentException>(() => Dispatcher(new FakeDispatchTarget(), new FakeClock(Now), options));

        Assert.Equal("Invalid dispatch options: BatchSize: 0 is not in [1, 10000].; MaxRetryAttempts: -1 is not in [0, 20]. (Parameter 'options')", error.Message);
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_DoNotReachTheDispatcher()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now, customer: "C1");
        target.Enqueue("k2", Now, customer: "C2");
        var options = Fast();
        options.BatchSize = 1;
        var dispatcher = Dispatcher(target, new FakeClock(Now), options, null, new TestCareChannel(ContactChannel.Zalo));

        options.BatchSize = 0;   // invalid, and too late

        Assert.Equal(1, (await dispatcher.DispatchAsync()).Claimed);
        Assert.Equal(1, dispatcher.BatchSize);
    }

    [Fact]
    public void Channels_ListsTheServedChannelsInOrder()
    {
        var dispatcher = Dispatcher(new FakeDispatchTarget(), new FakeClock(Now), Fast(), null, new TestCareChannel(ContactChannel.Email), new TestCareChannel(ContactChannel.Sms));

        Assert.Equal([ContactChannel.Sms, ContactChannel.Email], dispatcher.Channels);
        Assert.Equal("w1", dispatcher.Worker);
    }

    /// <summary>A channel that never answers until its token is cancelled.</summary>
    private sealed class HangingChannel : ICareChannel
    {
        private int _cancelled;

        public ContactChannel Serves { get; init; } = ContactChannel.Zalo;

        public ContactChannel Channel => Serves;

        public int Cancelled => Volatile.Read(ref _cancelled);

        public async ValueTask<ChannelSendResult> SendAsync(CareMessage message, CancellationToken ct)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                return ChannelSendResult.Sent;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        }
    }
}
