using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What happened to a journey instance in a unit of work.</summary>
public enum InstanceChangeKind
{
    /// <summary>Started.</summary>
    Enrolled,

    /// <summary>Its process took a transition (a trigger or a timer).</summary>
    Transition,

    /// <summary>Its process reached a final state.</summary>
    Completed,

    /// <summary>An exit condition held.</summary>
    Exited,

    /// <summary>The goal event happened.</summary>
    GoalReached,

    /// <summary>An event was mapped to a trigger the current state does not accept.</summary>
    TriggerRejected,
}
