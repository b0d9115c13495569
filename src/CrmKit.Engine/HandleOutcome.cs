using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What <see cref="CareEngine.HandleAsync"/> did with an event.</summary>
public enum HandleOutcome
{
    /// <summary>The event was applied and committed.</summary>
    Applied,

    /// <summary>The event id was already processed: nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// The event was recorded and ignored: the customer was erased or merged away, or the event names a ticket or
    /// warranty claim never opened (<see cref="HandleResult.Notices"/> says which). Time still advanced for the latter.
    /// </summary>
    Ignored,

    /// <summary>
    /// The event names something not seen yet (a status change of an order whose <c>orderPlaced</c> has not arrived):
    /// it was recorded and kept in the customer's state, to be applied when that arrives (<see cref="HandleResult.Notices"/> says what).
    /// Time still advanced: what fell due before it fired.
    /// </summary>
    Held,
}
