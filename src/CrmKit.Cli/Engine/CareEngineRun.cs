using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Cli.Engine;

/// <summary>One line of the message figures: how many, and why, by reason (reasons in descending count, then by name).</summary>
/// <param name="Count">How many messages.</param>
/// <param name="ByReason">Reason → count.</param>
internal sealed record ReasonCounts(int Count, ImmutableArray<(string Reason, int Count)> ByReason)
{
    public static ReasonCounts Of(IEnumerable<MessageCount> counts)
    {
        var list = counts.ToList();
        var reasons = list.GroupBy(c => c.Reason ?? "no reason given").Select(g => (g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal).ToImmutableArray();
        return new ReasonCounts(list.Sum(c => c.Count), reasons);
    }
}

/// <summary>
/// What the care engine did over the shop's history and is doing at the as-of instant: <c>crmkit run</c> replays the
/// data it read (<see cref="HistoryEvents"/>) through the engine (built-in journeys, the run's catalogue and frozen
/// RFM thresholds, Vietnam's contact policy) with the replay's dispatcher (<see cref="EngineReplay"/>).
/// </summary>
internal sealed record CareEngineRun(
    CareEngineOptions Options,
    JourneyStatistics Statistics,
    IReadOnlyList<OutboxRecord> Outbox,
    IReadOnlyList<CareTask> Tasks,
    long Events,
    Instant AsOf)
{
    /// <summary>How many queued messages and open tasks the summary and the report list.</summary>
    public const int QueueShown = 30;

    /// <summary>Messages sent by the replay's dispatcher.</summary>
    public int Sent => Count(m => m.State == OutboxState.Sent);

    /// <summary>Messages still queued at the as-of instant.</summary>
    public int Pending => Count(m => m.State == OutboxState.Pending);

    /// <summary>Messages the contact policy deferred when they were queued (sent later, or still waiting), by reason.</summary>
    public ReasonCounts Deferred => ReasonCounts.Of(Statistics.Messages.Where(m => m.Verdict == ContactVerdict.Deferred));

    /// <summary>Messages the contact policy skipped (no consent, blocked), by reason.</summary>
    public ReasonCounts Skipped => ReasonCounts.Of(Statistics.Messages.Where(m => m.Verdict == ContactVerdict.Skipped));

    /// <summary>Messages the contact policy dropped (the next allowed instant was past the deadline), by reason.</summary>
    public ReasonCounts Dropped => ReasonCounts.Of(Statistics.Messages.Where(m => m.Verdict == ContactVerdict.Dropped));

    /// <summary>Messages queued and then cancelled (an exit, consent withdrawn, erasure, the send-time check), by reason.</summary>
    public ReasonCounts Cancelled => ReasonCounts.Of(Statistics.Messages.Where(m => m.State == OutboxState.Cancelled && m.Verdict is ContactVerdict.Allowed or ContactVerdict.Deferred));

    /// <summary>
    /// Today's queue: messages pending at the as-of instant, and those the journeys queue for the rest of its day in the
    /// shop's zone (timers and occasions due by then), due by the end of that day, in due order.
    /// </summary>
    public IReadOnlyList<OutboxRecord> Queue
    {
        get
        {
            var endOfDay = EndOfDay(AsOf, Options.Zone);
            return [.. Outbox.Where(m => m.State == OutboxState.Pending && m.Message.DueAt < endOfDay)
                .OrderBy(m => m.Message.DueAt).ThenBy(m => m.Message.IdempotencyKey, StringComparer.Ordinal)];
        }
    }

    private static Instant EndOfDay(Instant at, DateTimeZone zone) => at.InZone(zone).Date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

    /// <summary>
    /// The open tasks (calls, staff assignments) the journeys created, newest first: those with no due time or due at or
    /// after the as-of instant, as <c>crmkit customer</c> counts them. The others were due before it; the engine does not
    /// know whether staff did them.
    /// </summary>
    public IReadOnlyList<CareTask> OpenTasks => [.. Tasks.Where(t => t.DueAt is not { } due || due >= AsOf).OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The process definitions the journeys run, with their live count per state.</summary>
    public IEnumerable<(ProcessDefinition Process, IReadOnlyDictionary<string, int> Live)> Processes()
        => Options.Processes.Select(p => (p, (IReadOnlyDictionary<string, int>)Statistics.ProcessStates.Where(s => s.ProcessId == p.Id).ToDictionary(s => s.State, s => s.Live, StringComparer.Ordinal)));

    /// <summary>
    /// The processes of <see cref="Processes"/> the shop uses: a journey running the process enrolled a customer during the
    /// replay, or an instance is in one of its states now. The report draws only these (issue 21).
    /// </summary>
    public IEnumerable<(ProcessDefinition Process, IReadOnlyDictionary<string, int> Live)> UsedProcesses()
    {
        var enrolled = Statistics.Journeys.Where(j => j.Enrolled > 0).Select(j => j.JourneyId).ToHashSet(StringComparer.Ordinal);
        var used = Options.Journeys.Where(j => enrolled.Contains(j.VersionedId)).Select(j => j.Process).ToHashSet(StringComparer.Ordinal);
        return Processes().Where(p => used.Contains(p.Process.Id) || p.Live.Values.Any(n => n > 0));
    }

    /// <summary>
    /// Replays <paramref name="customers"/>' history up to <paramref name="asOf"/> through a fresh engine over an
    /// in-memory store, counting the events replayed on <paramref name="progress"/> (when shown).
    /// </summary>
    public static CareEngineRun Replay(IEnumerable<Customer> customers, Instant asOf, CareEngineOptions options, Progress? progress = null)
        => ReplayAsync(customers, asOf, options, progress ?? Progress.Hidden).GetAwaiter().GetResult();

    private static async Task<CareEngineRun> ReplayAsync(IEnumerable<Customer> customers, Instant asOf, CareEngineOptions options, Progress progress)
    {
        // Closed messages counted, not kept: the figures are all that reads them (over a million at 100,000 customers).
        var store = new InMemoryEngineStore { KeepClosedMessages = false };
        var engine = new CareEngine(options, store);
        var replay = new EngineReplay(engine, EngineReplay.DefaultPoll);
        var events = HistoryEvents.Of(customers, asOf);
        var gc = GcFigures.Start(store);
        await replay.RunAsync(events, asOf, count: progress.Count("care engine", events.Count)).ConfigureAwait(false);
        gc?.Stop(replay.Events);
        var statistics = await engine.StatisticsAsync().ConfigureAwait(false);
        var tasks = await store.ListTasksAsync().ConfigureAwait(false);

        // Today's queue: the figures above are as of the as-of instant; then time runs on to the end of its day (timers
        // and occasions due fire, nothing is dispatched), so the queue also holds what falls due later that day.
        var endOfDay = EndOfDay(asOf, options.Zone);
        if (endOfDay - Duration.Epsilon > asOf)
        {
            await engine.AdvanceAsync(endOfDay - Duration.Epsilon).ConfigureAwait(false);
        }

        // Only the pending entries: the queue is all that reads them (the figures come from the statistics), and the
        // closed ones (sent, skipped: over a million at 100,000 customers) would stay alive for the rest of the run.
        var outbox = await store.ListAsync(OutboxState.Pending).ConfigureAwait(false);
        return new CareEngineRun(options, statistics, outbox, tasks, replay.Events, asOf);
    }

    private int Count(Func<MessageCount, bool> predicate) => Statistics.Messages.Where(predicate).Sum(m => m.Count);
}

/// <summary>
/// What the garbage collector did during the replay, printed to the error stream when the environment variable
/// <c>CRMKIT_ENGINE_GC</c> is set (to a number of seconds above 1: the run waits that long after the replay, for a heap dump) (a measuring aid, issue 19): collections per generation, pause time, bytes allocated,
/// and the heap retained by the engine's store (a full collection before and after the replay, which the figures
/// exclude from the replay's counts).
/// </summary>
internal sealed class GcFigures
{
    private readonly InMemoryEngineStore _store;
    private readonly long _heapBefore;
    private readonly int[] _counts = new int[3];
    private readonly TimeSpan _pause;
    private readonly long _allocated;
    private readonly TimeSpan _cpu;
    private readonly long _wall;

    private GcFigures(InMemoryEngineStore store)
    {
        _store = store;
        _heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (var g = 0; g < 3; g++)
        {
            _counts[g] = GC.CollectionCount(g);
        }

        _pause = GC.GetTotalPauseDuration();
        _allocated = GC.GetTotalAllocatedBytes();
        _cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        _wall = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    public static GcFigures? Start(InMemoryEngineStore store)
        => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CRMKIT_ENGINE_GC")) ? null : new GcFigures(store);

    public void Stop(long events)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_wall);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        var pause = GC.GetTotalPauseDuration() - _pause;
        var allocated = GC.GetTotalAllocatedBytes() - _allocated;
        var counts = new int[3];
        for (var g = 0; g < 3; g++)
        {
            counts[g] = GC.CollectionCount(g) - _counts[g];
        }

        var info = GC.GetGCMemoryInfo(GCKind.Any);
        if (Environment.GetEnvironmentVariable("CRMKIT_ENGINE_GC") is { } wait && int.TryParse(wait, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 1)
        {
            // Time to take a heap dump of the replay's state (dotnet-gcdump collect -p PID) before the run goes on.
            Console.Error.WriteLine($"engine-gc: replay done, waiting {seconds} s (process {Environment.ProcessId})");
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var customers = _store.CustomerCount;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(inv,
            $"engine-gc: events {events:N0}, customers {customers:N0}, wall {wall.TotalSeconds:F2} s, cpu {cpu.TotalSeconds:F2} s, " +
            $"collections gen0 {counts[0]} gen1 {counts[1]} gen2 {counts[2]}, pause {pause.TotalSeconds:F2} s ({100 * pause.TotalSeconds / wall.TotalSeconds:F1} % of wall), " +
            $"allocated {allocated / 1e9:F2} GB ({(double)allocated / events:F0} B/event), last heap {info.HeapSizeBytes / 1e9:F2} GB, " +
            $"retained by the replay {(heapAfter - _heapBefore) / 1e6:F0} MB ({(double)(heapAfter - _heapBefore) / customers:F0} B/customer)"));
    }
}
