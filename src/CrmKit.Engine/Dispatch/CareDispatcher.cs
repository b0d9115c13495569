using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CrmKit.Engine;

/// <summary>
/// Sends due outbox messages: claims them under a lease, re-checks each with
/// <see cref="CareEngine.CheckBeforeSendAsync"/> (send, defer or cancel), calls the <see cref="ICareChannel"/> of its
/// channel, records the send as a <see cref="ContactMadeEvent"/> (event id <c>"sent:" + key</c>, so caps count it once)
/// and marks it sent. Transient failures (a <see cref="ChannelSendStatus.Transient"/> result, an exception, a
/// timeout) are retried with exponential backoff and jitter by a Polly retry strategy; permanent failures, exhausted
/// retries and messages for a channel with no <see cref="ICareChannel"/> are dead-lettered with the reason.
/// Thread-safe; several dispatchers (in one process or many) may share one store.
/// </summary>
/// <remarks>
/// Delivery is at least once: a worker that stops between the channel's answer and the store's mark leaves the
/// message to be claimed again after its lease, and the channel is called again with the same idempotency key, which
/// it must use as the provider's dedup key (docs/engine.md, "What a channel must do").
/// </remarks>
public sealed partial class CareDispatcher
{
    /// <summary>The prefix of the event id under which a send is recorded: <c>"sent:" + idempotency key</c>.</summary>
    public const string SentEventIdPrefix = "sent:";

    private readonly IDispatchTarget _engine;
    private readonly IOutboxStore _outbox;
    private readonly FrozenChannels _channels;
    private readonly DispatchOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<ChannelSendResult> _pipeline;
    private readonly Duration _lease;

    /// <summary>Creates a dispatcher over the engine's store.</summary>
    /// <param name="engine">The engine: its store is the outbox, its send-time check and unit of work are used.</param>
    /// <param name="channels">One channel per <see cref="ContactChannel"/> the journeys send on.</param>
    /// <param name="options">Batch, lease, timeout and retry settings (validated here).</param>
    /// <param name="clock">The clock for "now" (claims, checks, records).</param>
    /// <param name="logger">Where to log (event ids 5101–5108), or none.</param>
    /// <param name="timeProvider">What retry delays and send timeouts wait on (default <see cref="TimeProvider.System"/>).</param>
    /// <exception cref="ArgumentException">Two channels serve the same <see cref="ContactChannel"/>, or <paramref name="options"/> is invalid (every problem listed).</exception>
    public CareDispatcher(CareEngine engine, IEnumerable<ICareChannel> channels, DispatchOptions options, IClock clock, ILogger<CareDispatcher>? logger = null, TimeProvider? timeProvider = null)
        : this(new EngineTarget(engine ?? throw new ArgumentNullException(nameof(engine))), channels, options, clock, logger, timeProvider)
    {
    }

    /// <summary>Creates a dispatcher over any outbox and send-time check (the engine, or a test double of it).</summary>
    internal CareDispatcher(IDispatchTarget engine, IEnumerable<ICareChannel> channels, DispatchOptions options, IClock clock, ILogger<CareDispatcher>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid dispatch options: {string.Join("; ", problems)}", nameof(options));
        }

        _engine = engine;
        _outbox = engine.Outbox;
        _channels = FrozenChannels.Create(channels);
        _options = options.Copy();   // validated once: later changes to the caller's object do not reach a running dispatcher
        _clock = clock;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _lease = Duration.FromTimeSpan(options.LeaseDuration);
        Worker = options.WorkerId ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}");
        _pipeline = BuildPipeline(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The name this dispatcher claims leases under.</summary>
    public string Worker { get; }

    /// <summary>The most messages one <see cref="DispatchAsync"/> claims (<see cref="DispatchOptions.BatchSize"/>).</summary>
    public int BatchSize => _options.BatchSize;

    /// <summary>The channels served, in <see cref="ContactChannel"/> order.</summary>
    public IReadOnlyList<ContactChannel> Channels => _channels.Served;

    /// <summary>
    /// Claims up to <see cref="DispatchOptions.BatchSize"/> messages due now and settles each (sent, deferred, cancelled,
    /// dead-lettered, released), up to <see cref="DispatchOptions.MaxParallelSends"/> at a time.
    /// </summary>
    /// <returns>One outcome per claimed message, in claim order.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; messages in flight stay leased and are claimed again after their lease.</exception>
    public async ValueTask<DispatchReport> DispatchAsync(CancellationToken ct = default)
    {
        var leases = await _outbox.ClaimDueAsync(_clock.GetCurrentInstant(), _options.BatchSize, _lease, Worker, ct).ConfigureAwait(false);
        if (leases.Count == 0)
        {
            return DispatchReport.Empty;
        }

        var outcomes = new DispatchOutcome[leases.Count];
        await Parallel.ForAsync(0, leases.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSends, CancellationToken = ct }, async (i, token) =>
            outcomes[i] = await SettleAsync(leases[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return new DispatchReport([.. outcomes]);
    }

    /// <summary>Settles one message; an exception (other than cancellation) fails this message only.</summary>
    private async ValueTask<DispatchOutcome> SettleAsync(OutboxLease lease, CancellationToken ct)
    {
        try
        {
            return await SettleOrThrowAsync(lease, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // one message's failure (a store or engine error) must not abandon the rest of the batch
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var message = lease.Message;
            LogFailed(_logger, ex, PersonalData.Redact(message.IdempotencyKey));
            return new DispatchOutcome(message.IdempotencyKey, message.CustomerId, message.Channel, DispatchVerdict.Failed, $"settling failed, claimed again after the lease: {Describe(ex)}", 0);
        }
    }

    private async ValueTask<DispatchOutcome> SettleOrThrowAsync(OutboxLease lease, CancellationToken ct)
    {
        var message = lease.Message;
        var now = _clock.GetCurrentInstant();
        if (lease.LeasedUntil - now <= Duration.FromTimeSpan(_options.WorstCaseSendTime))
        {
            // Sending now could outlive the lease and race another worker: hand the message back, due at once.
            const string Short = "released unsent: the lease would run out before a send could finish (raise LeaseDuration or lower BatchSize)";
            return await RecordAsync(lease, DispatchVerdict.Released, Short, 0, _outbox.RescheduleAsync(lease, now, Short, ct)).ConfigureAwait(false);
        }

        if (!_channels.TryGet(message.Channel, out var channel))
        {
            var reason = $"no ICareChannel is registered for {message.Channel} (registered: {_channels.Describe()})";
            return await RecordAsync(lease, DispatchVerdict.DeadLettered, reason, 0, _outbox.DeadLetterAsync(lease, reason, now, ct), noChannel: true).ConfigureAwait(false);
        }

        var check = await _engine.CheckBeforeSendAsync(message, now, ct).ConfigureAwait(false);
        switch (check.Verdict)
        {
            case SendVerdict.Cancel:
                return await RecordAsync(lease, DispatchVerdict.Cancelled, check.Reason, 0, _outbox.CancelAsync(lease, check.Reason ?? "cancelled at send time", now, ct)).ConfigureAwait(false);
            case SendVerdict.Defer:
                var until = check.Until ?? now;
                return await RecordAsync(lease, DispatchVerdict.Deferred, check.Reason, 0, _outbox.RescheduleAsync(lease, until, check.Reason ?? "deferred at send time", ct)).ConfigureAwait(false);
        }

        var care = new CareMessage(message.IdempotencyKey, message.CustomerId, message.Channel, message.Purpose, message.Template, message.DueAt);
        var (result, attempts) = await SendAsync(channel, care, ct).ConfigureAwait(false);
        now = _clock.GetCurrentInstant();
        switch (result.Status)
        {
            case ChannelSendStatus.Sent:
                // Recorded before the mark: if the mark fails (the lease was lost), the contact is still counted once,
                // and a repeat of the record under the same event id changes nothing.
                await _engine.RecordSentAsync(
                    new ContactMadeEvent(message.Channel, message.Purpose, InteractionDirection.Outbound, message.IdempotencyKey)
                    {
                        EventId = SentEventIdPrefix + message.IdempotencyKey,
                        CustomerId = message.CustomerId,
                        At = now,
                    },
                    ct).ConfigureAwait(false);
                return await RecordAsync(lease, DispatchVerdict.Sent, null, attempts, _outbox.MarkSentAsync(lease, now, ct)).ConfigureAwait(false);
            case ChannelSendStatus.Permanent:
                var permanent = $"permanent failure: {result.Reason}";
                return await RecordAsync(lease, DispatchVerdict.DeadLettered, permanent, attempts, _outbox.DeadLetterAsync(lease, permanent, now, ct)).ConfigureAwait(false);
            default:
                var exhausted = string.Create(CultureInfo.InvariantCulture, $"transient failure, gave up after {attempts} attempts: {result.Reason}");
                return await RecordAsync(lease, DispatchVerdict.DeadLettered, exhausted, attempts, _outbox.DeadLetterAsync(lease, exhausted, now, ct)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a verdict and logs it once: 5101 sent, 5103 dead-lettered (5105, an Error, instead when
    /// <paramref name="noChannel"/>: a configuration fault, not the message's), 5102 otherwise, 5106 when the lease was lost.
    /// </summary>
    private async ValueTask<DispatchOutcome> RecordAsync(OutboxLease lease, DispatchVerdict verdict, string? reason, int attempts, ValueTask<bool> write, bool noChannel = false)
    {
        var message = lease.Message;
        if (!await write.ConfigureAwait(false))
        {
            LogLeaseLost(_logger, PersonalData.Redact(message.IdempotencyKey), verdict, Worker);
            return new DispatchOutcome(message.IdempotencyKey, message.CustomerId, message.Channel, DispatchVerdict.LeaseLost, $"{verdict} not stored: the entry is no longer leased to {Worker} (its lease expired and another worker claimed it, or the engine settled it meanwhile)", attempts);
        }

        var level = verdict switch { DispatchVerdict.Sent => LogLevel.Debug, DispatchVerdict.DeadLettered => noChannel ? LogLevel.Error : LogLevel.Warning, _ => LogLevel.Information };
        if (_logger.IsEnabled(level))
        {
            var key = PersonalData.Redact(message.IdempotencyKey);
            switch (verdict)
            {
                case DispatchVerdict.Sent:
                    LogSent(_logger, message.Channel, key, attempts);
                    break;
                case DispatchVerdict.DeadLettered when noChannel:
                    LogNoChannel(_logger, message.Channel, key, _channels.Describe());
                    break;
                case DispatchVerdict.DeadLettered:
                    LogDeadLettered(_logger, message.Channel, key, reason);
                    break;
                default:
                    LogSettled(_logger, message.Channel, key, verdict, reason);
                    break;
            }
        }

        return new DispatchOutcome(message.IdempotencyKey, message.CustomerId, message.Channel, verdict, reason, attempts);
    }

    /// <summary>Calls the channel through the retry pipeline; a failure left after the last retry is returned, not thrown.</summary>
    private async ValueTask<(ChannelSendResult Result, int Attempts)> SendAsync(ICareChannel channel, CareMessage message, CancellationToken ct)
    {
        var attempt = new SendAttempt(channel, message);
        var context = ResilienceContextPool.Shared.Get(ct);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    Interlocked.Increment(ref state.Attempts);
                    try
                    {
                        return Outcome.FromResult(await state.Channel.SendAsync(state.Message, ctx.CancellationToken).ConfigureAwait(false));
                    }
#pragma warning disable CA1031 // a channel's exception is a failed attempt, classified by the pipeline
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<ChannelSendResult>(ex);
                    }
                },
                context,
                attempt).ConfigureAwait(false);

            if (outcome.Exception is { } error)
            {
                if (error is OperationCanceledException && ct.IsCancellationRequested)
                {
                    outcome.ThrowIfException();
                }

                return (ChannelSendResult.Transient(Describe(error)), attempt.Attempts);
            }

            var result = outcome.Result;
            if (result.Status is not (ChannelSendStatus.Sent or ChannelSendStatus.Transient or ChannelSendStatus.Permanent))
            {
                return (ChannelSendResult.Permanent($"{channel.GetType().Name} returned no outcome (default(ChannelSendResult)); a channel must return ChannelSendResult.Sent, Transient(reason) or Permanent(reason)"), attempt.Attempts);
            }

            return (result.Status == ChannelSendStatus.Sent ? result : Safe(result), attempt.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A channel's failure with phone numbers and emails in its reason masked (a gateway may echo the recipient).</summary>
    private static ChannelSendResult Safe(ChannelSendResult failure)
    {
        var reason = PersonalData.Redact(failure.Reason);
        return failure.Status == ChannelSendStatus.Permanent ? ChannelSendResult.Permanent(reason) : ChannelSendResult.Transient(reason);
    }

    /// <summary>An exception as a dead-letter reason: its type and message, phone numbers and emails masked.</summary>
    private static string Describe(Exception error) => error switch
    {
        TimeoutRejectedException timeout => string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.Timeout.TotalSeconds:0.###} s"),
        _ => $"{error.GetType().Name}: {PersonalData.Redact(error.Message)}",
    };

    /// <summary>Retry (outer) around a per-attempt timeout (inner): Polly's recommended order, so each attempt has its own time budget.</summary>
    private ResiliencePipeline<ChannelSendResult> BuildPipeline(DispatchOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<ChannelSendResult> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ChannelSendResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception is { } e ? Describe(e) : PersonalData.Redact(args.Outcome.Result.Reason));
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.SendTimeout).Build();
    }

    private static bool IsTransient(Outcome<ChannelSendResult> outcome, CancellationToken ct) => outcome.Exception switch
    {
        null => outcome.Result.Status == ChannelSendStatus.Transient,
        OperationCanceledException => !ct.IsCancellationRequested,   // the channel's own timeout, not a shutdown
        _ => true,
    };

    /// <summary>The engine as the dispatcher uses it: its outbox, its send-time check and the record of a send.</summary>
    private sealed class EngineTarget(CareEngine engine) : IDispatchTarget
    {
        public IOutboxStore Outbox => engine.Store;

        public ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct) => engine.CheckBeforeSendAsync(message, now, ct);

        public async ValueTask RecordSentAsync(ContactMadeEvent contact, CancellationToken ct) => await engine.HandleAsync(contact, ct).ConfigureAwait(false);
    }

    private sealed class SendAttempt(ICareChannel channel, CareMessage message)
    {
        public readonly ICareChannel Channel = channel;
        public readonly CareMessage Message = message;
        public int Attempts;
    }

    /// <summary>The channels by <see cref="ContactChannel"/>, checked for duplicates once.</summary>
    private sealed class FrozenChannels
    {
        private readonly Dictionary<ContactChannel, ICareChannel> _byChannel;

        private FrozenChannels(Dictionary<ContactChannel, ICareChannel> byChannel)
        {
            _byChannel = byChannel;
            Served = [.. byChannel.Keys.Order()];
        }

        public ImmutableArray<ContactChannel> Served { get; }

        public static FrozenChannels Create(IEnumerable<ICareChannel> channels)
        {
            var byChannel = new Dictionary<ContactChannel, ICareChannel>();
            foreach (var channel in channels)
            {
                ArgumentNullException.ThrowIfNull(channel, nameof(channels));
                if (!byChannel.TryAdd(channel.Channel, channel))
                {
                    throw new ArgumentException(
                        $"Two channels serve {channel.Channel}: {byChannel[channel.Channel].GetType().Name} and {channel.GetType().Name}. Register one ICareChannel per ContactChannel.",
                        nameof(channels));
                }
            }

            return new FrozenChannels(byChannel);
        }

        public bool TryGet(ContactChannel channel, out ICareChannel found) => _byChannel.TryGetValue(channel, out found!);

        public string Describe() => Served.IsEmpty ? "none" : string.Join(", ", Served);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "{Channel} message {IdempotencyKey} sent after {Attempts} attempt(s)")]
    private static partial void LogSent(ILogger logger, ContactChannel channel, string idempotencyKey, int attempts);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "{Channel} message {IdempotencyKey} {Verdict}: {Reason}")]
    private static partial void LogSettled(ILogger logger, ContactChannel channel, string idempotencyKey, DispatchVerdict verdict, string? reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "{Channel} message {IdempotencyKey} dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, ContactChannel channel, string idempotencyKey, string? reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Send attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "No ICareChannel is registered for {Channel}: message {IdempotencyKey} dead-lettered (registered: {Registered})")]
    private static partial void LogNoChannel(ILogger logger, ContactChannel channel, string idempotencyKey, string registered);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Settling message {IdempotencyKey} failed; it is claimed again after its lease")]
    private static partial void LogFailed(ILogger logger, Exception exception, string idempotencyKey);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Message {IdempotencyKey}: {Verdict} not stored, the entry is no longer leased to {Worker} (claimed again after its lease expired, or settled by the engine)")]
    private static partial void LogLeaseLost(ILogger logger, string idempotencyKey, DispatchVerdict verdict, string worker);
}
