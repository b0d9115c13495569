using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>One consent decision: a customer granted or withdrew contact on a channel for a purpose, at an instant.</summary>
public sealed record ConsentDecision
{
    /// <summary>Creates a decision.</summary>
    /// <param name="channel">The channel; <see cref="ContactChannel.InPerson"/> needs no consent and is rejected.</param>
    /// <param name="purpose">Transactional or marketing.</param>
    /// <param name="status">Granted or withdrawn.</param>
    /// <param name="at">When the customer decided.</param>
    /// <param name="source">How it was given (form, call, message …), if recorded.</param>
    /// <param name="recordedBy">Who recorded it (a staff id, <c>self-service</c>, a system's name), if known.</param>
    public ConsentDecision(ContactChannel channel, ContactPurpose purpose, ConsentStatus status, Instant at, string? source = null, string? recordedBy = null)
    {
        Channel = channel;
        Purpose = purpose;
        Status = status;
        At = at;
        Source = source;
        RecordedBy = recordedBy;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private ConsentDecision()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The channel.</summary>
    [JsonRequired]
    public ContactChannel Channel
    {
        get;
        init => field = Guard.Defined(value, "consent channel") != ContactChannel.InPerson
            ? value
            : throw new InvalidValueException("consent channel", "in-person contact needs no consent.", "Record consent for SMS, Zalo, email, phone call or chat.");
    }

    /// <summary>The purpose.</summary>
    [JsonRequired]
    public ContactPurpose Purpose { get; init => field = Guard.Defined(value, "consent purpose"); }

    /// <summary>Granted or withdrawn.</summary>
    [JsonRequired]
    public ConsentStatus Status { get; init => field = Guard.Defined(value, "consent status"); }

    /// <summary>When the customer decided.</summary>
    [JsonRequired]
    public Instant At { get; init => field = Guard.Time(value, "consent time"); }

    /// <summary>How the decision was given (form, call, message …), if recorded.</summary>
    public string? Source { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Who recorded the decision (a staff id, <c>self-service</c>, a system's name), if known.</summary>
    public string? RecordedBy { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Whether this decision supersedes <paramref name="other"/> for the same channel and purpose:
    /// the later one wins; at the same instant a withdrawal wins over a grant, and between two otherwise equal
    /// decisions the source, then the recorder, that sorts last (ordinal) wins, so that the order decisions arrive
    /// in never matters.</summary>
    public bool Supersedes(ConsentDecision other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Compare(this, other) > 0;
    }

    /// <summary>Masks the free-text fields: <c>Sms/Marketing=Granted at 2026-01-02T03:04:05Z</c>.</summary>
    public override string ToString() => $"{Channel}/{Purpose}={Status} at {At}";

    // The ledger's order: by instant, then a grant before a withdrawal, then source and recorder (ordinal).
    internal static int Compare(ConsentDecision x, ConsentDecision y)
    {
        var c = x.At.CompareTo(y.At);
        if (c == 0)
        {
            c = (x.Status == ConsentStatus.Withdrawn).CompareTo(y.Status == ConsentStatus.Withdrawn);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Source, y.Source);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.RecordedBy, y.RecordedBy);
        }

        return c;
    }
}
