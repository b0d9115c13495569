using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the tickets file. Required: id, customer id, opened at, channel.</summary>
public sealed record TicketColumns
{
    /// <summary>Ticket id.</summary>
    public string Id { get; init; } = "ticket_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it was opened.</summary>
    public string OpenedAt { get; init; } = "opened_at";

    /// <summary>Channel it came in on.</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Priority.</summary>
    public string Priority { get; init; } = "priority";

    /// <summary>Status.</summary>
    public string Status { get; init; } = "status";

    /// <summary>Category.</summary>
    public string Category { get; init; } = "category";

    /// <summary>First reply.</summary>
    public string FirstReplyAt { get; init; } = "first_reply_at";

    /// <summary>Solved at.</summary>
    public string SolvedAt { get; init; } = "solved_at";

    /// <summary>Closed at.</summary>
    public string ClosedAt { get; init; } = "closed_at";

    /// <summary>Assignee.</summary>
    public string AssigneeId { get; init; } = "assignee_id";
}
