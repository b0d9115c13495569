using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Where a journey instance is.</summary>
public enum InstanceStatus
{
    /// <summary>Running (its process is not in a final state).</summary>
    Active,

    /// <summary>Its process reached a final state.</summary>
    Completed,

    /// <summary>An exit condition held (or the customer was merged away); its queued messages were cancelled.</summary>
    Exited,
}
