using BenchmarkDotNet.Attributes;
using CrmKit.Cli.Engine;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Engine;
using MassTransit.Mediator;
using NodaTime;

namespace CrmKit.Benchmarks;

/// <summary>
/// The support-ticket journey alone: CrmKit's care engine (in-memory store, the built-in support-ticket journey only)
/// against a MassTransit state-machine saga (in-memory saga repository, in-process mediator; benchmark-only
/// reference, <see cref="MtTicketStateMachine"/>) doing the same transitions. Each invocation runs
/// <see cref="Tickets"/> tickets, one customer each, through opened → staff replied → customer replied → solved →
/// closed (five events a ticket, in time order: every ticket's first event, then every ticket's second, …) against a
/// fresh store / repository; both queue two messages a ticket (ticket-received, satisfaction-survey), which the
/// iteration cleanup checks.
/// </summary>
[MemoryDiagnoser]
public class TicketJourneyBenchmarks
{
    private const int EventsPerTicket = 5;
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 2, 0);
    private object[] _mtEvents = [];
    private CareEvent[] _events = [];
    private MtTicketHost _mt = null!;
    private CareEngine _engine = null!;
    private InMemoryEngineStore _store = null!;
    private int _queued;

    /// <summary>Tickets per invocation.</summary>
    [Params(10_000)]
    public int Tickets { get; set; }

    /// <summary>The engine's options: the built-in support-ticket journey alone, over the built-in catalogue and processes.</summary>
    public static CareEngineOptions TicketOnly { get; } = new()
    {
        Journeys = [.. BuiltInJourneys.All.Where(j => j.Process == "support-ticket")],
    };

    [GlobalSetup]
    public void Setup()
    {
        var ids = new Guid[Tickets];
        var events = new CareEvent[Tickets * EventsPerTicket];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
            var customer = new CustomerId($"KH{i:D7}");
            var ticket = $"T{i:D7}";
            var at = Start + Duration.FromSeconds(i);
            var opened = new SupportTicket { Id = new TicketId(ticket), CustomerId = customer, OpenedAt = at, Channel = ContactChannel.Zalo };
            events[i] = new TicketOpenedEvent(opened) { EventId = "o" + ticket, CustomerId = customer, At = at };
            events[Tickets + i] = new TicketStaffRepliedEvent(ticket) { EventId = "r" + ticket, CustomerId = customer, At = at + Duration.FromHours(1) };
            events[(2 * Tickets) + i] = new TicketCustomerRepliedEvent(ticket) { EventId = "c" + ticket, CustomerId = customer, At = at + Duration.FromHours(2) };
            events[(3 * Tickets) + i] = new TicketSolvedEvent(ticket) { EventId = "s" + ticket, CustomerId = customer, At = at + Duration.FromHours(3) };
            events[(4 * Tickets) + i] = new TicketClosedEvent(ticket) { EventId = "x" + ticket, CustomerId = customer, At = at + Duration.FromHours(4) };
        }

        _events = events;
        var mt = new List<object>(Tickets * EventsPerTicket);
        mt.AddRange(ids.Select((id, i) => (object)new MtTicketOpened(id, $"KH{i:D7}")));
        mt.AddRange(ids.Select(id => (object)new MtTicketStaffReplied(id)));
        mt.AddRange(ids.Select(id => (object)new MtTicketCustomerReplied(id)));
        mt.AddRange(ids.Select(id => (object)new MtTicketSolved(id)));
        mt.AddRange(ids.Select(id => (object)new MtTicketClosed(id)));
        _mtEvents = [.. mt];
    }

    [IterationSetup(Target = nameof(MassTransitSaga))]
    public void SetupMassTransit() => _mt = new MtTicketHost();

    [IterationCleanup(Target = nameof(MassTransitSaga))]
    public void CleanupMassTransit()
    {
        Check("MassTransit saga", _mt.Outbox.Count);
        _mt.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(CareEngine))]
    public void SetupEngine()
    {
        _store = new InMemoryEngineStore();
        _engine = new CareEngine(TicketOnly, _store);
        _queued = 0;
    }

    [IterationCleanup(Target = nameof(CareEngine))]
    public void CleanupEngine() => Check("care engine", _queued);

    [Benchmark(Baseline = true, OperationsPerInvoke = 1, Description = "MassTransit saga (in-memory repository, mediator)")]
    public async Task<int> MassTransitSaga()
    {
        IMediator mediator = _mt.Mediator;
        foreach (var e in _mtEvents)
        {
            await mediator.Send(e).ConfigureAwait(false);
        }

        return _mt.Outbox.Count;
    }

    [Benchmark(Description = "CrmKit care engine (in-memory store)")]
    public async Task<int> CareEngine()
    {
        var queued = 0;
        foreach (var e in _events)
        {
            var result = await _engine.HandleAsync(e).ConfigureAwait(false);
            queued += result.Messages.Length;
        }

        _queued = queued;
        return queued;
    }

    private void Check(string what, int messages)
    {
        if (messages != 2 * Tickets)
        {
            throw new InvalidOperationException($"The {what} decided {messages} messages; expected {2 * Tickets} (two a ticket): the two do not run the same transitions.");
        }
    }
}

/// <summary>
/// Engine throughput, one core: the built-in catalogue and journeys over the order and ticket events of a generated
/// seed shop (<c>crmkit-seeds generate --customers N</c>), in time order, against a fresh in-memory store whose
/// customers' profiles and consents were loaded first (not timed). Reported per event; events/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class EngineThroughputBenchmarks
{
    private CareEvent[] _setup = [];
    private CareEvent[] _events = [];
    private CareEngine _engine = null!;

    /// <summary>Customers of the generated shop.</summary>
    [Params(10_000)]
    public int Customers { get; set; }

    /// <summary>Order and ticket events handled per invocation.</summary>
    public int Events => _events.Length;

    [GlobalSetup]
    public void Setup()
    {
        var data = CustomerDataSet.ReadFolder(ImportSeeds.Folder(Customers));
        var all = HistoryEvents.Of(data.Customers);
        _setup = [.. all.Where(e => e is ProfileChangedEvent or ConsentChangedEvent)];
        _events = [.. all.Where(e => e.Type is CareEventType.OrderPlaced or CareEventType.OrderStatusChanged
            or CareEventType.TicketOpened or CareEventType.TicketStaffReplied or CareEventType.TicketCustomerReplied or CareEventType.TicketSolved or CareEventType.TicketClosed)];
        Console.WriteLine($"// {Customers:N0} customers: {_setup.Length:N0} profile and consent events loaded first, {_events.Length:N0} order and ticket events timed");
    }

    [IterationSetup]
    public void FreshStore()
    {
        _engine = new CareEngine(new CareEngineOptions(), new InMemoryEngineStore());
        foreach (var e in _setup)
        {
            _engine.HandleAsync(e).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "HandleAsync, order and ticket events, per event")]
    public async Task<int> Handle()
    {
        var applied = 0;
        foreach (var e in _events)
        {
            var result = await _engine.HandleAsync(e).ConfigureAwait(false);
            applied += result.Outcome == HandleOutcome.Applied ? 1 : 0;
        }

        return applied;
    }
}

/// <summary>
/// Replaying a generated seed shop's whole history (<c>crmkit-seeds generate --customers N</c>; N from
/// <c>CRMKIT_BENCH_CUSTOMERS</c>, default 1,000) through the engine as <c>crmkit run</c> does: every event kind in time
/// order, the built-in catalogue and journeys, and the replay's dispatcher polling every 15 minutes (advance time,
/// claim, re-check, send, record the contact). Reading the files is setup, not timed.
/// </summary>
[MemoryDiagnoser]
public class EngineReplayBenchmarks
{
    private List<CareEvent> _events = [];
    private EngineReplay _replay = null!;

    /// <summary>Customers of the generated shop.</summary>
    public int Customers { get; } = ImportSeeds.CustomersFromEnvironment();

    [GlobalSetup]
    public void Setup()
    {
        var data = CustomerDataSet.ReadFolder(ImportSeeds.Folder(Customers));
        _events = HistoryEvents.Of(data.Customers);
        Console.WriteLine($"// {Customers:N0} customers: {_events.Count:N0} events from {_events[0].At} to {_events[^1].At}");
    }

    [IterationSetup]
    public void FreshStore() => _replay = new EngineReplay(new CareEngine(new CareEngineOptions(), new InMemoryEngineStore()), EngineReplay.DefaultPoll);

    [Benchmark(Description = "Replay the whole history (events + dispatch)")]
    public async Task<long> Replay()
    {
        await _replay.RunAsync(_events, _events[^1].At).ConfigureAwait(false);
        return _replay.Events;
    }
}

/// <summary>
/// The engine benchmarks' bodies run directly (no BenchmarkDotNet), for a profiler: <c>--engine-once ticket|throughput|replay|hotpath N</c>.
/// Each round prints the events, the time and the bytes allocated per event (all threads, <see cref="GC.GetTotalAllocatedBytes"/>).
/// </summary>
internal static class EngineOnce
{
    public static int Run(string which, int times)
    {
        for (var i = 0; i < times; i++)
        {
            // Each benchmark's setup runs here, untimed; the body it returns is timed and counted.
            Func<long>? body = which switch
            {
                "ticket" => Ticket(),
                "throughput" => Throughput(),
                "replay" => Replay(),
                "hotpath" => HotPath(),
                _ => null,
            };
            if (body is null)
            {
                Console.Error.WriteLine($"--engine-once: '{which}' is not one of ticket, throughput, replay, hotpath.");
                return 2;
            }

            var allocated = GC.GetTotalAllocatedBytes(true);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var events = body();
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(true) - allocated;
            Console.WriteLine($"{which}: {events:N0} events in {watch.Elapsed.TotalSeconds:F2} s = {events / watch.Elapsed.TotalSeconds:N0} events/s, {allocated / (double)events:N0} bytes allocated per event");
        }

        return 0;
    }

    private static Func<long> Ticket()
    {
        var ticket = new TicketJourneyBenchmarks { Tickets = 10_000 };
        ticket.Setup();
        ticket.SetupEngine();
        return () =>
        {
            ticket.CareEngine().GetAwaiter().GetResult();
            ticket.CleanupEngine();
            return 5L * ticket.Tickets;
        };
    }

    private static Func<long> Throughput()
    {
        var throughput = new EngineThroughputBenchmarks { Customers = 10_000 };
        throughput.Setup();
        throughput.FreshStore();
        return () => throughput.Handle().GetAwaiter().GetResult() >= 0 ? throughput.Events : 0;
    }

    private static Func<long> Replay()
    {
        var replay = new EngineReplayBenchmarks();
        replay.Setup();
        replay.FreshStore();
        return () => replay.Replay().GetAwaiter().GetResult();
    }

    private static Func<long> HotPath()
    {
        var hot = new EngineHotPathBenchmarks { Customers = 5_000 };
        hot.Setup();
        hot.SetupIteration();
        return () => hot.HandleOrdersAndTickets().GetAwaiter().GetResult() >= 0 ? hot.EventCount : 0;
    }
}
