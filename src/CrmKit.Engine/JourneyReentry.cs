using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Whether a customer (or an order, ticket, claim) may enter a journey again.</summary>
public enum JourneyReentry
{
    /// <summary>Never again, once entered (per correlation value).</summary>
    Once,

    /// <summary>Again after the previous instance completed or exited (and the cool-down passed).</summary>
    AfterExit,

    /// <summary>Whenever the trigger fires (after the cool-down), even while an instance runs: instances run side by side.</summary>
    Always,
}
