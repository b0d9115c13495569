using BenchmarkDotNet.Attributes;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;
using Stateless;

namespace CrmKit.Benchmarks;

/// <summary>
/// Firing one trigger on the support-ticket process: CrmKit's allocation-free step against the Stateless package
/// (benchmark-only reference) configured with the same states, triggers and transitions (external state storage,
/// enum states and triggers). Each invocation fires a cycle of three triggers 1,000 times: wait-for-customer
/// (open → pending), customer-reply (pending → open), customer-reply (internal in open).
/// </summary>
[MemoryDiagnoser]
public class CareStepBenchmarks
{
    private const int Cycles = 1000;

    /// <summary>The ticket's states for Stateless.</summary>
    public enum TicketState
    {
        /// <summary>New.</summary>
        New,

        /// <summary>Open.</summary>
        Open,

        /// <summary>Pending.</summary>
        Pending,

        /// <summary>On hold.</summary>
        OnHold,

        /// <summary>Solved.</summary>
        Solved,

        /// <summary>Closed.</summary>
        Closed,
    }

    /// <summary>The ticket's triggers for Stateless.</summary>
    public enum TicketTrigger
    {
        /// <summary>Assign.</summary>
        Assign,

        /// <summary>Agent reply.</summary>
        AgentReply,

        /// <summary>Customer reply.</summary>
        CustomerReply,

        /// <summary>Wait for customer.</summary>
        WaitForCustomer,

        /// <summary>Put on hold.</summary>
        PutOnHold,

        /// <summary>Resume.</summary>
        Resume,

        /// <summary>Solve.</summary>
        Solve,
    }

    private readonly ProcessDefinition _ticket = BuiltInProcesses.SupportTicket;
    private TicketState _state = TicketState.Open;
    private StateMachine<TicketState, TicketTrigger> _machine = null!;
    private ProcessCursor _cursor;
    private int _wait;
    private int _reply;

    [GlobalSetup]
    public void Setup()
    {
        _cursor = new ProcessCursor(_ticket.StateIndex("open"), Instant.FromUtc(2026, 11, 2, 2, 0), 1);
        (_wait, _reply) = (_ticket.TriggerIndex("wait-for-customer"), _ticket.TriggerIndex("customer-reply"));
        _machine = new StateMachine<TicketState, TicketTrigger>(() => _state, s => _state = s);
        _machine.Configure(TicketState.New).Permit(TicketTrigger.Assign, TicketState.Open).Permit(TicketTrigger.AgentReply, TicketState.Open).InternalTransition(TicketTrigger.CustomerReply, _ => { });
        _machine.Configure(TicketState.Open)
            .InternalTransition(TicketTrigger.Assign, _ => { }).InternalTransition(TicketTrigger.AgentReply, _ => { }).InternalTransition(TicketTrigger.CustomerReply, _ => { })
            .Permit(TicketTrigger.WaitForCustomer, TicketState.Pending).Permit(TicketTrigger.PutOnHold, TicketState.OnHold).Permit(TicketTrigger.Solve, TicketState.Solved);
        _machine.Configure(TicketState.Pending).Permit(TicketTrigger.CustomerReply, TicketState.Open).Permit(TicketTrigger.Solve, TicketState.Solved);
        _machine.Configure(TicketState.OnHold).Permit(TicketTrigger.Resume, TicketState.Open).InternalTransition(TicketTrigger.CustomerReply, _ => { }).Permit(TicketTrigger.Solve, TicketState.Solved);
        _machine.Configure(TicketState.Solved).Permit(TicketTrigger.CustomerReply, TicketState.Open).Permit(TicketTrigger.Solve, TicketState.Closed);
        _machine.Configure(TicketState.Closed).InternalTransition(TicketTrigger.CustomerReply, _ => { });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 3 * Cycles, Description = "Stateless Fire, per trigger")]
    public TicketState Stateless()
    {
        for (var i = 0; i < Cycles; i++)
        {
            _machine.Fire(TicketTrigger.WaitForCustomer);
            _machine.Fire(TicketTrigger.CustomerReply);
            _machine.Fire(TicketTrigger.CustomerReply);
        }

        return _state;
    }

    [Benchmark(OperationsPerInvoke = 3 * Cycles, Description = "CrmKit TryFire, per trigger")]
    public int CrmKit()
    {
        var now = _cursor.EnteredAt;
        var fired = 0;
        for (var i = 0; i < Cycles; i++)
        {
            fired += _ticket.TryFire(ref _cursor, _wait, [], now, out _) == FireStatus.Fired ? 1 : 0;
            fired += _ticket.TryFire(ref _cursor, _reply, [], now, out _) == FireStatus.Fired ? 1 : 0;
            fired += _ticket.TryFire(ref _cursor, _reply, [], now, out _) == FireStatus.Fired ? 1 : 0;
        }

        return fired;
    }
}

/// <summary>The care agenda of 1,000,000 customers under the built-in care plans and Vietnam's contact policy (one core).</summary>
[MemoryDiagnoser]
public class CareAgendaBenchmarks
{
    private CareSubject[] _subjects = [];
    private CareAgenda _agenda = null!;
    private Instant _asOf;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
        _asOf = new LocalDateTime(2026, 2, 10, 20, 0).InZoneStrictly(zone).ToInstant();
        var catalog = BuiltInSegments.Catalog;
        SegmentMembership[] memberships =
        [
            catalog.Membership(["vip", "champions"]),
            catalog.Membership(["loyal-customers", "high-value"]),
            catalog.Membership(["new", "new-customers", "low-value"]),
            catalog.Membership(["at-risk", "average-value"]),
            catalog.Membership(["low-value"]),
        ];
        var granted = Instant.FromUtc(2025, 1, 1, 0, 0);
        ConsentLedger[] consents =
        [
            ConsentLedger.Empty,
            ConsentLedger.From([new ConsentDecision(ContactChannel.Zalo, ContactPurpose.Marketing, ConsentStatus.Granted, granted)]),
            ConsentLedger.From([.. new[] { ContactChannel.Zalo, ContactChannel.Sms, ContactChannel.Email, ContactChannel.PhoneCall }.Select(c => new ConsentDecision(c, ContactPurpose.Marketing, ConsentStatus.Granted, granted))]),
        ];
        var random = new Random(20261123);
        _subjects = new CareSubject[Customers];
        for (var i = 0; i < _subjects.Length; i++)
        {
            var last = _asOf - Duration.FromHours(random.Next(1, 400 * 24));
            _subjects[i] = new CareSubject
            {
                CustomerId = new CustomerId($"KH{i:D7}"),
                Zone = zone,
                Segments = memberships[random.Next(memberships.Length)],
                Consents = consents[random.Next(consents.Length)],
                BirthDate = random.Next(4) == 0 ? null : new LocalDate(1960, 1, 1).PlusDays(random.Next(0, 45 * 365)),
                JoinedOn = new LocalDate(2022, 1, 1).PlusDays(random.Next(0, 4 * 365)),
                FirstOrderAt = last - Duration.FromDays(random.Next(0, 300)),
                LastOrderAt = last,
            };
        }

        _agenda = new CareAgenda(BuiltInCarePlans.All);
    }

    [Benchmark(Description = "Agenda for all customers (ordered)")]
    public int Agenda() => _agenda.ForPopulation(_subjects, _asOf).Count;
}
