using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The result of <see cref="CareEngine.AdvanceAsync"/>.</summary>
/// <param name="Now">The instant advanced to.</param>
/// <param name="Customers">The unit of work of each customer that had something due.</param>
public sealed record AdvanceResult(Instant Now, ImmutableArray<HandleResult> Customers)
{
    /// <summary>Messages decided over all customers.</summary>
    public IEnumerable<MessageDecision> Messages => Customers.SelectMany(c => c.Messages);
}
