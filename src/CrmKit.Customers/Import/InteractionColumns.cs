using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the interactions file. Required: id, customer id, at, channel, direction, outcome.</summary>
public sealed record InteractionColumns
{
    /// <summary>Interaction id.</summary>
    public string Id { get; init; } = "interaction_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it happened.</summary>
    public string At { get; init; } = "at";

    /// <summary>Channel.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public string Direction { get; init; } = "direction";

    /// <summary>Outcome (<c>reached</c>, <c>no_answer</c> …).</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>Subject.</summary>
    public string Subject { get; init; } = "subject";

    /// <summary>Staff member.</summary>
    public string StaffId { get; init; } = "staff_id";
}
