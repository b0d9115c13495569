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

namespace CrmKit.DependencyInjection;

/// <summary>
/// CrmKit's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter <c>CrmKit</c> (add it to OpenTelemetry
/// with <c>AddMeter("CrmKit")</c>). Tags carry channels and statuses, never personal data.
/// </summary>
public sealed class CrmKitMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CrmKit";

    private readonly Meter? _owned;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on an own meter without one.</summary>
    public CrmKitMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_owned = new Meter(MeterName));
        SegmentEvaluations = meter.CreateCounter<long>("crmkit.segment.evaluations", "{evaluation}", "Segment rules evaluated (customers × segments).");
        CustomersClassified = meter.CreateCounter<long>("crmkit.segment.customers_classified", "{customer}", "Customers classified.");
        ActionsScheduled = meter.CreateCounter<long>("crmkit.care.actions_scheduled", "{action}", "Care actions the contact policy lets go (due or deferred), by channel and status.");
        ActionsBlocked = meter.CreateCounter<long>("crmkit.care.actions_blocked", "{action}", "Care actions the contact policy stopped (skipped or dropped), by channel and status.");
        ClvFits = meter.CreateCounter<long>("crmkit.clv.fits", "{fit}", "CLV analyses run, by outcome (fitted or failed).");
        Erasures = meter.CreateCounter<long>("crmkit.privacy.erasures", "{customer}", "Erasure requests, by basis and outcome (erased, already erased, not held).");
        Exports = meter.CreateCounter<long>("crmkit.privacy.exports", "{export}", "Personal-data exports made.");
    }

    /// <summary>Segment rules evaluated (customers × segments).</summary>
    public Counter<long> SegmentEvaluations { get; }

    /// <summary>Customers classified.</summary>
    public Counter<long> CustomersClassified { get; }

    /// <summary>Care actions scheduled (due or deferred), tagged <c>channel</c> and <c>status</c>.</summary>
    public Counter<long> ActionsScheduled { get; }

    /// <summary>Care actions blocked by the contact policy (skipped or dropped), tagged <c>channel</c> and <c>status</c>.</summary>
    public Counter<long> ActionsBlocked { get; }

    /// <summary>CLV analyses, tagged <c>outcome</c>.</summary>
    public Counter<long> ClvFits { get; }

    /// <summary>Erasure requests, tagged <c>basis</c> and <c>outcome</c>.</summary>
    public Counter<long> Erasures { get; }

    /// <summary>Personal-data exports made.</summary>
    public Counter<long> Exports { get; }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}

/// <summary>Classifies customers into the configured catalogue's segments, as of the clock's now or a given instant.</summary>
public sealed class CustomerSegmentation(Segmenter segmenter, IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<CustomerSegmentation>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CustomerSegmentation>.Instance;

    /// <summary>The catalogue in use.</summary>
    public SegmentCatalog Catalog => segmenter.Classifier.Catalog;

    /// <summary>Scores RFM over <paramref name="customers"/> and classifies each of them.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="asOf">The evaluation instant; the clock's now when <see langword="null"/>.</param>
    /// <param name="values">CLV figures for the value-tier segments (see <see cref="CustomerValueService.Estimates"/>), if any.</param>
    public SegmentationResult Classify(IReadOnlyList<Customer> customers, Instant? asOf = null, ICustomerValueSource? values = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var watch = Stopwatch.StartNew();
        var result = segmenter.Run(customers, new EvaluationContext(asOf ?? clock.GetCurrentInstant(), options.Value.Zone), values);
        metrics.CustomersClassified.Add(customers.Count);
        metrics.SegmentEvaluations.Add((long)customers.Count * Catalog.Segments.Length);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Log.Classified(_logger, customers.Count, Catalog.Segments.Length, elapsed);
        return result;
    }
}

/// <summary>The care processes (built in and from the configured folder) and the day's care agenda.</summary>
public sealed class CareService(CareAgenda agenda, IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<CareService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CareService>.Instance;
    private readonly Lazy<ImmutableArray<ProcessDefinition>> _processes = new(() => Log.WithFolderProcesses(logger, options.Value.Care, BuiltInProcesses.All));

    /// <summary>The agenda builder (plans and policy).</summary>
    public CareAgenda Agenda => agenda;

    /// <summary>
    /// The built-in processes followed by those of the configured folder (<c>CrmKit:Care:ProcessFolder</c>), in file-name
    /// order; a folder file with a built-in's id replaces that built-in (logged, event 2002).
    /// </summary>
    public ImmutableArray<ProcessDefinition> Processes => _processes.Value;

    /// <summary>The process with an id.</summary>
    /// <exception cref="KeyNotFoundException">No such process; the message lists the known ids.</exception>
    public ProcessDefinition Process(string id)
        => Processes.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"No care process '{id}'. Known: {string.Join(", ", Processes.Select(p => p.Id))}.");

    /// <summary>
    /// The care actions due in the lookback window up to <paramref name="asOf"/> (the clock's now when <see langword="null"/>),
    /// after consent, caps and quiet hours. Counts scheduled and blocked actions in the metrics.
    /// </summary>
    public IReadOnlyList<AgendaItem> DueActions(IReadOnlyList<Customer> customers, SegmentationResult segments, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(segments);
        var settings = options.Value;
        var zone = settings.Zone;
        var subjects = customers.Select(c => CareSubject.From(c, segments.Memberships.TryGetValue(c.Id.Value, out var m) ? m : SegmentMembership.None, zone));
        var items = agenda.ForPopulation(subjects, asOf ?? clock.GetCurrentInstant(), Duration.FromHours(settings.Care.LookbackHours));
        int due = 0, deferred = 0, blocked = 0;
        foreach (var group in items.GroupBy(i => (i.Action.Channel, i.Status)))
        {
            var count = group.Count();
            var tags = new TagList { { "channel", group.Key.Channel.ToString() }, { "status", group.Key.Status.ToString() } };
            var scheduled = group.Key.Status is AgendaStatus.Due or AgendaStatus.Deferred;
            (scheduled ? metrics.ActionsScheduled : metrics.ActionsBlocked).Add(count, tags);
            due += group.Key.Status == AgendaStatus.Due ? count : 0;
            deferred += group.Key.Status == AgendaStatus.Deferred ? count : 0;
            blocked += scheduled ? 0 : count;
        }

        Log.Agenda(_logger, due, deferred, blocked, customers.Count);
        return items;
    }
}

/// <summary>Fits the configured CLV models over customers' completed orders and predicts per customer.</summary>
public sealed class CustomerValueService(IClock clock, IOptions<CrmKitOptions> options, CrmKitMetrics metrics, ILogger<CustomerValueService>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<CustomerValueService>.Instance;

    /// <summary>Runs <see cref="ValueAnalysis"/> as of <paramref name="asOf"/> (the clock's now when <see langword="null"/>).</summary>
    public ValueAnalysisResult Analyse(IReadOnlyList<Customer> customers, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        var result = ValueAnalysis.Run(customers, asOf ?? clock.GetCurrentInstant(), settings.Zone, settings.Clv.ToAnalysisOptions());
        metrics.ClvFits.Add(1, new KeyValuePair<string, object?>("outcome", result.Count is null ? "failed" : "fitted"));
        if (result.Count is null)
        {
            Log.ClvFailed(_logger, result.Problems);
        }
        else
        {
            var model = ValueAnalysis.Name(result.Model);
            var milliseconds = watch.Elapsed.TotalMilliseconds;
            Log.ClvFitted(_logger, model, result.Predictions.Length, milliseconds);
        }

        return result;
    }

    /// <summary>The predictions as segmentation reads them (probability alive, expected purchases, value).</summary>
    public static ICustomerValueSource Estimates(ValueAnalysisResult analysis) => new PredictionSource(analysis);

    private sealed class PredictionSource(ValueAnalysisResult analysis) : ICustomerValueSource
    {
        private readonly Dictionary<string, CustomerPrediction> _byId = analysis.Predictions.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);

        public CustomerValueEstimate? Estimate(CustomerId customer)
            => _byId.TryGetValue(customer.Value, out var p) ? new CustomerValueEstimate(p.ProbabilityAlive, p.ExpectedPurchases, p.Value) : null;
    }
}

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

/// <summary>CrmKit's log events: counts, durations, outcomes and (masked) ids only, no personal data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Classified {Customers} customers into {Segments} segments in {Milliseconds:F1} ms")]
    public static partial void Classified(ILogger logger, int customers, int segments, double milliseconds);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Care agenda: {Due} due, {Deferred} deferred, {Blocked} blocked by the contact policy, over {Customers} customers")]
    public static partial void Agenda(ILogger logger, int due, int deferred, int blocked, int customers);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Care process '{ProcessId}' from {File} (CrmKit:Care:ProcessFolder) replaces the built-in process of that id")]
    public static partial void ProcessReplaced(ILogger logger, string processId, string file);

    /// <summary><see cref="CareSettings.WithFolderProcesses"/>, logging each built-in process a folder file replaces.</summary>
    public static ImmutableArray<ProcessDefinition> WithFolderProcesses(ILogger? logger, CareSettings care, IEnumerable<ProcessDefinition> builtIn)
    {
        var list = builtIn.ToList();
        var all = care.WithFolderProcesses(list);
        if (logger is not null)
        {
            foreach (var (file, id) in care.ReplacedProcesses(list))
            {
                ProcessReplaced(logger, id, file);
            }
        }

        return all;
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Journeys {Journeys} all run process '{ProcessId}': a customer they both enrol gets its messages once per journey. To change a built-in journey, give your file the built-in's id and a higher version, or set CrmKit:Engine:BuiltInJourneys=false")]
    public static partial void SharedProcess(ILogger logger, string journeys, string processId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The care engine has no journeys (CrmKit:Engine:BuiltInJourneys is false and neither CrmKit:Engine:JourneyFolder nor code adds any): it enrols no customer and sends nothing")]
    public static partial void NoJourneys(ILogger logger);

    /// <summary>The engine's journeys, warning (events 2003, 2004) about journeys sharing a process and about having none.</summary>
    public static ImmutableArray<Engine.Journey> Journeys(ILogger? logger, EngineSettings engine)
    {
        var sources = engine.LoadJourneySources();
        if (logger is not null)
        {
            foreach (var (process, journeys) in EngineSettings.SharedProcesses(sources))
            {
                SharedProcess(logger, journeys, process);
            }

            if (sources.IsEmpty)
            {
                NoJourneys(logger);
            }
        }

        return [.. sources.Select(s => s.Journey)];
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Fitted {Model} and predicted for {Customers} customers in {Milliseconds:F1} ms")]
    public static partial void ClvFitted(ILogger logger, string model, int customers, double milliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "No CLV predictions: {Problems}")]
    public static partial void ClvFailed(ILogger logger, ImmutableArray<string> problems);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Erasure of customer {CustomerId} ({Basis}): {Outcome}")]
    public static partial void Erased(ILogger logger, string customerId, ErasureBasis basis, ErasureOutcome outcome);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Personal-data export of customer {CustomerId}: {Found}")]
    public static partial void Exported(ILogger logger, string customerId, bool found);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Every consent of customer {CustomerId} withdrawn")]
    public static partial void ConsentWithdrawn(ILogger logger, string customerId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Retention policy: {Customers} customers {Action}")]
    public static partial void Retention(ILogger logger, int customers, RetentionAction action);
}
