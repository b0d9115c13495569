using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>A contact between the shop and a customer: a call, a message, an email, a chat or a visit.</summary>
public sealed record Interaction
{
    /// <summary>The interaction's identifier.</summary>
    public required InteractionId Id { get; init => field = Guard.Set(value, "interaction id"); }

    /// <summary>The customer.</summary>
    public required CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it happened.</summary>
    public required Instant At { get; init => field = Guard.Time(value, "interaction time"); }

    /// <summary>The channel.</summary>
    public required ContactChannel Channel { get; init => field = Guard.Defined(value, "channel"); }

    /// <summary>Who started it.</summary>
    public required InteractionDirection Direction { get; init => field = Guard.Defined(value, "direction"); }

    /// <summary>How it ended.</summary>
    public required InteractionOutcome Outcome { get; init => field = Guard.Defined(value, "outcome"); }

    /// <summary>What it was about, if recorded.</summary>
    public string? Subject { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The staff member who handled it, if recorded.</summary>
    public string? StaffId { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The ids, time and kind, without the subject (free text may hold personal data): <c>Interaction I1 of KH1 at … (Zalo Outbound Reached)</c>.</summary>
    public override string ToString() => $"Interaction {Id} of {CustomerId} at {At} ({Channel} {Direction} {Outcome})";
}
