using System.Collections.Frozen;
using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// The live care engine: one atomic unit of work per customer event — apply, reclassify, enrol/fire/advance journey
/// instances, pass messages through the contact policy into the outbox — plus time (<see cref="AdvanceAsync"/>) and
/// send-time checks (<see cref="CheckBeforeSendAsync"/>). Thread-safe: events of different customers may be handled
/// in parallel; a customer's events are handled one at a time, in the order the calls arrive. The semantics
/// (exit while waiting, re-entry, caps, idempotency keys): docs/engine-semantics.md.
/// </summary>
public sealed class CareEngine
{
    private const int Stripes = 1024;
    private readonly CustomerGate[] _gates = [.. Enumerable.Range(0, Stripes).Select(_ => new CustomerGate())];

    /// <summary>Creates an engine.</summary>
    /// <param name="options">The catalogue, journeys, processes, policy, zone and calendars.</param>
    /// <param name="store">Where state, the outbox and tasks are kept.</param>
    /// <exception cref="InvalidJourneyException">A journey names a process, trigger, argument or segment that is not there (every problem listed).</exception>
    public CareEngine(CareEngineOptions options, IEngineStore store)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(options.Catalog, "options.Catalog");
        ArgumentNullException.ThrowIfNull(options.Policy, "options.Policy");
        ArgumentNullException.ThrowIfNull(options.Zone, "options.Zone");
        ArgumentNullException.ThrowIfNull(options.Calendar, "options.Calendar");
        ArgumentNullException.ThrowIfNull(options.Occasions, "options.Occasions");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxConflictRetries, "options.MaxConflictRetries");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AdvanceBatchSize, "options.AdvanceBatchSize");
        if (options.MaxEventLead < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException("options.MaxEventLead", options.MaxEventLead, "The largest lead of an event over the clock must not be negative.");
        }

        var journeys = options.Journeys.IsDefault ? [] : options.Journeys;
        var processes = options.Processes.IsDefault ? [] : options.Processes;
        var problems = JourneyValidator.Validate(journeys, processes, options.Catalog);
        if (!problems.IsEmpty)
        {
            throw new InvalidJourneyException("options.Journeys", problems);
        }

        Runtime = new EngineRuntime(options, journeys, processes);
    }

    /// <summary>The options.</summary>
    public CareEngineOptions Options { get; }

    /// <summary>The store.</summary>
    public IEngineStore Store { get; }

    internal EngineRuntime Runtime { get; }

    /// <summary>
    /// Handles one event: one unit of work for its customer, committed atomically, idempotent by
    /// <see cref="CareEvent.EventId"/> (a repeat returns <see cref="HandleOutcome.Duplicate"/> and changes nothing).
    /// An optimistic-concurrency conflict (another engine committed for the customer meanwhile) reruns the unit of work.
    /// </summary>
    /// <exception cref="ArgumentException">The event is invalid (<see cref="CareEventJson.Problem"/>).</exception>
    /// <exception cref="InvalidOperationException">More than <see cref="CareEngineOptions.MaxConflictRetries"/> conflicts in a row.</exception>
    /// <exception cref="InvalidEventException">
    /// The event's <see cref="CareEvent.At"/> is more than <see cref="CareEngineOptions.MaxEventLead"/> ahead of
    /// <see cref="CareEngineOptions.Clock"/> (path <c>$.at</c>; nothing is recorded, so the corrected event may be sent again under the same id).
    /// </exception>
    public async ValueTask<HandleResult> HandleAsync(CareEvent e, CancellationToken ct = default)
    {
        CareEventJson.Check(e, nameof(e));
        if (Options.Clock is { } clock && clock.GetCurrentInstant() is var now && e.At - now > Options.MaxEventLead)
        {
            throw new InvalidEventException(new Problem(
                "$.at",
                $"event '{e.EventId}' ({CareEventJson.TypeName(e.Type)}) of customer '{e.CustomerId.Value}' is dated {e.At}, {(e.At - now).ToString("-H:mm:ss", null)} ahead of the clock's {now} (at most {Options.MaxEventLead.ToString("-H:mm:ss", null)} allowed); a future-dated event would move the customer's clock ahead of every later event."));
        }

        var result = await RunAsync(e.CustomerId, e, null, ct).ConfigureAwait(false);
        if (e is CustomersMergedEvent merged && result.Outcome != HandleOutcome.Ignored)
        {
            // The absorbed customer becomes a tombstone pointing here; its queued work is cancelled. Idempotent by the
            // same event id, so a crash between the two commits is repaired by handling the event again.
            await RunAsync(merged.Absorbed, e, e.CustomerId, ct).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Fires every timer and occasion due at or before <paramref name="now"/> (and the segment reviews: see
    /// docs/engine-semantics.md), customer by customer, for the customers the store's next-due index names — never a
    /// scan of all instances. Each customer's work is one unit of work, as for an event.
    /// </summary>
    public async ValueTask<AdvanceResult> AdvanceAsync(Instant now, CancellationToken ct = default)
    {
        // Most polls find nothing due: then nothing is allocated beyond the store's answer.
        ImmutableArray<HandleResult>.Builder? results = null;
        HashSet<CustomerId>? done = null;
        while (true)
        {
            var due = await Store.DueAsync(now, Options.AdvanceBatchSize, ct).ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            // The customers not run yet in this call, in the store's order (a loop: Where(done.Add).ToList() grew a
            // list and a set from empty at every poll).
            done ??= new HashSet<CustomerId>(due.Count);
            var fresh = 0;
            for (var c = 0; c < due.Count; c++)
            {
                if (!done.Add(due[c]))
                {
                    continue;
                }

                fresh++;
                var r = await RunAsync(due[c], null, null, ct, now).ConfigureAwait(false);
                if (r.Outcome == HandleOutcome.Applied)
                {
                    (results ??= ImmutableArray.CreateBuilder<HandleResult>()).Add(r);
                }
            }

            if (fresh == 0)
            {
                break;
            }
        }

        return new AdvanceResult(now, results?.ToImmutable() ?? []);
    }

    /// <summary>
    /// Re-checks a queued message at send time: the customer exists (not erased or merged away); consent for the
    /// channel and purpose at <paramref name="now"/>; the journey instance has not exited and its exit conditions do not
    /// hold at <paramref name="now"/>; the send is not later than the policy's <see cref="ContactPolicy.DeferDeadline"/>
    /// after the instant the message fell due (else cancelled, naming both instants: after downtime a backlog is not sent
    /// however late); the channel's allowed hours in the customer's zone (else <see cref="SendCheck.Defer"/> to the next
    /// allowed instant). Caps are re-checked for a marketing message sent later than its <see cref="OutboxMessage.DueAt"/>
    /// (its reserved place has passed); otherwise its place was reserved when it was queued.
    /// </summary>
    public async ValueTask<SendCheck> CheckBeforeSendAsync(OutboxMessage message, Instant now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = await Store.LoadAsync(message.CustomerId, ct).ConfigureAwait(false);
        return Runtime.CheckBeforeSend(stored.State, message, now);
    }

    /// <summary>
    /// Per journey version enrolled / active / completed / exited / goal reached; per process and state the live
    /// (active) instances, every state listed; outbox entries by state, verdict, reason and channel. Reads every
    /// stored customer state (a report, not a hot path).
    /// </summary>
    public async ValueTask<JourneyStatistics> StatisticsAsync(CancellationToken ct = default)
    {
        var journeys = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var j in Runtime.All)
        {
            journeys[j.VersionedId] = new int[5];
        }

        var live = new Dictionary<(string Process, string State), int>();
        await foreach (var state in Store.StatesAsync(ct).ConfigureAwait(false))
        {
            foreach (var i in state.Instances)
            {
                if (!journeys.TryGetValue(i.JourneyId, out var f))
                {
                    journeys[i.JourneyId] = f = new int[5];
                }

                f[0]++;
                f[i.Status switch { InstanceStatus.Active => 1, InstanceStatus.Completed => 2, _ => 3 }]++;
                if (i.GoalReachedAt is not null)
                {
                    f[4]++;
                }

                if (i.Status == InstanceStatus.Active)
                {
                    var key = (i.Snapshot.ProcessId, i.Snapshot.State);
                    live[key] = live.GetValueOrDefault(key) + 1;
                }
            }
        }

        var states = ImmutableArray.CreateBuilder<ProcessStateCount>();
        foreach (var p in Runtime.Processes.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            foreach (var s in p.Model.States.Where(s => !p.Model.States.Any(c => c.Parent == s.Id)))
            {
                states.Add(new ProcessStateCount(p.Id, s.Id, live.GetValueOrDefault((p.Id, s.Id))));
            }
        }

        var outbox = await Store.ListAsync(null, ct).ConfigureAwait(false);
        // An in-memory store that drops closed messages (InMemoryEngineStore.KeepClosedMessages) counted them instead.
        var dropped = Store is InMemoryEngineStore memory ? memory.DroppedMessageCounts() : [];
        var messages = outbox
            .Select(r => new MessageCount(r.State, r.Verdict, r.Reason, r.Message.Channel, 1))
            .Concat(dropped)
            .GroupBy(m => (m.State, m.Verdict, m.Reason, m.Channel))
            .Select(g => new MessageCount(g.Key.State, g.Key.Verdict, g.Key.Reason, g.Key.Channel, g.Sum(m => m.Count)))
            .OrderBy(m => m.State).ThenBy(m => m.Verdict).ThenBy(m => m.Channel).ThenBy(m => m.Reason, StringComparer.Ordinal)
            .ToImmutableArray();
        return new JourneyStatistics(
            [.. journeys.Select(j => new JourneyFigures(j.Key, j.Value[0], j.Value[1], j.Value[2], j.Value[3], j.Value[4]))],
            states.ToImmutable(),
            messages);
    }

    /// <summary>
    /// The entries the store cancelled with an erasure or merge (every pending entry of the customer, which the unit of
    /// work cannot list: it does not read the outbox). Reads the cancelled entries; erasures are rare.
    /// </summary>
    private async ValueTask<IEnumerable<OutboxCancellation>> CancelledByErasureAsync(CustomerId customer, Instant at, CancellationToken ct)
    {
        var cancelled = await Store.ListAsync(OutboxState.Cancelled, ct).ConfigureAwait(false);
        return cancelled
            .Where(r => r.Message.CustomerId == customer && r.ClosedAt == at && r.Reason is { } reason && (reason == "customer erased" || reason.StartsWith("customer merged into ", StringComparison.Ordinal)))
            .Select(r => new OutboxCancellation(r.Reason!, at, r.Message.IdempotencyKey));
    }

    private async ValueTask<HandleResult> RunAsync(CustomerId customer, CareEvent? e, CustomerId? mergedInto, CancellationToken ct, Instant? advanceTo = null)
    {
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(customer.Value) % Stripes)];
        await gate.EnterAsync(ct).ConfigureAwait(false);

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                StoredCustomer stored;
                if (Store is InMemoryEngineStore memory)
                {
                    // The in-memory store answers both questions in one lookup under one lock.
                    if (!memory.TryLoadUnprocessed(customer, e?.EventId, out stored))
                    {
                        return HandleResult.Nothing(HandleOutcome.Duplicate, customer);
                    }
                }
                else
                {
                    if (e is not null && await Store.IsProcessedAsync(customer, e.EventId, ct).ConfigureAwait(false))
                    {
                        return HandleResult.Nothing(HandleOutcome.Duplicate, customer);
                    }

                    stored = await Store.LoadAsync(customer, ct).ConfigureAwait(false);
                }

                var absorbed = e is CustomersMergedEvent m && mergedInto is null ? (await Store.LoadAsync(m.Absorbed, ct).ConfigureAwait(false)).State : null;
                var work = UnitOfWork.Rent(Runtime, customer, stored.State, stored.Version, absorbed);
                var (commit, result) = mergedInto is { } into ? work.MergedAway(e!, into)
                    : e is not null ? work.Handle(e)
                    : work.Advance(advanceTo!.Value);
                work.Return();
                if (commit is null)
                {
                    return result;
                }

                var outcome = await Store.CommitAsync(commit, ct).ConfigureAwait(false);
                switch (outcome)
                {
                    case CommitOutcome.Committed when commit.Erase && result.Outcome == HandleOutcome.Applied:
                        return result with { Retries = attempt, Cancelled = [.. result.Cancelled, .. await CancelledByErasureAsync(customer, commit.At, ct).ConfigureAwait(false)] };
                    case CommitOutcome.Committed:
                        return attempt == 0 ? result : result with { Retries = attempt };
                    case CommitOutcome.Duplicate:
                        return HandleResult.Nothing(HandleOutcome.Duplicate, customer);
                    case CommitOutcome.Conflict when attempt >= Options.MaxConflictRetries:
                        throw new InvalidOperationException($"Customer '{customer.Value}': {attempt + 1} optimistic-concurrency conflicts in a row; another writer keeps changing the customer's state.");
                }
            }
        }
        finally
        {
            gate.Exit();
        }
    }
}

/// <summary>The compiled journeys and their indexes, shared by all units of work.</summary>
internal sealed class EngineRuntime
{
    public EngineRuntime(CareEngineOptions options, ImmutableArray<Journey> journeys, ImmutableArray<ProcessDefinition> processes)
    {
        Options = options;
        Catalog = options.Catalog;
        Classifier = new SegmentClassifier(options.Catalog);
        Incremental = new IncrementalClassifier(Classifier, options.RfmThresholds) { ValueTiers = options.ValueTiers };
        Environment = new ProcessEnvironment(options.Zone, options.Calendar);
        Processes = processes.GroupBy(p => p.Id).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compiler = new RuleCompiler();
        var latest = journeys.GroupBy(j => j.Id).ToDictionary(g => g.Key, g => g.Max(j => j.Version), StringComparer.Ordinal);
        All = [.. journeys.Select(j => new CompiledJourney(j, Processes[j.Process], Catalog, compiler, latest[j.Id] == j.Version))];
        ByVersionedId = All.ToFrozenDictionary(j => j.VersionedId, StringComparer.Ordinal);
        var enrolling = All.Where(j => j.Latest).ToList();
        ByEvent = Enum.GetValues<CareEventType>().ToFrozenDictionary(
            t => t,
            t => enrolling.Where(j => j.Journey.Entry is EventEntry ee && ee.Events.Contains(t)).ToArray());
        BySegmentEntered = enrolling.Where(j => j.Journey.Entry is SegmentEnteredEntry).GroupBy(j => ((SegmentEnteredEntry)j.Journey.Entry).Segment)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        BySegmentExited = enrolling.Where(j => j.Journey.Entry is SegmentExitedEntry).GroupBy(j => ((SegmentExitedEntry)j.Journey.Entry).Segment)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Occasions = [.. enrolling.Where(j => j.Journey.Entry is OccasionEntry)];
        ByProcess = enrolling.GroupBy(j => j.Journey.Process).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Reviews = ReviewOffsets.From(Catalog, All);
    }

    public CareEngineOptions Options { get; }

    public SegmentCatalog Catalog { get; }

    public SegmentClassifier Classifier { get; }

    public IncrementalClassifier Incremental { get; }

    public ProcessEnvironment Environment { get; }

    public FrozenDictionary<string, ProcessDefinition> Processes { get; }

    public ImmutableArray<CompiledJourney> All { get; }

    public FrozenDictionary<string, CompiledJourney> ByVersionedId { get; }

    public FrozenDictionary<CareEventType, CompiledJourney[]> ByEvent { get; }

    public FrozenDictionary<string, CompiledJourney[]> BySegmentEntered { get; }

    public FrozenDictionary<string, CompiledJourney[]> BySegmentExited { get; }

    public ImmutableArray<CompiledJourney> Occasions { get; }

    public FrozenDictionary<string, CompiledJourney> ByProcess { get; }

    public ReviewOffsets Reviews { get; }

    public SendCheck CheckBeforeSend(CustomerState? state, OutboxMessage message, Instant now)
    {
        if (state is { Erased: true })
        {
            return SendCheck.Cancel("customer erased");
        }

        if (state?.MergedInto is { } into)
        {
            return SendCheck.Cancel($"customer merged into '{into.Value}'");
        }

        if (state?.Record is null)
        {
            return SendCheck.Cancel("unknown customer");
        }

        if (!ContactPolicy.ConsentAllows(ConsentAt(state.Consents, now), message.Channel, message.Purpose))
        {
            return SendCheck.Cancel(message.Purpose == ContactPurpose.Marketing ? $"no marketing consent for {message.Channel}" : $"{message.Channel} service messages withdrawn");
        }

        if (state.Addresses?.Missing(message.Channel) is { } missing)
        {
            return SendCheck.Cancel(missing);
        }

        var instance = InstanceOf(state, message);
        if (instance is null)
        {
            return SendCheck.Cancel($"journey instance {message.JourneyId}/{message.InstanceId} not found");
        }

        if (instance.Status == InstanceStatus.Exited)
        {
            return SendCheck.Cancel($"journey exited: {instance.ExitReason}");
        }

        if (ByVersionedId.TryGetValue(message.JourneyId, out var journey) && instance.Status == InstanceStatus.Active)
        {
            var context = new EvaluationContext(now, Options.Zone);
            // The calling thread's buffer: Classify sets every flag, and nothing keeps it past ExitReason.
            var flags = t_checkFlags is { } scratch && scratch.Length == Classifier.Count ? scratch : t_checkFlags = new bool[Classifier.Count];
            Classifier.Classify(state.Record, context, flags);
            if (UnitOfWork.ExitReason(this, journey, state.Record, flags, context) is { } reason)
            {
                return SendCheck.Cancel($"journey exit condition: {reason}");
            }
        }

        // Too late: more than the deferral deadline after the instant it was planned for (its DueAt, which the policy set
        // within the deadline when it was queued) — a dispatcher that was down sends nothing stale.
        var due = message.DueAt;
        if (Options.Policy.DeferDeadline is { } deadline && now - due > deadline)
        {
            return SendCheck.Cancel($"send at {now} is more than {deadline.ToString("-H:mm:ss", null)} after the message was due at {due}: past the deferral deadline");
        }

        // Hours always; for a marketing message sent more than LateSendTolerance after it was planned (a dispatcher that
        // was down, not one polling every few seconds), the caps again, counting what was sent since and the reservations
        // still ahead (its own excepted): its reserved place has passed.
        var late = message.Purpose == ContactPurpose.Marketing && now - message.DueAt > LateSendTolerance;
        var contacts = late ? OtherContacts(state, message, now) : [];
        var policy = Options.Policy with { OnBlocked = BlockedActionHandling.Defer, DeferDeadline = null, MaxMarketingPerDay = late ? Options.Policy.MaxMarketingPerDay : null };
        var d = policy.Decide(message.Channel, late ? ContactPurpose.Marketing : ContactPurpose.Transactional, now, Options.Zone, late ? ConsentAt(state.Consents, now) : ConsentLedger.Empty, contacts);
        if (d.Verdict == ContactVerdict.Allowed)
        {
            return SendCheck.Send;
        }

        var until = d.SendAt ?? now + Duration.FromHours(1);
        var why = d.Reason ?? "outside the channel's hours";
        return Options.Policy.DeferDeadline is { } limit && until - due > limit
            ? SendCheck.Cancel($"{why}; next allowed {until} is more than {limit.ToString("-H:mm:ss", null)} after the message was due at {due}: past the deferral deadline")
            : SendCheck.Defer(until, why);
    }

    /// <summary>The message's journey instance in the state, else none (a loop: no closure).</summary>
    private static JourneyInstance? InstanceOf(CustomerState state, OutboxMessage message)
    {
        foreach (var i in state.Instances)
        {
            if (i.JourneyId == message.JourneyId && i.InstanceId == message.InstanceId)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// The contacts a late marketing send counts against the caps: those made, and the reservations still ahead, but not
    /// its own. Apart from <see cref="CheckBeforeSend"/>, whose every call allocated the lambdas' closure otherwise.
    /// </summary>
    private static ContactRecord[] OtherContacts(CustomerState state, OutboxMessage message, Instant now)
        => [.. state.Contacts.Where(c => c.IdempotencyKey != message.IdempotencyKey && (c.IdempotencyKey is null || c.At >= now)).Select(c => new ContactRecord(c.At, c.Channel, c.Purpose))];

    [ThreadStatic]
    private static bool[]? t_checkFlags;

    /// <summary>How much later than its <see cref="OutboxMessage.DueAt"/> a marketing message may go before the caps are checked again at send time (docs/engine-semantics.md).</summary>
    internal static readonly Duration LateSendTolerance = Duration.FromHours(1);

    /// <summary>The ledger as it stood at <paramref name="now"/> (decisions dated later are not yet in force).</summary>
    public static ConsentLedger ConsentAt(ConsentLedger ledger, Instant now)
    {
        foreach (var d in ledger)
        {
            if (d.At > now)
            {
                return InForceAt(ledger, now);
            }
        }

        return ledger;
    }

    /// <summary>The decisions dated at or before <paramref name="now"/>: apart, so the lambda's closure is allocated only when a later decision exists (C# allocates a captured parameter's closure on entry).</summary>
    private static ConsentLedger InForceAt(ConsentLedger ledger, Instant now) => ConsentLedger.From(ledger.Where(x => x.At <= now));
}
