using BenchmarkDotNet.Attributes;
using MassTransit.Mediator;

namespace CrmKit.Benchmarks;

/// <summary>
/// The support-ticket journey alone: CrmKit's care engine against a MassTransit state-machine saga (in-memory saga
/// repository, in-process mediator; benchmark-only reference) doing the same transitions. Each invocation runs
/// <see cref="Tickets"/> tickets, one customer each, through opened → staff replied → customer replied → solved →
/// closed (five events a ticket, in time order: every ticket's first event, then every ticket's second, …) against a
/// fresh store / repository; two messages a ticket are queued (ticket-received, satisfaction-survey).
/// </summary>
[MemoryDiagnoser]
public class TicketJourneyBenchmarks
{
    private const int EventsPerTicket = 5;
    private object[] _mtEvents = [];
    private MtTicketHost _mt = null!;

    /// <summary>Tickets per invocation.</summary>
    [Params(10_000)]
    public int Tickets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ids = new Guid[Tickets];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
        }

        var events = new List<object>(Tickets * EventsPerTicket);
        events.AddRange(ids.Select((id, i) => (object)new MtTicketOpened(id, $"KH{i:D7}")));
        events.AddRange(ids.Select(id => (object)new MtTicketStaffReplied(id)));
        events.AddRange(ids.Select(id => (object)new MtTicketCustomerReplied(id)));
        events.AddRange(ids.Select(id => (object)new MtTicketSolved(id)));
        events.AddRange(ids.Select(id => (object)new MtTicketClosed(id)));
        _mtEvents = [.. events];
    }

    [IterationSetup(Target = nameof(MassTransitSaga))]
    public void SetupMassTransit() => _mt = new MtTicketHost();

    [IterationCleanup(Target = nameof(MassTransitSaga))]
    public void CleanupMassTransit()
    {
        if (_mt.Outbox.Count != 2 * Tickets)
        {
            throw new InvalidOperationException($"The MassTransit saga queued {_mt.Outbox.Count} messages; expected {2 * Tickets}.");
        }

        _mt.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "MassTransit saga (in-memory repository, mediator)")]
    public async Task<int> MassTransitSaga()
    {
        IMediator mediator = _mt.Mediator;
        foreach (var e in _mtEvents)
        {
            await mediator.Send(e).ConfigureAwait(false);
        }

        return _mt.Outbox.Count;
    }
}
