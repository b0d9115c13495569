using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Where an outbox entry is.</summary>
public enum OutboxState
{
    /// <summary>Waiting to be sent (or leased by a dispatcher).</summary>
    Pending,

    /// <summary>Sent.</summary>
    Sent,

    /// <summary>Not sent: skipped or dropped by the contact policy, cancelled by a send-time check, an exit or an erasure.</summary>
    Cancelled,

    /// <summary>Failed permanently; kept with the reason.</summary>
    DeadLettered,
}
