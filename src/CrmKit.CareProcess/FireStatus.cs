using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>The outcome of <see cref="ProcessDefinition.TryFire"/>.</summary>
public enum FireStatus
{
    /// <summary>A transition was taken.</summary>
    Fired,

    /// <summary>The definition has no such trigger.</summary>
    UnknownTrigger,

    /// <summary>No transition from the current state on this trigger.</summary>
    NotPermitted,

    /// <summary>No guard holds.</summary>
    GuardsFailed,

    /// <summary>Too many arguments, or one of the wrong kind.</summary>
    BadArguments,
}
