using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What <see cref="IEngineStore.CommitAsync"/> did.</summary>
public enum CommitOutcome
{
    /// <summary>Everything was stored.</summary>
    Committed,

    /// <summary>Nothing was stored: the customer's version moved since it was loaded (the engine retries).</summary>
    Conflict,

    /// <summary>Nothing was stored: the event id was already processed for the customer.</summary>
    Duplicate,
}
