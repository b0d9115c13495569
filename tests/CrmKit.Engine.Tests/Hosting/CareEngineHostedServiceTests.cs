using NodaTime.Testing;

namespace CrmKit.Engine.Tests.Dispatch;

public class CareEngineHostedServiceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 2, 3, 0);

    private static DispatchOptions Options(int batch = 100) => new() { BatchSize = batch, RetryDelay = TimeSpan.Zero, MaxRetryDelay = TimeSpan.Zero, WorkerId = "host" };

    [Fact]
    public async Task RunOnceAsync_AdvancesToTheClocksNowThenDispatchesEveryFullBatch()
    {
        var target = new FakeDispatchTarget();
        for (var i = 0; i < 5; i++)
        {
            target.Enqueue($"k{i}", Now, customer: $"C{i}");
        }

        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(Now);
        var advancedTo = new List<Instant>();
        var service = new CareEngineHostedService((now, _) => { advancedTo.Add(now); return ValueTask.FromResult(0); }, new CareDispatcher(target, [zalo], Options(batch: 2), clock), clock, new EngineHostOptions());

        var report = await service.RunOnceAsync();

        Assert.Equal([Now], advancedTo);
        Assert.Equal(5, report.Count(DispatchVerdict.Sent));   // batches of 2, 2 and 1
        Assert.Equal(5, zalo.Delivered.Count);
    }

    [Fact]
    public async Task RunOnceAsync_DispatcherTurnedOff_OnlyAdvances()
    {
        var target = new FakeDispatchTarget();
        target.Enqueue("k1", Now);
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(Now);
        var rounds = 0;
        var service = new CareEngineHostedService((_, _) => { rounds++; return ValueTask.FromResult(0); }, new CareDispatcher(target, [zalo], Options(), clock), clock, new EngineHostOptions { RunDispatcher = false });

        var report = await service.RunOnceAsync();

        Assert.Equal((1, 0), (rounds, report.Claimed));
        Assert.Empty(zalo.Received);
    }

    [Fact]
    public async Task StartAsync_RunsRoundsUntilStopped_AndSurvivesAFailingRound()
    {
        var target = new FakeDispatchTarget();
        var zalo = new TestCareChannel(ContactChannel.Zalo);
        var clock = new FakeClock(Now);
        var calls = 0;
        var logger = new RecordingLogger<CareEngineHostedService>();
        var service = new CareEngineHostedService(
            (now, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("store offline");   // the first round fails; the host must go on
                }

                target.Enqueue($"k{calls}", now);
                return ValueTask.FromResult(1);
            },
            new CareDispatcher(target, [zalo], Options(), clock),
            clock,
            new EngineHostOptions { PollInterval = TimeSpan.FromMilliseconds(10) },
            logger: logger);

        await service.StartAsync(CancellationToken.None);
        for (var i = 0; i < 500 && zalo.Delivered.Count < 3; i++)
        {
            await Task.Delay(10);
        }

        await service.StopAsync(CancellationToken.None);
        var roundsAtStop = service.Rounds;
        await Task.Delay(50);

        Assert.True(zalo.Delivered.Count >= 3, $"only {zalo.Delivered.Count} messages sent");
        Assert.Equal(roundsAtStop, service.Rounds);   // stopped: no round after StopAsync
        var failure = Assert.Single(logger.Entries, e => e.EventId == 5110);
        Assert.Equal("Care engine round failed; the next round runs after the poll interval", failure.Message);
    }

    [Fact]
    public async Task StopAsync_DuringARound_CancelsItWithoutAnError()
    {
        var target = new FakeDispatchTarget();
        var clock = new FakeClock(Now);
        var entered = new TaskCompletionSource();
        var logger = new RecordingLogger<CareEngineHostedService>();
        var service = new CareEngineHostedService(
            async (_, ct) =>
            {
                entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            },
            new CareDispatcher(target, [], Options(), clock),
            clock,
            new EngineHostOptions(),
            logger: logger);

        await service.StartAsync(CancellationToken.None);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.DoesNotContain(logger.Entries, e => e.EventId == 5110);
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task StartAsync_JourneysSendOnAChannelWithoutICareChannel_WarnsNamingIt()
    {
        var (engine, _) = Shop.NewEngine();   // the built-in journeys
        var clock = new FakeClock(Now);
        var logger = new RecordingLogger<CareEngineHostedService>();
        var service = new CareEngineHostedService(engine, new CareDispatcher(engine, [new TestCareChannel(ContactChannel.Zalo)], Options(), clock), clock, new EngineHostOptions(), logger: logger);

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        // The built-in journeys' processes send on Zalo (after-sale, lifecycle …), Email (support ticket) and Sms.
        var warning = Assert.Single(logger.Entries, e => e.EventId == 5112);
        Assert.Equal("The journeys send messages on Sms, Email but no ICareChannel is registered for it (registered: Zalo); those messages will be dead-lettered", warning.Message);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var clock = new FakeClock(Now);
        var error = Assert.Throws<ArgumentException>(() => new CareEngineHostedService((_, _) => ValueTask.FromResult(0), new CareDispatcher(new FakeDispatchTarget(), [], Options(), clock), clock, new EngineHostOptions { PollInterval = TimeSpan.Zero }));

        Assert.Equal("Invalid engine host options: PollInterval: 00:00:00 is not in [00:00:00.0100000, 01:00:00]. (Parameter 'options')", error.Message);
    }
}
