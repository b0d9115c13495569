using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>One journey instance of a customer: a process instance bound to a journey version and a correlation value.</summary>
/// <param name="JourneyId">The journey's versioned id (<c>after-sale@v1</c>).</param>
/// <param name="InstanceId">The instance id: the correlation value, with <c>#n</c> appended for the n-th (n ≥ 2) entry of the same value.</param>
/// <param name="Correlation">The correlation value (an order, ticket or claim id, or the customer id).</param>
/// <param name="Snapshot">The process instance (its history is not kept: the outbox and the statistics record what happened).</param>
/// <param name="Status">Active, completed or exited.</param>
/// <param name="EnrolledAt">When it started.</param>
/// <param name="EndedAt">When it completed or exited, else none.</param>
/// <param name="ExitReason">Why it exited, else none.</param>
/// <param name="GoalReachedAt">When the journey's goal event first happened while it was active, else none.</param>
/// <param name="NextDue">When its process's next timer is due, else none.</param>
public sealed record JourneyInstance(
    string JourneyId,
    string InstanceId,
    string Correlation,
    ProcessSnapshot Snapshot,
    InstanceStatus Status,
    Instant EnrolledAt,
    Instant? EndedAt = null,
    string? ExitReason = null,
    Instant? GoalReachedAt = null,
    Instant? NextDue = null);
