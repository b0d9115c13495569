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
        var subjects = customers.Select(c => CareSubject.From(c, segments.Memberships.TryGetValue(c.Id, out var m) ? m : SegmentMembership.None, zone));
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
