using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;
using NodaTime.TimeZones;

namespace CrmKit.CareProcess;

/// <summary>What to do with an action the policy blocks at its due time.</summary>
public enum BlockedActionHandling
{
    /// <summary>Do not send it.</summary>
    Skip,

    /// <summary>Send it at the next allowed instant (dropped if that is later than the deadline, when one is set).</summary>
    Defer,
}
