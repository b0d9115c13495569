using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>What happened to a ticket, as the SLA clocks see it.</summary>
public enum TicketEventKind
{
    /// <summary>The ticket was created.</summary>
    Created,

    /// <summary>An agent replied.</summary>
    AgentReply,

    /// <summary>The customer replied (this also ends a pending or on-hold pause).</summary>
    CustomerReply,

    /// <summary>Set to pending (waiting for the customer): clocks pause.</summary>
    Pending,

    /// <summary>Set on hold (waiting for a third party): clocks pause.</summary>
    OnHold,

    /// <summary>Set back to open: clocks resume.</summary>
    Opened,

    /// <summary>Solved: the resolution clock stops.</summary>
    Solved,
}
