using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>The state of one SLA clock.</summary>
public enum SlaStatus
{
    /// <summary>Counting.</summary>
    Running,

    /// <summary>Paused (pending or on hold).</summary>
    Paused,

    /// <summary>Stopped within the target.</summary>
    Met,

    /// <summary>The target was exceeded (the clock may still be running).</summary>
    Breached,
}
