using BenchmarkDotNet.Attributes;
using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Benchmarks;

/// <summary>
/// The care engine's hot path on one core: <see cref="CareEngine.HandleAsync"/> over order and ticket events with the
/// built-in catalogue (40 segments) and the nine built-in journeys, in-memory store. A generated shop of
/// <see cref="Customers"/> customers (fixed seed, no files, no CLI): each customer's profile and consent events are
/// handled in the iteration setup (not timed); then every customer's orders (placed, then completed or cancelled) and
/// support tickets (opened → staff replied → customer replied → solved → closed) over 2026 in time order are timed.
/// Divide the mean by <see cref="EventCount"/> (printed by the setup) for the time per event, and the allocated bytes
/// likewise. Command and results: benchmarks/results/engine-hotpath.md.
/// </summary>
[MemoryDiagnoser]
public class EngineHotPathBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 2, 0);
    private CareEvent[] _setup = [];
    private CareEvent[] _events = [];
    private CareEngine _engine = null!;

    /// <summary>Customers in the generated shop.</summary>
    [Params(5_000)]
    public int Customers { get; set; }

    /// <summary>The timed events per invocation.</summary>
    public int EventCount => _events.Length;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261201);
        var setup = new List<CareEvent>();
        var timed = new List<CareEvent>();
        for (var c = 0; c < Customers; c++)
        {
            var id = new CustomerId($"KH{c:D6}");
            var created = Start + Duration.FromMinutes(c);
            setup.Add(new ProfileChangedEvent(new Customer { Id = id, DisplayName = $"Khách {c}", CreatedAt = created, BirthDate = new LocalDate(1970 + (c % 40), 1 + (c % 12), 1 + (c % 28)) })
            { EventId = $"profile:{c}", CustomerId = id, At = created });
            foreach (var channel in new[] { ContactChannel.Zalo, ContactChannel.Email })
            {
                setup.Add(new ConsentChangedEvent(new ConsentDecision(channel, ContactPurpose.Marketing, ConsentStatus.Granted, created))
                { EventId = $"consent:{c}:{channel}", CustomerId = id, At = created });
            }

            var orders = 1 + random.Next(6);
            for (var o = 0; o < orders; o++)
            {
                var at = created + Duration.FromMinutes(random.Next(1, 360 * 24 * 60));
                var order = $"DH{c:D6}-{o}";
                var status = random.Next(10) == 0 ? OrderStatus.Cancelled : OrderStatus.Completed;
                timed.Add(new OrderPlacedEvent(new Order { Id = new(order), CustomerId = id, PlacedAt = at, Total = Money.Vnd(100_000 + (random.Next(100) * 50_000)), Status = OrderStatus.Pending })
                { EventId = $"order:{order}:placed", CustomerId = id, At = at });
                timed.Add(new OrderStatusChangedEvent(order, status) { EventId = $"order:{order}:{status}", CustomerId = id, At = at + Duration.FromDays(2) });
            }

            if (random.Next(3) == 0)
            {
                var at = created + Duration.FromMinutes(random.Next(1, 360 * 24 * 60));
                var ticket = $"T{c:D6}";
                timed.Add(new TicketOpenedEvent(new SupportTicket { Id = new TicketId(ticket), CustomerId = id, OpenedAt = at, Channel = ContactChannel.Zalo }) { EventId = "o" + ticket, CustomerId = id, At = at });
                timed.Add(new TicketStaffRepliedEvent(ticket) { EventId = "r" + ticket, CustomerId = id, At = at + Duration.FromHours(1) });
                timed.Add(new TicketCustomerRepliedEvent(ticket) { EventId = "c" + ticket, CustomerId = id, At = at + Duration.FromHours(2) });
                timed.Add(new TicketSolvedEvent(ticket) { EventId = "s" + ticket, CustomerId = id, At = at + Duration.FromHours(3) });
                timed.Add(new TicketClosedEvent(ticket) { EventId = "x" + ticket, CustomerId = id, At = at + Duration.FromHours(4) });
            }
        }

        _setup = [.. setup];
        _events = [.. timed.OrderBy(e => e.At).ThenBy(e => e.EventId, StringComparer.Ordinal)];
        Console.WriteLine($"// EngineHotPath: {_events.Length} timed events ({_setup.Length} setup events) for {Customers} customers");
    }

    [IterationSetup]
    public void SetupIteration()
    {
        _engine = new CareEngine(new CareEngineOptions(), new InMemoryEngineStore());
        foreach (var e in _setup)
        {
            _engine.HandleAsync(e).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Every timed event through <see cref="CareEngine.HandleAsync"/>; returns the messages decided (a check that the journeys ran).</summary>
    [Benchmark(Description = "HandleAsync, order and ticket events (all timed events)")]
    public async Task<int> HandleOrdersAndTickets()
    {
        var messages = 0;
        foreach (var e in _events)
        {
            var result = await _engine.HandleAsync(e).ConfigureAwait(false);
            messages += result.Messages.Length;
        }

        return messages;
    }
}
