using System.Globalization;
using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>
/// How <see cref="CareDispatcher"/> claims and sends outbox messages: batch size, lease, per-send timeout and the
/// retry of transient failures (exponential backoff with jitter, run by a Polly v8 retry strategy). Bindable from
/// configuration (<c>CrmKit:Engine:Dispatch</c>); <see cref="Validate"/> lists every problem.
/// </summary>
public sealed class DispatchOptions
{
    /// <summary>The most outbox messages claimed in one <see cref="CareDispatcher.DispatchAsync"/> call, in [1, 10 000]. Default 100.</summary>
    public int BatchSize { get; set; } = DispatchDefaults.BatchSize;

    /// <summary>How many messages of a batch are sent at the same time, in [1, 64]. Default 4.</summary>
    public int MaxParallelSends { get; set; } = DispatchDefaults.MaxParallelSends;

    /// <summary>
    /// How long a claimed message stays reserved for this worker. Another worker may claim it after that, so the lease
    /// must outlast the worst case of one message: every attempt timing out and every retry waiting the longest delay
    /// (<see cref="WorstCaseSendTime"/>). Default 5 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = DispatchDefaults.LeaseDuration;

    /// <summary>How long one call of a channel may take before it counts as a transient failure, in (0, 10 min]. Default 30 s.</summary>
    public TimeSpan SendTimeout { get; set; } = DispatchDefaults.SendTimeout;

    /// <summary>Retries of a transient failure after the first attempt, in [0, 20]; 0 dead-letters the first transient failure. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = DispatchDefaults.MaxRetryAttempts;

    /// <summary>
    /// The median delay before the first retry; later retries double it (exponential backoff), each with random jitter
    /// when <see cref="UseJitter"/> is set, in [0, 10 min]. Default 2 s.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = DispatchDefaults.RetryDelay;

    /// <summary>The longest delay between two attempts, at least <see cref="RetryDelay"/> and at most 1 hour. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DispatchDefaults.MaxRetryDelay;

    /// <summary>
    /// Whether retry delays are randomised (Polly's decorrelated jitter) so many workers failing together do not retry in
    /// step. Default <see langword="true"/>; turn off for reproducible delays in tests.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>The name this worker claims leases under; <see langword="null"/> (default) means machine name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// The longest one message can take: <see cref="MaxRetryAttempts"/> + 1 attempts of <see cref="SendTimeout"/> each and
    /// <see cref="MaxRetryAttempts"/> waits of at most <see cref="MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan WorstCaseSendTime => (SendTimeout * (MaxRetryAttempts + 1)) + (MaxRetryDelay * MaxRetryAttempts);

    /// <summary>A copy of these settings.</summary>
    internal DispatchOptions Copy() => (DispatchOptions)MemberwiseClone();

    /// <summary>
    /// Every problem of these settings, each at the setting's name (<see cref="Problem.Location"/> = <c>BatchSize</c>;
    /// prefix the configuration section, <c>CrmKit:Engine:Dispatch:</c>, for the full key path); empty when they are valid.
    /// </summary>
    /// <returns>The problems, in the order of the settings above; the lease is checked only once the others are valid.</returns>
    public IReadOnlyList<Problem> Validate()
    {
        var problems = new List<Problem>();
        var inv = CultureInfo.InvariantCulture;
        void Check(bool ok, string setting, string problem)
        {
            if (!ok)
            {
                problems.Add(new Problem(setting, problem));
            }
        }

        Check(BatchSize is >= 1 and <= DispatchDefaults.MaxBatchSize, nameof(BatchSize), string.Create(inv, $"{BatchSize} is not in [1, {DispatchDefaults.MaxBatchSize}]."));
        Check(MaxParallelSends is >= 1 and <= DispatchDefaults.MaxMaxParallelSends, nameof(MaxParallelSends), string.Create(inv, $"{MaxParallelSends} is not in [1, {DispatchDefaults.MaxMaxParallelSends}]."));
        Check(SendTimeout > TimeSpan.Zero && SendTimeout <= DispatchDefaults.MaxSendTimeout, nameof(SendTimeout), string.Create(inv, $"{SendTimeout:c} is not in (0, {DispatchDefaults.MaxSendTimeout:c}]."));
        Check(MaxRetryAttempts is >= 0 and <= DispatchDefaults.MaxMaxRetryAttempts, nameof(MaxRetryAttempts), string.Create(inv, $"{MaxRetryAttempts} is not in [0, {DispatchDefaults.MaxMaxRetryAttempts}]."));
        Check(RetryDelay >= TimeSpan.Zero && RetryDelay <= DispatchDefaults.MaxFirstRetryDelay, nameof(RetryDelay), string.Create(inv, $"{RetryDelay:c} is not in [0, {DispatchDefaults.MaxFirstRetryDelay:c}]."));
        Check(MaxRetryDelay >= RetryDelay && MaxRetryDelay <= DispatchDefaults.MaxMaxRetryDelay, nameof(MaxRetryDelay), string.Create(inv, $"{MaxRetryDelay:c} is not in [RetryDelay = {RetryDelay:c}, {DispatchDefaults.MaxMaxRetryDelay:c}]."));
        Check(WorkerId is null || !string.IsNullOrWhiteSpace(WorkerId), nameof(WorkerId), "is blank; leave it unset for machine name and process id.");
        if (problems.Count == 0)
        {
            Check(LeaseDuration > WorstCaseSendTime, nameof(LeaseDuration), string.Create(inv,
                $"{LeaseDuration:c} does not outlast one message's worst case {WorstCaseSendTime:c} ((MaxRetryAttempts + 1) × SendTimeout + MaxRetryAttempts × MaxRetryDelay); another worker could claim a message still being retried."));
        }

        return problems;
    }
}
