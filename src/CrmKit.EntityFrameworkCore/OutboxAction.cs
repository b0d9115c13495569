using CrmKit.Customers;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>A due care action in the outbox, waiting for a worker to send it.</summary>
public sealed class OutboxAction
{
    /// <summary>The action's idempotency key (customer/plan/cadence/local date): the same occurrence is enqueued once.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>The customer to contact.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The channel.</summary>
    public ContactChannel Channel { get; set; }

    /// <summary>The message template.</summary>
    public string Template { get; set; } = "";

    /// <summary>When the action may be sent.</summary>
    public Instant SendAt { get; set; }

    /// <summary>The agenda item as JSON, for the sender.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>The worker holding the action, or <see langword="null"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds; after it, another worker may take the action.</summary>
    public Instant? ClaimedUntil { get; set; }

    /// <summary>How many times the action was handed out.</summary>
    public int Attempts { get; set; }

    /// <summary>When the action was completed, or <see langword="null"/> while it is pending.</summary>
    public Instant? DoneAt { get; set; }
}
