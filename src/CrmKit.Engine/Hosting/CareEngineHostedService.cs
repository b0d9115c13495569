using CrmKit.CareProcess;
using CrmKit.Customers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// Runs the engine in a generic host: every <see cref="EngineHostOptions.PollInterval"/> it advances the engine to the
/// clock's now (<see cref="CareEngine.AdvanceAsync"/>: due timers and occasions) and dispatches every due message
/// (<see cref="CareDispatcher.DispatchAsync"/>, batch after batch). A failing round is logged (event id 5110) and the
/// next one runs on time; stopping the host cancels the round in flight, whose leased messages are claimed again
/// after their lease.
/// </summary>
public sealed partial class CareEngineHostedService : BackgroundService
{
    private readonly Func<Instant, CancellationToken, ValueTask<int>> _advance;
    private readonly CareDispatcher _dispatcher;
    private readonly IClock _clock;
    private readonly EngineHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _rounds;

    /// <summary>Creates the service.</summary>
    /// <param name="engine">The engine to advance.</param>
    /// <param name="dispatcher">The dispatcher to run (unless <see cref="EngineHostOptions.RunDispatcher"/> is off).</param>
    /// <param name="clock">The clock whose now the engine advances to.</param>
    /// <param name="options">The poll interval (validated here).</param>
    /// <param name="timeProvider">What the pause between rounds waits on (default <see cref="TimeProvider.System"/>).</param>
    /// <param name="logger">Where to log (event ids 5110, 5111), or none.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public CareEngineHostedService(CareEngine engine, CareDispatcher dispatcher, IClock clock, EngineHostOptions options, TimeProvider? timeProvider = null, ILogger<CareEngineHostedService>? logger = null)
        : this(AdvanceOf(engine ?? throw new ArgumentNullException(nameof(engine))), dispatcher, clock, options, timeProvider, logger)
    {
        JourneyChannels = MessageChannels(engine.Options);
    }

    /// <summary>Creates the service over any advance step (the engine's, or a test double of it) returning the customers advanced.</summary>
    internal CareEngineHostedService(Func<Instant, CancellationToken, ValueTask<int>> advance, CareDispatcher dispatcher, IClock clock, EngineHostOptions options, TimeProvider? timeProvider = null, ILogger<CareEngineHostedService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(advance);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Invalid engine host options: {string.Join("; ", problems)}", nameof(options));
        }

        (_advance, _dispatcher, _clock) = (advance, dispatcher, clock);
        _options = new EngineHostOptions { PollInterval = options.PollInterval, RunDispatcher = options.RunDispatcher };   // validated once
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The channels the engine's journeys send messages on (checked against the dispatcher's at start).</summary>
    internal IReadOnlyList<ContactChannel> JourneyChannels { get; init; } = [];

    /// <summary>Rounds completed since the service started (successful or failed).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>
    /// One round, as the service runs it: advance to the clock's now, then dispatch batch after batch while batches come
    /// back full and something was settled. Public for hosts with their own scheduler.
    /// </summary>
    /// <returns>What the dispatcher did over the round.</returns>
    public async ValueTask<DispatchReport> RunOnceAsync(CancellationToken ct = default)
    {
        var advanced = await _advance(_clock.GetCurrentInstant(), ct).ConfigureAwait(false);
        var report = DispatchReport.Empty;
        if (_options.RunDispatcher)
        {
            while (true)
            {
                var batch = await _dispatcher.DispatchAsync(ct).ConfigureAwait(false);
                report = report.Concat(batch);
                var settled = batch.Claimed - batch.Count(DispatchVerdict.Released) - batch.Count(DispatchVerdict.LeaseLost) - batch.Count(DispatchVerdict.Failed);
                if (batch.Claimed < _dispatcher.BatchSize || settled == 0)
                {
                    break;
                }
            }
        }

        LogRound(_logger, advanced, report);
        return report;
    }

    /// <summary>Warns (event 5112) when the journeys send on a channel the dispatcher has no <see cref="ICareChannel"/> for, then starts the rounds.</summary>
    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.RunDispatcher && JourneyChannels.Except(_dispatcher.Channels).ToList() is { Count: > 0 } missing)
        {
            LogMissingChannels(_logger, string.Join(", ", missing), _dispatcher.Channels.Count == 0 ? "none" : string.Join(", ", _dispatcher.Channels));
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();   // let the host finish starting before the first round
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // a failed round (a store outage) must not stop the host: it is logged and the next round runs
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(_logger, ex);
            }
            finally
            {
                Interlocked.Increment(ref _rounds);
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Every channel a message effect of a journey's process names, in <see cref="ContactChannel"/> order.</summary>
    private static ContactChannel[] MessageChannels(CareEngineOptions options)
    {
        var used = options.Journeys.IsDefault ? [] : options.Journeys.Select(j => j.Process).ToHashSet(StringComparer.Ordinal);
        var processes = options.Processes.IsDefault ? [] : options.Processes.Where(p => used.Contains(p.Id));
        return [.. processes
            .SelectMany(p => p.Model.States.SelectMany(s => s.OnEntry.Concat(s.OnExit)).Concat(p.Model.Transitions.SelectMany(t => t.Effects)))
            .OfType<SendMessage>()
            .Select(m => m.Channel)
            .Distinct()
            .Order()];
    }

    private static Func<Instant, CancellationToken, ValueTask<int>> AdvanceOf(CareEngine engine)
        => async (now, ct) => (await engine.AdvanceAsync(now, ct).ConfigureAwait(false)).Customers.Length;

    [LoggerMessage(EventId = 5110, Level = LogLevel.Error, Message = "Care engine round failed; the next round runs after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Warning, Message = "The journeys send messages on {Missing} but no ICareChannel is registered for it (registered: {Registered}); those messages will be dead-lettered")]
    private static partial void LogMissingChannels(ILogger logger, string missing, string registered);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Debug, Message = "Care engine round: {Customers} customers advanced; dispatch: {Dispatch}")]
    private static partial void LogRound(ILogger logger, int customers, DispatchReport dispatch);
}
