using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// The live care engine: one atomic unit of work per customer event — apply, reclassify, enrol/fire/advance journey
/// instances, pass messages through the contact policy into the outbox — plus time (<see cref="AdvanceAsync"/>) and
/// send-time checks. Thread-safe: events of different customers may be handled in parallel; a customer's events are
/// handled one at a time.
/// </summary>
public sealed class CareEngine
{
    /// <summary>Creates an engine.</summary>
    /// <exception cref="InvalidJourneyException">A journey refers to a process or segment that is not there, or is invalid.</exception>
    public CareEngine(CareEngineOptions options, IEngineStore store)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>The options.</summary>
    public CareEngineOptions Options { get; }

    /// <summary>The store.</summary>
    public IEngineStore Store { get; }

    /// <summary>Handles one event: one unit of work for its customer, idempotent by <see cref="CareEvent.EventId"/>.</summary>
    public ValueTask<HandleResult> HandleAsync(CareEvent e, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Fires timers and occasions due at or before <paramref name="now"/>, for the customers the next-due index names.</summary>
    public ValueTask<AdvanceResult> AdvanceAsync(Instant now, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Re-checks a queued message at send time: consent at <paramref name="now"/>, quiet hours, the customer's existence, the journey's exit conditions.</summary>
    public ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>Per journey enrolled / active / completed / exited / goal; per process state live counts; messages by state, verdict and reason.</summary>
    public ValueTask<JourneyStatistics> StatisticsAsync(CancellationToken ct = default) => throw new NotImplementedException();
}
