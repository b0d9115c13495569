using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>The three service-level clocks of a support ticket.</summary>
public enum SlaMetric
{
    /// <summary>From creation to the first agent reply.</summary>
    FirstReply,

    /// <summary>From a customer reply (after the first agent reply) to the next agent reply.</summary>
    NextReply,

    /// <summary>From creation to solved (resumed if the ticket is reopened).</summary>
    Resolution,
}
