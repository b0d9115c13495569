using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Customers.Store;
using CrmKit.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>
/// Data-subject requests — export, erasure, "stop contacting me" — and the retention policy, over the registered
/// <see cref="ICustomerStore"/>. Every request is logged (event 4001–4004) with the customer id masked when it looks
/// like a phone number or email, and counted in the metrics, so the host has an audit trail without personal data.
/// </summary>
public sealed class PersonalDataService(ICustomerStore store, IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<PersonalDataService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<PersonalDataService>.Instance;

    /// <summary>The configured retention policy, or <see langword="null"/> when none is configured.</summary>
    public RetentionPolicy? RetentionPolicy => options.Value.PersonalData.ToPolicy();

    /// <summary>
    /// Everything the store holds about a customer as a <see cref="PersonalDataExport"/> (add segments and care-process
    /// state with its <c>WithSegments</c> / <c>WithCareProcesses</c> extensions), or <see langword="null"/> when nothing is held.
    /// </summary>
    public async ValueTask<PersonalDataExport?> ExportAsync(CustomerId id, CancellationToken cancellationToken = default)
    {
        var found = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        var shown = PersonalData.Redact(id.Value);
        Log.Exported(_logger, shown, found is not null);
        if (found is null)
        {
            return null;
        }

        metrics.Exports.Add(1);
        return new PersonalDataExport { Customer = found.Value.Value, ExportedAt = clock.GetCurrentInstant() };
    }

    /// <summary>Erases a customer now (see <see cref="PrivacyStoreExtensions.EraseAsync"/>); idempotent.</summary>
    /// <param name="id">The customer (or an id merged into it).</param>
    /// <param name="reference">The request's reference, e.g. <c>DSR-2026-0042</c> (no personal data).</param>
    /// <param name="basis">Why. Default: the customer asked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask<ErasureResult> EraseAsync(CustomerId id, string? reference = null, ErasureBasis basis = ErasureBasis.DataSubjectRequest, CancellationToken cancellationToken = default)
    {
        var result = await store.EraseAsync(id, new ErasureRecord(clock.GetCurrentInstant(), basis, reference), cancellationToken).ConfigureAwait(false);
        metrics.Erasures.Add(1, new TagList { { "basis", basis.ToString() }, { "outcome", result.Outcome.ToString() } });
        var shown = PersonalData.Redact(id.Value);
        Log.Erased(_logger, shown, basis, result.Outcome);
        return result;
    }

    /// <summary>Withdraws every consent in force now — "stop contacting me" — recording how and by whom.</summary>
    public async ValueTask<Customer> WithdrawAllConsentAsync(CustomerId id, string? source = null, string? recordedBy = null, CancellationToken cancellationToken = default)
    {
        var stored = await store.WithdrawAllConsentAsync(id, clock.GetCurrentInstant(), null, source, recordedBy, cancellationToken).ConfigureAwait(false);
        var shown = PersonalData.Redact(id.Value);
        Log.ConsentWithdrawn(_logger, shown);
        return stored.Value;
    }

    /// <summary>
    /// Applies the configured retention policy now (see <see cref="PrivacyStoreExtensions.ApplyRetentionAsync"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No retention policy is configured (<c>CrmKit:PersonalData:RetentionYears</c>).</exception>
    public async ValueTask<ImmutableArray<RetentionFinding>> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var policy = RetentionPolicy ?? throw new InvalidOperationException("No retention policy is configured; set CrmKit:PersonalData:RetentionYears.");
        var findings = await store.ApplyRetentionAsync(policy, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        if (policy.Action == RetentionAction.Erase)
        {
            metrics.Erasures.Add(findings.Length, new TagList { { "basis", nameof(ErasureBasis.RetentionPolicy) }, { "outcome", nameof(ErasureOutcome.Erased) } });
        }

        Log.Retention(_logger, findings.Length, policy.Action);
        return findings;
    }
}
