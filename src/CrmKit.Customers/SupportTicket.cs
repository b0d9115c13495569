using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>A support ticket or complaint, as a historical record (the care-process package runs its workflow).</summary>
public sealed record SupportTicket
{
    /// <summary>The ticket's identifier.</summary>
    public required TicketId Id { get; init => field = Guard.Set(value, "ticket id"); }

    /// <summary>The customer.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was opened.</summary>
    public required Instant OpenedAt { get; init => field = Guard.Time(value, "opened at"); }

    /// <summary>The channel it came in on.</summary>
    public required ContactChannel Channel { get; init => field = Guard.Defined(value, "channel"); }

    /// <summary>Its priority. Default: normal.</summary>
    public TicketPriority Priority { get; init => field = Guard.Defined(value, "priority"); } = TicketPriority.Normal;

    /// <summary>Its status. Default: new.</summary>
    public TicketStatus Status { get; init => field = Guard.Defined(value, "ticket status"); }

    /// <summary>What it is about (<c>delivery</c>, <c>warranty</c>, <c>product quality</c>), if recorded.</summary>
    public string? Category { get; init => field = Guard.TrimToNull(value); }

    /// <summary>When the shop first replied, if it has.</summary>
    public Instant? FirstReplyAt { get; init => field = Guard.Time(value, "first reply at"); }

    /// <summary>When it was solved, if it was.</summary>
    public Instant? SolvedAt { get; init => field = Guard.Time(value, "solved at"); }

    /// <summary>When it was closed, if it was.</summary>
    public Instant? ClosedAt { get; init => field = Guard.Time(value, "closed at"); }

    /// <summary>The staff member it is assigned to, if any.</summary>
    public string? AssigneeId { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Checks that the timestamps are in order (opened ≤ first reply, opened ≤ solved ≤ closed).</summary>
    /// <exception cref="InvalidValueException">A timestamp precedes the one it must follow.</exception>
    public SupportTicket Validate()
    {
        Before(OpenedAt, FirstReplyAt, "first reply");
        Before(OpenedAt, SolvedAt, "solved at");
        Before(SolvedAt ?? OpenedAt, ClosedAt, "closed at");
        return this;

        void Before(Instant earlier, Instant? later, string field)
        {
            if (later is { } l && l < earlier)
            {
                throw new InvalidValueException(field, $"{l} precedes {earlier} in ticket '{Id}'.");
            }
        }
    }
}
