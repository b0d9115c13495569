using System.Diagnostics;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Cli.Localization;
using CrmKit.Engine;
using CrmKit.Segmentation;

namespace CrmKit.Cli.Report;

/// <summary>
/// The one place the report turns an id into the name a person reads: segments, care plans, journeys and processes by
/// their definitions (the catalogue and definition JSON name them), channels, purposes and agenda statuses by
/// <see cref="ReportStrings"/>. Every section asks here, so localised definition names reach the whole report at once.
/// </summary>
/// <remarks>An id no definition knows is shown as it is.</remarks>
internal sealed class ReportNames
{
    private readonly Dictionary<string, Segment> _segments;
    private readonly Dictionary<string, CarePlan> _plans;
    private readonly Dictionary<string, Journey> _journeys;
    private readonly Dictionary<string, ProcessDefinition> _processes;

    public ReportNames(SegmentCatalog catalog, IEnumerable<CarePlan> plans, CareEngineOptions engine)
    {
        _segments = catalog.Segments.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _plans = plans.ToDictionary(p => p.Id, StringComparer.Ordinal);
        // Journeys are looked up by id and by the versioned id (id@vN) that instances and tasks remember.
        _journeys = new Dictionary<string, Journey>(StringComparer.Ordinal);
        foreach (var journey in engine.Journeys)
        {
            _journeys[journey.Id] = journey;
            _journeys[journey.VersionedId] = journey;
        }

        _processes = engine.Processes.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The names of <paramref name="job"/>'s definitions: its catalogue, the built-in care plans and the engine's journeys and processes.</summary>
    public static ReportNames Of(MainJobResult job) => new(job.Settings.Catalog, BuiltInCarePlans.All, job.Engine.Options);

    /// <summary>A segment's name (<c>at-risk</c> → <c>At risk</c>).</summary>
    public string Segment(string id) => _segments.TryGetValue(id, out var s) ? s.DisplayName() : id;

    /// <summary>A care plan's name (<c>win-back</c> → <c>Win back</c> / <c>Kéo khách quay lại</c>): a built-in plan's from <see cref="ReportStrings"/> (key <c>Plan_</c> + id), any other plan's own.</summary>
    public string Plan(string id)
        => _plans.TryGetValue(id, out var p)
            ? ReportStrings.ResourceManager.GetString("Plan_" + id, System.Globalization.CultureInfo.CurrentUICulture) ?? p.Name
            : id;

    /// <summary>A journey's name, by id or versioned id (<c>win-back@v1</c>); the id when the journey has no name.</summary>
    public string Journey(string id) => _journeys.TryGetValue(id, out var j) ? j.DisplayName() : id;

    /// <summary>A care process's name.</summary>
    public string Process(string id) => _processes.TryGetValue(id, out var p) ? p.DisplayName() : id;

    /// <summary>The segments of a care plan, in the plan's order.</summary>
    public IReadOnlyList<string> PlanSegments(string planId) => _plans.TryGetValue(planId, out var p) ? p.Segments : [];

    /// <summary>A contact channel by its name in the report's language, as every text output writes it (<see cref="DisplayNames.Of{T}"/>: <c>Zalo</c>, <c>SMS</c>, <c>phone call</c> / <c>gọi điện</c>).</summary>
    public static string Channel(ContactChannel channel) => DisplayNames.Of(channel);

    /// <summary>A contact purpose (transactional or marketing) in the report's language.</summary>
    public static string Purpose(ContactPurpose purpose) => purpose switch
    {
        ContactPurpose.Transactional => ReportStrings.PurposeTransactional,
        ContactPurpose.Marketing => ReportStrings.PurposeMarketing,
        _ => throw new UnreachableException($"No report name for the purpose {purpose}."),
    };

    /// <summary>An agenda status (due, deferred, skipped, dropped) in the report's language: the CLI's word (<see cref="DisplayNames.Of{T}"/>), one term per outcome.</summary>
    public static string Status(AgendaStatus status) => DisplayNames.Of(status);
}
