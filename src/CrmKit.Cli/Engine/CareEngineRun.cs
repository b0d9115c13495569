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
        var store = new InMemoryEngineStore();
        var engine = new CareEngine(options, store);
        var replay = new EngineReplay(engine, EngineReplay.DefaultPoll);
        var events = HistoryEvents.Of(customers, asOf);
        await replay.RunAsync(events, asOf, count: progress.Count("care engine", events.Count)).ConfigureAwait(false);
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
