using NodaTime;

namespace CrmKit.Engine;

/// <summary>What <see cref="CareDispatcher"/> needs of the engine: the outbox, the send-time check, the record of a send.</summary>
internal interface IDispatchTarget
{
    /// <summary>The outbox the dispatcher claims from.</summary>
    IOutboxStore Outbox { get; }

    /// <summary><see cref="CareEngine.CheckBeforeSendAsync"/>.</summary>
    ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct);

    /// <summary>Records a send through the engine's unit of work (<see cref="CareEngine.HandleAsync"/>).</summary>
    ValueTask RecordSentAsync(ContactMadeEvent contact, CancellationToken ct);
}
