using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>What the engine runs with: the segment catalogue, journeys, processes, contact policy, zone and calendars.</summary>
public sealed record CareEngineOptions
{
    /// <summary>The segment catalogue customers are classified against (default: the built-in segments).</summary>
    public SegmentCatalog Catalog { get; init; } = BuiltInSegments.Catalog;

    /// <summary>Frozen RFM thresholds of the last full run (see <see cref="IncrementalClassifier"/>), else none (scores left unset).</summary>
    public RfmThresholds? RfmThresholds { get; init; }

    /// <summary>Frozen value tier thresholds of the last full run, else none (tiers left unset).</summary>
    public ValueTierThresholds? ValueTiers { get; init; }

    /// <summary>The journeys (default: <see cref="BuiltInJourneys.All"/>). Several versions of one id may be listed: the highest enrols, older ones keep their instances running.</summary>
    public ImmutableArray<Journey> Journeys { get; init; } = BuiltInJourneys.All;

    /// <summary>The process definitions journeys refer to (default: <see cref="BuiltInJourneys.Processes"/>: the built-in processes and the engine's own).</summary>
    public ImmutableArray<ProcessDefinition> Processes { get; init; } = BuiltInJourneys.Processes;

    /// <summary>The contact policy every message passes (default: <see cref="ContactPolicy.Vietnam"/>).</summary>
    public ContactPolicy Policy { get; init; } = ContactPolicy.Vietnam;

    /// <summary>The customers' zone for quiet hours, local-time timers, occasions and calendar days (default: Asia/Ho_Chi_Minh).</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    /// <summary>Business hours for timers counted in business hours (default: always open).</summary>
    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.AlwaysOpen;

    /// <summary>Dates of Tết and other occasions (default: <see cref="OccasionCalendar.Default"/>).</summary>
    public OccasionCalendar Occasions { get; init; } = OccasionCalendar.Default;

    /// <summary>How many times a unit of work is retried after an optimistic-concurrency conflict before failing (default 16).</summary>
    public int MaxConflictRetries { get; init; } = 16;

    /// <summary>How many customers <see cref="CareEngine.AdvanceAsync"/> takes from the next-due index at a time (default 1,000).</summary>
    public int AdvanceBatchSize { get; init; } = 1000;

    /// <summary>
    /// The clock <see cref="CareEngine.HandleAsync"/> checks event instants against, else none (no check: replays of
    /// recorded histories run without a clock). The DI registration passes the container's <see cref="IClock"/>.
    /// </summary>
    public IClock? Clock { get; init; }

    /// <summary>
    /// How far ahead of <see cref="Clock"/> an event's <see cref="CareEvent.At"/> may be (default 1 hour: clock skew
    /// between the shop and the engine). A later event is refused with <see cref="InvalidEventException"/>: applied,
    /// it would move the customer's clock ahead and every later event and message with it. Must not be negative.
    /// </summary>
    public Duration MaxEventLead { get; init; } = Duration.FromHours(1);
}
