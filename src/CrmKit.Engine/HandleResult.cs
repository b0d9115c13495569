using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>The result of one unit of work.</summary>
/// <param name="Outcome">Applied, duplicate or ignored.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Entered">Segments entered.</param>
/// <param name="Exited">Segments exited.</param>
/// <param name="Instances">Changes to journey instances, in order.</param>
/// <param name="Messages">Messages decided (queued, deferred, skipped, dropped), in order.</param>
/// <param name="Cancelled">Queued messages cancelled (exits, consent withdrawn, erasure).</param>
/// <param name="Tasks">Tasks created.</param>
/// <param name="Retries">Optimistic-concurrency conflicts retried.</param>
public sealed record HandleResult(
    HandleOutcome Outcome,
    CustomerId CustomerId,
    ImmutableArray<string> Entered,
    ImmutableArray<string> Exited,
    ImmutableArray<InstanceChange> Instances,
    ImmutableArray<MessageDecision> Messages,
    ImmutableArray<OutboxCancellation> Cancelled,
    ImmutableArray<CareTask> Tasks,
    int Retries)
{
    /// <summary>
    /// What the engine did with the event beyond the figures above, in words: a status change held for an order not
    /// seen yet, a held status applied to an arriving order, an event ignored (and why). Empty when nothing of note.
    /// </summary>
    public ImmutableArray<string> Notices { get; init; } = [];

    internal static HandleResult Nothing(HandleOutcome outcome, CustomerId customer) => new(outcome, customer, [], [], [], [], [], [], 0);
}
