namespace CrmKit.Engine.Tests.Dispatch;

public class DispatchOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndQuoteTheConstants()
    {
        var options = new DispatchOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((DispatchDefaults.BatchSize, DispatchDefaults.MaxRetryAttempts, DispatchDefaults.RetryDelay, DispatchDefaults.LeaseDuration), (options.BatchSize, options.MaxRetryAttempts, options.RetryDelay, options.LeaseDuration));
        // 4 attempts × 30 s + 3 waits × 30 s = 3.5 min, inside the 5 min lease.
        Assert.Equal(TimeSpan.FromMinutes(3.5), options.WorstCaseSendTime);
    }

    [Fact]
    public void Validate_EverySettingOutOfRange_ListsEveryProblem()
    {
        var options = new DispatchOptions
        {
            BatchSize = 0,
            MaxParallelSends = 65,
            SendTimeout = TimeSpan.Zero,
            MaxRetryAttempts = 21,
            RetryDelay = TimeSpan.FromSeconds(-1),
            MaxRetryDelay = TimeSpan.FromHours(2),
            WorkerId = " ",
        };

        Assert.Equal(
        [
            new Problem("BatchSize", "0 is not in [1, 10000]."),
            new Problem("MaxParallelSends", "65 is not in [1, 64]."),
            new Problem("SendTimeout", "00:00:00 is not in (0, 00:10:00]."),
            new Problem("MaxRetryAttempts", "21 is not in [0, 20]."),
            new Problem("RetryDelay", "-00:00:01 is not in [0, 00:10:00]."),
            new Problem("MaxRetryDelay", "02:00:00 is not in [RetryDelay = -00:00:01, 01:00:00]."),
            new Problem("WorkerId", "is blank; leave it unset for machine name and process id."),
        ], options.Validate());
    }

    [Fact]
    public void Validate_LeaseShorterThanTheWorstCase_NamesTheFormula()
    {
        var options = new DispatchOptions { LeaseDuration = TimeSpan.FromMinutes(3) };

        Assert.Equal(
            [new Problem("LeaseDuration", "00:03:00 does not outlast one message's worst case 00:03:30 ((MaxRetryAttempts + 1) × SendTimeout + MaxRetryAttempts × MaxRetryDelay); another worker could claim a message still being retried.")],
            options.Validate());
    }

    [Fact]
    public void Validate_HostPollIntervalOutOfRange_NamesTheRange()
    {
        Assert.Empty(new EngineHostOptions().Validate());
        Assert.Equal([new Problem("PollInterval", "00:00:00.0010000 is not in [00:00:00.0100000, 01:00:00].")], new EngineHostOptions { PollInterval = TimeSpan.FromMilliseconds(1) }.Validate());
    }
}
