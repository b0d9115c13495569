using CrmKit.Customers;
using NodaTime;

namespace CrmKit.EntityFrameworkCore;

/// <summary>A care-process snapshot as stored: the snapshot's JSON beside the columns queries need, and a version checked on every write.</summary>
public sealed class StoredSnapshot
{
    /// <summary>The process instance (its snapshot's <c>InstanceId</c>).</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The customer the instance is about.</summary>
    public string CustomerId { get; set; } = "";

    /// <summary>The process definition's id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The current state (copied from the snapshot, for queries).</summary>
    public string State { get; set; } = "";

    /// <summary>The snapshot as <c>ProcessJson</c> writes it.</summary>
    public string Json { get; set; } = "";

    /// <summary>1 when first stored, one more at each write.</summary>
    public long Version { get; set; }
}

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
