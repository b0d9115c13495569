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
    public ConsentDecision(ContactChannel channel, ContactPurpose purpose, ConsentStatus status, Instant at, string? source = null)
    {
        Channel = channel;
        Purpose = purpose;
        Status = status;
        At = at;
        Source = source;
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
    public Instant At { get; init; }

    /// <summary>How the decision was given (form, call, message …), if recorded.</summary>
    public string? Source { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Whether this decision supersedes <paramref name="other"/> for the same channel and purpose:
    /// the later one wins; at the same instant a withdrawal wins over a grant, and between two otherwise equal
    /// decisions the source that sorts last (ordinal) wins, so that the order decisions arrive in never matters.</summary>
    public bool Supersedes(ConsentDecision other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (At != other.At)
        {
            return At > other.At;
        }

        return Status != other.Status ? Status == ConsentStatus.Withdrawn : string.CompareOrdinal(Source, other.Source) > 0;
    }
}

/// <summary>
/// The current consent of one customer: at most one decision, the most recent, per channel and purpose.
/// Absence of a decision means consent was never given.
/// </summary>
/// <remarks>
/// <see cref="With"/> keeps the later of two decisions whatever order they arrive in, so combining consent
/// sets is commutative and associative — merging duplicates cannot resurrect a withdrawn consent.
/// </remarks>
public sealed class ConsentSet : IReadOnlyCollection<ConsentDecision>, IEquatable<ConsentSet>
{
    private readonly ImmutableArray<ConsentDecision> _decisions; // sorted by (channel, purpose), one per key

    private ConsentSet(ImmutableArray<ConsentDecision> decisions) => _decisions = decisions;

    /// <summary>No decisions.</summary>
    public static ConsentSet Empty { get; } = new([]);

    /// <summary>How many (channel, purpose) pairs have a decision.</summary>
    public int Count => _decisions.Length;

    /// <summary>Builds a set from decisions in any order; for each channel and purpose the latest wins.</summary>
    public static ConsentSet From(IEnumerable<ConsentDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var set = Empty;
        foreach (var decision in decisions)
        {
            set = set.With(decision);
        }

        return set;
    }

    /// <summary>The current decision for a channel and purpose, or <see langword="null"/> when none was ever recorded.</summary>
    public ConsentDecision? Find(ContactChannel channel, ContactPurpose purpose)
    {
        var index = IndexOf(channel, purpose);
        return index >= 0 ? _decisions[index] : null;
    }

    /// <summary>Whether the customer currently consents to contact on <paramref name="channel"/> for <paramref name="purpose"/>.</summary>
    public bool IsGranted(ContactChannel channel, ContactPurpose purpose) => Find(channel, purpose)?.Status == ConsentStatus.Granted;

    /// <summary>Adds a decision unless the set already holds a later one for the same channel and purpose.</summary>
    public ConsentSet With(ConsentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var index = IndexOf(decision.Channel, decision.Purpose);
        if (index >= 0)
        {
            var current = _decisions[index];
            return decision.Supersedes(current) ? new ConsentSet(_decisions.SetItem(index, decision)) : this;
        }

        return new ConsentSet(_decisions.Insert(~index, decision));
    }

    /// <summary>Combines two sets: for each channel and purpose the latest decision wins.</summary>
    public ConsentSet Merge(ConsentSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = this;
        foreach (var decision in other._decisions)
        {
            result = result.With(decision);
        }

        return result;
    }

    /// <inheritdoc/>
    public IEnumerator<ConsentDecision> GetEnumerator() => ((IEnumerable<ConsentDecision>)_decisions).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ConsentSet? other) => other is not null && _decisions.AsSpan().SequenceEqual(other._decisions.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConsentSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var d in _decisions)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary>Lists the decisions, e.g. <c>Sms/Marketing=Granted, Email/Marketing=Withdrawn</c>.</summary>
    public override string ToString() => string.Join(", ", _decisions.Select(d => $"{d.Channel}/{d.Purpose}={d.Status}"));

    private int IndexOf(ContactChannel channel, ContactPurpose purpose)
    {
        int lo = 0, hi = _decisions.Length - 1;
        var key = Key(channel, purpose);
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = Key(_decisions[mid].Channel, _decisions[mid].Purpose).CompareTo(key);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private static int Key(ContactChannel channel, ContactPurpose purpose) => ((int)channel * 8) + (int)purpose;
}
