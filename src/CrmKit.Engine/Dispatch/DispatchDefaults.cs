namespace CrmKit.Engine;

/// <summary>The defaults and limits of <see cref="DispatchOptions"/> and <see cref="EngineHostOptions"/>, quoted by their validation and docs.</summary>
public static class DispatchDefaults
{
    /// <summary>Default <see cref="DispatchOptions.BatchSize"/>: 100 messages.</summary>
    public const int BatchSize = 100;

    /// <summary>Largest <see cref="DispatchOptions.BatchSize"/>: 10 000 messages.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Default <see cref="DispatchOptions.MaxParallelSends"/>: 4.</summary>
    public const int MaxParallelSends = 4;

    /// <summary>Largest <see cref="DispatchOptions.MaxParallelSends"/>: 64.</summary>
    public const int MaxMaxParallelSends = 64;

    /// <summary>Default <see cref="DispatchOptions.MaxRetryAttempts"/>: 3 retries after the first attempt.</summary>
    public const int MaxRetryAttempts = 3;

    /// <summary>Largest <see cref="DispatchOptions.MaxRetryAttempts"/>: 20.</summary>
    public const int MaxMaxRetryAttempts = 20;

    /// <summary>Default <see cref="DispatchOptions.LeaseDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Default <see cref="DispatchOptions.SendTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Longest <see cref="DispatchOptions.SendTimeout"/>: 10 minutes.</summary>
    public static readonly TimeSpan MaxSendTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="DispatchOptions.RetryDelay"/>: 2 seconds (Polly's default base delay).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Longest <see cref="DispatchOptions.RetryDelay"/>: 10 minutes.</summary>
    public static readonly TimeSpan MaxFirstRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="DispatchOptions.MaxRetryDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Longest <see cref="DispatchOptions.MaxRetryDelay"/>: 1 hour.</summary>
    public static readonly TimeSpan MaxMaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>Default <see cref="EngineHostOptions.PollInterval"/>: 10 seconds.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>Shortest <see cref="EngineHostOptions.PollInterval"/>: 10 milliseconds.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest <see cref="EngineHostOptions.PollInterval"/>: 1 hour.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);
}
