using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>Column names of the feedback file. Required: id, customer id, at, kind, score.</summary>
public sealed record FeedbackColumns
{
    /// <summary>Feedback id.</summary>
    public string Id { get; init; } = "feedback_id";

    /// <summary>Customer id.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>When it was given.</summary>
    public string At { get; init; } = "at";

    /// <summary><c>star_rating</c>, <c>nps</c>, <c>csat</c> or <c>ces</c>.</summary>
    public string Kind { get; init; } = "kind";

    /// <summary>The score.</summary>
    public string Score { get; init; } = "score";

    /// <summary>Comment.</summary>
    public string Comment { get; init; } = "comment";

    /// <summary>The order it is about.</summary>
    public string OrderId { get; init; } = "order_id";

    /// <summary>The ticket it is about.</summary>
    public string TicketId { get; init; } = "ticket_id";
}
