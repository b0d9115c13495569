using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Why a trigger was not accepted.</summary>
public enum RejectionReason
{
    /// <summary>The definition has no such trigger.</summary>
    UnknownTrigger,

    /// <summary>No transition from the current state (or its parents) on this trigger.</summary>
    NotPermitted,

    /// <summary>Transitions exist but none of their guards holds.</summary>
    GuardsFailed,

    /// <summary>The arguments do not match the trigger's parameters.</summary>
    BadArguments,

    /// <summary>The snapshot belongs to another process or names a state the definition does not have.</summary>
    WrongSnapshot,
}
