using System.Collections.Immutable;
using CrmKit.Customers.Store;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>Data-subject requests and retention over any <see cref="ICustomerStore"/>.</summary>
public static class PrivacyStoreExtensions
{
    /// <summary>
    /// Erases a customer in the store (see <see cref="PersonalDataEraser"/>). Idempotent: a second call, or a call
    /// with an id nobody holds, changes nothing and says so in <see cref="ErasureResult.Outcome"/>. An id merged
    /// into another customer resolves to that customer, who is the same person.
    /// </summary>
    public static async ValueTask<ErasureResult> EraseAsync(this ICustomerStore store, CustomerId id, ErasureRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        var found = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new(ErasureOutcome.NotHeld, null);
        }

        if (found.Value.Value.IsErased)
        {
            return new(ErasureOutcome.AlreadyErased, found);
        }

        var erased = await store.UpdateAsync(found.Value.Value.Id, c => PersonalDataEraser.Erase(c, record), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new(ErasureOutcome.Erased, erased);
    }

    /// <summary>Records that a customer granted consent on a channel for a purpose.</summary>
    public static ValueTask<Versioned<Customer>> GrantConsentAsync(
        this ICustomerStore store, CustomerId id, ContactChannel channel, ContactPurpose purpose, Instant at, string? source = null, string? recordedBy = null, CancellationToken cancellationToken = default)
        => store.RecordConsentAsync(id, new ConsentDecision(channel, purpose, ConsentStatus.Granted, at, source, recordedBy), cancellationToken);

    /// <summary>Records that a customer withdrew consent on a channel for a purpose — one call, like a grant.</summary>
    public static ValueTask<Versioned<Customer>> WithdrawConsentAsync(
        this ICustomerStore store, CustomerId id, ContactChannel channel, ContactPurpose purpose, Instant at, string? source = null, string? recordedBy = null, CancellationToken cancellationToken = default)
        => store.RecordConsentAsync(id, new ConsentDecision(channel, purpose, ConsentStatus.Withdrawn, at, source, recordedBy), cancellationToken);

    /// <summary>Withdraws every consent in force (or every one for <paramref name="purpose"/>) — "stop contacting me" in one call.</summary>
    public static ValueTask<Versioned<Customer>> WithdrawAllConsentAsync(
        this ICustomerStore store, CustomerId id, Instant at, ContactPurpose? purpose = null, string? source = null, string? recordedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.UpdateAsync(id, c => c with { Consents = c.Consents.WithdrawAll(at, purpose, source, recordedBy) }, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Applies a retention policy to every customer in the store at <paramref name="now"/>. With
    /// <see cref="RetentionAction.Flag"/> it returns the inactive customers and changes nothing; with
    /// <see cref="RetentionAction.Erase"/> it erases them and returns the ones it erased.
    /// </summary>
    public static async ValueTask<ImmutableArray<RetentionFinding>> ApplyRetentionAsync(this ICustomerStore store, RetentionPolicy policy, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        var customers = new List<Customer>();
        await foreach (var c in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(c.Value);
        }

        var findings = policy.Review(customers, now);
        if (policy.Action == RetentionAction.Flag)
        {
            return findings;
        }

        var erased = ImmutableArray.CreateBuilder<RetentionFinding>();
        foreach (var finding in findings)
        {
            // Re-checked inside the update: a customer who became active meanwhile is neither erased nor reported.
            var stored = await store.UpdateAsync(
                finding.CustomerId,
                c => !c.IsErased && RetentionPolicy.LastActivity(c) < finding.InactiveSince ? PersonalDataEraser.Erase(c, new ErasureRecord(now, ErasureBasis.RetentionPolicy)) : c,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (stored.Value.Erasure is { Basis: ErasureBasis.RetentionPolicy } e && e.At == now)
            {
                erased.Add(finding);
            }
        }

        return erased.DrainToImmutable();
    }
}
