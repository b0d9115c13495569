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
