using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CrmKit.Benchmarks;

// Benchmark-only reference: CrmKit's built-in support-ticket process (BuiltInProcesses.SupportTicket) written as a
// MassTransit state-machine saga with the in-memory saga repository, driven in process through MassTransit's
// mediator (no transport, no serialization: the cheapest way MassTransit runs a saga). The transitions are the
// process's own; the two messages the process queues (ticket-received on opening, satisfaction-survey on solving)
// go to an in-memory outbox list, as the engine queues them in its store's outbox.

/// <summary>A ticket was opened (starts the saga).</summary>
public sealed record MtTicketOpened(Guid TicketId, string CustomerId);

/// <summary>Staff replied on the ticket.</summary>
public sealed record MtTicketStaffReplied(Guid TicketId);

/// <summary>The customer replied on the ticket.</summary>
public sealed record MtTicketCustomerReplied(Guid TicketId);

/// <summary>The ticket was solved.</summary>
public sealed record MtTicketSolved(Guid TicketId);

/// <summary>The ticket was closed.</summary>
public sealed record MtTicketClosed(Guid TicketId);

/// <summary>One ticket's saga instance.</summary>
public sealed class MtTicketSagaState : SagaStateMachineInstance
{
    /// <inheritdoc />
    public Guid CorrelationId { get; set; }

    /// <summary>The state's name.</summary>
    public string CurrentState { get; set; } = "";

    /// <summary>The customer the ticket belongs to.</summary>
    public string CustomerId { get; set; } = "";
}

/// <summary>The messages the saga queued (customer id, template), in order.</summary>
public sealed class MtOutbox
{
    private readonly Lock _gate = new();
    private readonly List<(string CustomerId, string Template)> _messages = [];

    /// <summary>The number of queued messages.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Queues one message.</summary>
    public void Add(string customerId, string template)
    {
        lock (_gate)
        {
            _messages.Add((customerId, template));
        }
    }
}

/// <summary>The support-ticket process (new → open ⇄ pending / on-hold → solved → closed) as a MassTransit state machine.</summary>
public sealed class MtTicketStateMachine : MassTransitStateMachine<MtTicketSagaState>
{
    /// <summary>Builds the machine; <paramref name="outbox"/> receives the queued messages.</summary>
    public MtTicketStateMachine(MtOutbox outbox)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Opened, x => x.CorrelateById(m => m.Message.TicketId));
        Event(() => StaffReplied, x => x.CorrelateById(m => m.Message.TicketId));
        Event(() => CustomerReplied, x => x.CorrelateById(m => m.Message.TicketId));
        Event(() => Solved, x => x.CorrelateById(m => m.Message.TicketId));
        Event(() => Closed, x => x.CorrelateById(m => m.Message.TicketId));

        Initially(When(Opened)
            .Then(c => c.Saga.CustomerId = c.Message.CustomerId)
            .Then(c => outbox.Add(c.Saga.CustomerId, "ticket-received"))
            .TransitionTo(NewTicket));
        During(NewTicket,
            When(StaffReplied).TransitionTo(Open),
            When(CustomerReplied).Then(_ => { }),
            When(Solved).Then(c => outbox.Add(c.Saga.CustomerId, "satisfaction-survey")).TransitionTo(SolvedState));
        During(Open,
            When(StaffReplied).Then(_ => { }),
            When(CustomerReplied).Then(_ => { }),
            When(Solved).Then(c => outbox.Add(c.Saga.CustomerId, "satisfaction-survey")).TransitionTo(SolvedState));
        During(Pending,
            When(CustomerReplied).TransitionTo(Open),
            When(Solved).Then(c => outbox.Add(c.Saga.CustomerId, "satisfaction-survey")).TransitionTo(SolvedState));
        During(SolvedState,
            When(CustomerReplied).TransitionTo(Open),
            When(Closed).TransitionTo(ClosedState).Finalize());
        SetCompletedWhenFinalized();
    }

    /// <summary>Not yet handled.</summary>
    public State NewTicket { get; private set; } = null!;

    /// <summary>Being worked on.</summary>
    public State Open { get; private set; } = null!;

    /// <summary>Waiting for the customer.</summary>
    public State Pending { get; private set; } = null!;

    /// <summary>Solved.</summary>
    public State SolvedState { get; private set; } = null!;

    /// <summary>Closed for good.</summary>
    public State ClosedState { get; private set; } = null!;

    /// <summary>Ticket opened.</summary>
    public Event<MtTicketOpened> Opened { get; private set; } = null!;

    /// <summary>Staff replied.</summary>
    public Event<MtTicketStaffReplied> StaffReplied { get; private set; } = null!;

    /// <summary>Customer replied.</summary>
    public Event<MtTicketCustomerReplied> CustomerReplied { get; private set; } = null!;

    /// <summary>Ticket solved.</summary>
    public Event<MtTicketSolved> Solved { get; private set; } = null!;

    /// <summary>Ticket closed.</summary>
    public Event<MtTicketClosed> Closed { get; private set; } = null!;
}

/// <summary>A fresh mediator with the ticket saga and an empty in-memory repository.</summary>
public sealed class MtTicketHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    /// <summary>Builds the container, the mediator and the repository.</summary>
    public MtTicketHost()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Outbox);
        services.AddMediator(m => m.AddSagaStateMachine<MtTicketStateMachine, MtTicketSagaState>().InMemoryRepository());
        _provider = services.BuildServiceProvider();
        Mediator = _provider.GetRequiredService<IMediator>();
    }

    /// <summary>Where the saga queues its messages.</summary>
    public MtOutbox Outbox { get; } = new();

    /// <summary>The mediator that delivers events to the saga.</summary>
    public IMediator Mediator { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
