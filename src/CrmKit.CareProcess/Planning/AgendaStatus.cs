using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>The state of one agenda item after the contact policy.</summary>
public enum AgendaStatus
{
    /// <summary>Due now: send it.</summary>
    Due,

    /// <summary>Moved to a later instant by the policy (quiet hours or a cap).</summary>
    Deferred,

    /// <summary>Not sent: consent, or blocked under a skip policy.</summary>
    Skipped,

    /// <summary>Not sent: could not go before the deadline.</summary>
    Dropped,
}
