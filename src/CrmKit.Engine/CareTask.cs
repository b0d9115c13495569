using CrmKit.CareProcess;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>A task for staff (call, follow up, an assignment), created by a process effect.</summary>
/// <param name="Key">Deterministic like an outbox key.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Title">What to do (<c>Check in with the customer</c>; for an assignment, <c>Assign to {role}</c>).</param>
/// <param name="Role">The role to do it, if any.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="DueAt">When it should be done by, if the effect says.</param>
/// <param name="JourneyId">The journey's versioned id.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="IsAssignment">True for an <see cref="AssignStaff"/> effect.</param>
public sealed record CareTask(string Key, CustomerId CustomerId, string Title, string? Role, Instant CreatedAt, Instant? DueAt, string JourneyId, string InstanceId, bool IsAssignment);
