using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>One action of the agenda.</summary>
/// <param name="CustomerId">The customer (a default <see cref="Customers.CustomerId"/> is refused with <see cref="ArgumentException"/>).</param>
/// <param name="PlanId">The care plan.</param>
/// <param name="CadenceId">The cadence.</param>
/// <param name="Action">What to do.</param>
/// <param name="DueAt">When the plan wanted it.</param>
/// <param name="SendAt">When the policy lets it go (due or deferred), else none.</param>
/// <param name="Status">Due, deferred, skipped or dropped.</param>
/// <param name="Reason">Why it is not simply due.</param>
/// <param name="IdempotencyKey">customer/plan/cadence/local date: the same occurrence always has the same key, so a retry never sends twice.</param>
public sealed record AgendaItem(CustomerId CustomerId, string PlanId, string CadenceId, CareAction Action, Instant DueAt, Instant? SendAt, AgendaStatus Status, string? Reason, string IdempotencyKey)
{
    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; init; } = CustomerId.Value is null ? throw new ArgumentException("The customer id is not set (a default CustomerId).", nameof(CustomerId)) : CustomerId;

    /// <summary>The members, with a customer id that is a phone number or email masked (<see cref="PersonalData.Redact"/>).</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder("AgendaItem { ");
        PrintMembers(builder);
        return PersonalData.Redact(builder.Append(" }").ToString());
    }
}
