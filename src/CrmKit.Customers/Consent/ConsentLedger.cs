using System.Collections;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// A customer's consent ledger: every grant and withdrawal, per channel and purpose, kept forever in time order.
/// The consent in force — now or at any past instant — is derived from it, never stored beside it, so it cannot
/// drift from the record that proves it. Absence of a decision means consent was never given.
/// </summary>
/// <remarks>
/// <para>The ledger is append-only: <see cref="Append"/>, <see cref="Grant"/> and <see cref="Withdraw"/> add a
/// decision and nothing removes one (erasing the customer is the only way to forget the history; see
/// <see cref="Privacy.PersonalDataEraser"/>). Appending a decision that is already there changes nothing, so
/// importing the same file twice is harmless.</para>
/// <para>For each channel and purpose the decision in force is the one that <see cref="ConsentDecision.Supersedes"/>
/// all the others, whatever order they were appended in; merging ledgers is therefore commutative and associative,
/// and merging duplicates can never resurrect a withdrawn consent.</para>
/// </remarks>
public sealed class ConsentLedger : IReadOnlyList<ConsentDecision>, IEquatable<ConsentLedger>
{
    private readonly ImmutableArray<ConsentDecision> _decisions; // every decision, in ledger order, no two equal

    private ConsentLedger(ImmutableArray<ConsentDecision> decisions) => _decisions = decisions;

    /// <summary>No decisions.</summary>
    public static ConsentLedger Empty { get; } = new([]);

    /// <summary>How many decisions the ledger holds.</summary>
    public int Count => _decisions.Length;

    /// <summary>Whether the ledger holds no decision.</summary>
    public bool IsEmpty => _decisions.IsEmpty;

    /// <summary>The decision at <paramref name="index"/> in time order.</summary>
    public ConsentDecision this[int index] => _decisions[index];

    /// <summary>The decision in force now for each channel and purpose that has one, sorted by channel and purpose.</summary>
    public IReadOnlyList<ConsentDecision> Current => InForce(null);

    /// <summary>Builds a ledger from decisions in any order.</summary>
    public static ConsentLedger From(IEnumerable<ConsentDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var all = decisions.ToArray();
        foreach (var decision in all)
        {
            ArgumentNullException.ThrowIfNull(decision, nameof(decisions));
        }

        return Sorted(all);
    }

    // The ledger of decisions in an array of its own (sorted and freed of repeats in place): no list, builder or
    // boxed enumerator per decision, as every customer of an import builds one or two ledgers.
    private static ConsentLedger Sorted(ConsentDecision[] all)
    {
        Array.Sort(all, ConsentDecision.Compare);
        var kept = 0;
        foreach (var decision in all)
        {
            if (all.AsSpan(0, kept).IndexOf(decision) < 0)
            {
                all[kept++] = decision;
            }
        }

        return new ConsentLedger(ImmutableCollectionsMarshal.AsImmutableArray(kept == all.Length ? all : all[..kept]));
    }

    /// <summary>Records a decision (nothing changes when the very same decision is already recorded).</summary>
    public ConsentLedger Append(ConsentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var index = _decisions.Length;
        while (index > 0 && ConsentDecision.Compare(_decisions[index - 1], decision) > 0)
        {
            index--;
        }

        return Contains(_decisions, decision) ? this : new ConsentLedger(_decisions.Insert(index, decision));
    }

    /// <summary>Records that the customer granted consent on a channel for a purpose.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="at">When the customer decided.</param>
    /// <param name="source">How (form, call, message …).</param>
    /// <param name="recordedBy">Who recorded it.</param>
    public ConsentLedger Grant(ContactChannel channel, ContactPurpose purpose, Instant at, string? source = null, string? recordedBy = null)
        => Append(new ConsentDecision(channel, purpose, ConsentStatus.Granted, at, source, recordedBy));

    /// <summary>Records that the customer withdrew consent on a channel for a purpose — as easy as granting it.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="at">When the customer decided.</param>
    /// <param name="source">How (form, call, message …).</param>
    /// <param name="recordedBy">Who recorded it.</param>
    public ConsentLedger Withdraw(ContactChannel channel, ContactPurpose purpose, Instant at, string? source = null, string? recordedBy = null)
        => Append(new ConsentDecision(channel, purpose, ConsentStatus.Withdrawn, at, source, recordedBy));

    /// <summary>
    /// Records a withdrawal for every channel (and purpose, unless <paramref name="purpose"/> is given) where consent
    /// is in force at <paramref name="at"/> — "stop contacting me" in one call.
    /// </summary>
    public ConsentLedger WithdrawAll(Instant at, ContactPurpose? purpose = null, string? source = null, string? recordedBy = null)
    {
        var ledger = this;
        foreach (var decision in InForce(at))
        {
            if (decision.Status == ConsentStatus.Granted && (purpose is null || decision.Purpose == purpose))
            {
                ledger = ledger.Withdraw(decision.Channel, decision.Purpose, at, source, recordedBy);
            }
        }

        return ledger;
    }

    /// <summary>Combines two ledgers: every decision of both, each once.</summary>
    public ConsentLedger Merge(ConsentLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty || IsEmpty)
        {
            return other.IsEmpty ? this : other;
        }

        var all = new ConsentDecision[_decisions.Length + other._decisions.Length];
        _decisions.CopyTo(all);
        other._decisions.CopyTo(all, _decisions.Length);
        return Sorted(all);
    }

    /// <summary>The decision in force now for a channel and purpose, or <see langword="null"/> when none was ever recorded.</summary>
    public ConsentDecision? Find(ContactChannel channel, ContactPurpose purpose) => Find(channel, purpose, null);

    /// <summary>
    /// The decision that was in force at <paramref name="instant"/> for a channel and purpose (the last one made at or
    /// before it), or <see langword="null"/> when none had been made by then.
    /// </summary>
    public ConsentDecision? FindAt(ContactChannel channel, ContactPurpose purpose, Instant instant) => Find(channel, purpose, instant);

    /// <summary>Whether the customer consents now to contact on <paramref name="channel"/> for <paramref name="purpose"/>.</summary>
    public bool IsGranted(ContactChannel channel, ContactPurpose purpose) => Find(channel, purpose, null)?.Status == ConsentStatus.Granted;

    /// <summary>Whether the customer consented at <paramref name="instant"/> to contact on <paramref name="channel"/> for <paramref name="purpose"/>.</summary>
    public bool IsGrantedAt(ContactChannel channel, ContactPurpose purpose, Instant instant) => Find(channel, purpose, instant)?.Status == ConsentStatus.Granted;

    /// <summary>The decisions in force at <paramref name="instant"/>, one per channel and purpose, sorted by channel and purpose.</summary>
    public IReadOnlyList<ConsentDecision> CurrentAt(Instant instant) => InForce(instant);

    /// <summary>Every decision for one channel and purpose, oldest first: the proof of what was in force when.</summary>
    public IEnumerable<ConsentDecision> History(ContactChannel channel, ContactPurpose purpose)
        => _decisions.Where(d => d.Channel == channel && d.Purpose == purpose);

    /// <summary>The latest instant at which a decision was made, or <see langword="null"/> for an empty ledger.</summary>
    public Instant? LastDecisionAt => _decisions.IsEmpty ? null : _decisions[^1].At;

    /// <inheritdoc/>
    public IEnumerator<ConsentDecision> GetEnumerator() => ((IEnumerable<ConsentDecision>)_decisions).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ConsentLedger? other) => other is not null && _decisions.AsSpan().SequenceEqual(other._decisions.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConsentLedger);

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

    /// <summary>Lists the decisions in force, e.g. <c>Sms/Marketing=Granted, Email/Marketing=Withdrawn</c>.</summary>
    public override string ToString() => string.Join(", ", Current.Select(d => $"{d.Channel}/{d.Purpose}={d.Status}"));

    private static bool Contains(IEnumerable<ConsentDecision> decisions, ConsentDecision decision)
    {
        foreach (var d in decisions)
        {
            if (d.Equals(decision))
            {
                return true;
            }
        }

        return false;
    }

    private ConsentDecision? Find(ContactChannel channel, ContactPurpose purpose, Instant? instant)
    {
        // In ledger order the last decision for a key supersedes every earlier one.
        for (var i = _decisions.Length - 1; i >= 0; i--)
        {
            var d = _decisions[i];
            if (d.Channel == channel && d.Purpose == purpose && (instant is null || d.At <= instant.Value))
            {
                return d;
            }
        }

        return null;
    }

    private ConsentDecision[] InForce(Instant? instant)
    {
        var latest = new SortedDictionary<(ContactChannel, ContactPurpose), ConsentDecision>();
        foreach (var d in _decisions)
        {
            if (instant is null || d.At <= instant.Value)
            {
                latest[(d.Channel, d.Purpose)] = d;
            }
        }

        return [.. latest.Values];
    }
}
