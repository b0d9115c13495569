using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>
/// One customer's unit of work: reads the loaded state, computes the new state and what to commit. Pure: it touches
/// no store; the engine commits what it returns (or reruns it on a conflict).
/// </summary>
/// <remarks>
/// Reused: <see cref="Rent"/> hands out the calling thread's spare (its lists cleared, their capacity kept) and
/// <see cref="Return"/> puts it back. A unit of work runs synchronously from <see cref="Rent"/> to <see cref="Return"/>
/// and nothing it returns refers to its lists (the commit and the result hold copies), so a thread needs one.
/// </remarks>
internal sealed class UnitOfWork
{
    private static readonly Duration ContactMemory = Duration.FromDays(2);

    /// <summary>The calling thread's spare unit of work, else none (in use, or not made yet).</summary>
    [ThreadStatic]
    private static UnitOfWork? t_spare;

    private readonly List<JourneyInstance> _instances = [];
    private readonly List<ScheduledContact> _contacts = [];
    private readonly List<ContactRecord> _contactRecordsBuffer = [];
    private readonly List<OccasionDue> _occasions = [];
    private readonly List<OutboxRecord> _enqueue = [];
    private readonly List<OutboxCancellation> _cancel = [];
    private readonly List<CareTask> _tasks = [];
    private readonly List<InstanceChange> _changes = [];
    private readonly List<MessageDecision> _messages = [];
    private readonly List<HeldOrderStatus> _held = [];
    private readonly List<string> _notices = [];
    private readonly List<string> _cases = [];
    private EngineRuntime _rt = null!;
    private CustomerId _customer;
    private CustomerState? _loaded;
    private long _version;
    private List<ContactRecord>? _contactRecords;
    private ContactAddresses? _addresses;
    private string _customerKey = "";
    private CustomerRecord? _record;
    private ConsentLedger _consents = ConsentLedger.Empty;
    private ImmutableArray<string> _segments = [];
    private bool[] _flags = [];
    private Instant _clock;
    private Instant? _review;
    private ImmutableArray<string> _entered = [];
    private ImmutableArray<string> _exited = [];
    private int _startDepth;

    private UnitOfWork()
    {
    }

    /// <summary>A unit of work for <paramref name="customer"/> over the state loaded at <paramref name="version"/> (the commit expects that version).</summary>
    public static UnitOfWork Rent(EngineRuntime runtime, CustomerId customer, CustomerState? loaded, long version, CustomerState? absorbed)
    {
        var work = t_spare ?? new UnitOfWork();
        t_spare = null;
        work.Reset(runtime, customer, loaded, version, absorbed);
        return work;
    }

    /// <summary>Gives the unit of work back to this thread once its commit and result are taken (it must not be used after).</summary>
    public void Return()
    {
        // Nothing of the customer is kept alive by the spare: the references go, the lists keep only their capacity.
        Reset(_rt, default, null, 0, null);
        t_spare = this;
    }

    private void Reset(EngineRuntime runtime, CustomerId customer, CustomerState? loaded, long version, CustomerState? absorbed)
    {
        _rt = runtime;
        _customer = customer;
        _loaded = loaded;
        _version = version;
        Absorbed = absorbed;
        _customerKey = customer.Value is null ? "" : Escape(customer.Value);
        _record = loaded?.Record;
        _consents = loaded?.Consents ?? ConsentLedger.Empty;
        _segments = loaded?.Segments ?? [];
        if (_flags.Length != runtime.Catalog.Segments.Length)
        {
            _flags = new bool[runtime.Catalog.Segments.Length];
        }

        Flags(runtime.Catalog, _segments, _flags);
        Refill(_instances, loaded?.Instances);
        Refill(_contacts, loaded?.Contacts);
        Refill(_occasions, loaded?.Occasions);
        Refill(_cases, loaded?.OpenedCases);
        Refill(_held, loaded?.HeldOrderStatuses);
        _contactRecords = null;
        _contactRecordsBuffer.Clear();
        _enqueue.Clear();
        _cancel.Clear();
        _tasks.Clear();
        _changes.Clear();
        _messages.Clear();
        _notices.Clear();
        _pendingEntered.Clear();
        _pendingExited.Clear();
        _addresses = loaded?.Addresses;
        _clock = loaded?.Clock ?? Instant.MinValue;
        _review = loaded?.Review;
        _entered = [];
        _exited = [];
        _startDepth = 0;
        _rescoredAt = null;
        _context = null;
    }

    private static void Refill<T>(List<T> list, ImmutableArray<T>? from)
    {
        list.Clear();
        if (from is { IsDefaultOrEmpty: false } items)
        {
            // From a span: AddRange(IEnumerable<T>) would box the immutable array.
            list.AddRange(items.AsSpan());
        }
    }

    private DateTimeZone Zone => _rt.Options.Zone;

    /// <summary>
    /// The contacts as the contact policy reads them, element for element with <c>_contacts</c> (its channel and purpose
    /// taken from the contact event when a send is recorded). Built on first use: most units of work queue no message,
    /// and then nothing reads them.
    /// </summary>
    private List<ContactRecord> ContactRecords
    {
        get
        {
            if (_contactRecords is null)
            {
                _contactRecords = _contactRecordsBuffer;
                foreach (var c in _contacts)
                {
                    _contactRecords.Add(new ContactRecord(c.At, c.Channel, c.Purpose));
                }
            }

            return _contactRecords;
        }
    }

    /// <summary>Whether the engine rescores records (frozen RFM thresholds or value tiers given).</summary>
    private bool Rescores => _rt.Incremental.Thresholds is not null || _rt.Incremental.ValueTiers is not null;

    /// <summary>For a merge: the absorbed customer's state as loaded.</summary>
    public CustomerState? Absorbed { get; private set; }

    /// <summary>Handles an event.</summary>
    public (EngineCommit? Commit, HandleResult Result) Handle(CareEvent e)
    {
        if (_loaded is { } s && (s.Erased || s.MergedInto is not null))
        {
            // Recorded (so a repeat is a duplicate) and otherwise ignored: an erased customer is never brought back.
            return (Commit(s, e.EventId, e.At), HandleResult.Nothing(HandleOutcome.Ignored, _customer));
        }

        var t = e.At > _clock ? e.At : _clock;
        FireDue(t);
        if (e is CustomerErasedEvent)
        {
            return Erase(e, t);
        }

        if (e is OrderStatusChangedEvent early && !HasOrder(_record, early.OrderId))
        {
            // Out of order: kept until the order arrives; it neither enrols nor reaches instances now.
            _held.Add(new HeldOrderStatus(early.OrderId, early.Status, e.At));
            _notices.Add($"order '{early.OrderId}' not seen yet: its status change to {EventFields.Name(early.Status)} at {e.At} is held until the order's orderPlaced arrives");
            return Finish(e.EventId, t, HandleOutcome.Held, false);
        }

        if (e is OrderPlacedEvent placed)
        {
            e = WithHeldStatus(placed);
        }

        if (CaseOf(e) is { } named && !_cases.Contains(named.Id))
        {
            // A reply, decision or return for a ticket or claim never opened cannot be placed: ignored, with the reason.
            _notices.Add($"{named.Kind} '{named.Id}' was never opened: {CareEventJson.TypeName(e.Type)} ignored");
            return Finish(e.EventId, t, HandleOutcome.Ignored, false);
        }

        if (e is TicketOpenedEvent { Ticket.Id.Value: var ticket } && !_cases.Contains(ticket))
        {
            _cases.Add(ticket);
        }
        else if (e is WarrantyClaimOpenedEvent { ClaimId: var claim } && !_cases.Contains(claim))
        {
            _cases.Add(claim);
        }

        var preexisting = _instances.Count;
        var consentsBefore = _consents;
        Apply(e, t);
        Reclassify(t);
        if (!ReferenceEquals(consentsBefore, _consents))
        {
            CancelWithdrawn(consentsBefore, t);
        }

        // Instances that ran before the event: goal, exits, then the event's steps.
        for (var i = 0; i < preexisting; i++)
        {
            if (_instances[i].Status != InstanceStatus.Active || !_rt.ByVersionedId.TryGetValue(_instances[i].JourneyId, out var cj))
            {
                continue;
            }

            // An event is never the goal of its own order's (ticket's, claim's) instance: a conversion is a later, other event.
            var ownValue = cj.Journey.Correlation != JourneyCorrelation.Customer && EventFields.CorrelationOf(e, cj.Journey.Correlation) == _instances[i].Correlation;
            if (cj.Journey.Goal is { } goal && !ownValue && _instances[i].GoalReachedAt is null && goal.Events.Contains(e.Type) && EventFields.Matches(e, goal.Where))
            {
                _instances[i] = _instances[i] with { GoalReachedAt = t };
                _changes.Add(new(cj.VersionedId, _instances[i].InstanceId, InstanceChangeKind.GoalReached, _instances[i].Snapshot.State, t, CareEventJson.TypeName(e.Type)));
                if (goal.ExitOnGoal)
                {
                    Exit(i, "goal reached", t);
                    continue;
                }
            }

            var correlated = EventFields.CorrelationOf(e, cj.Journey.Correlation) == _instances[i].Correlation;
            if (correlated && EventExitReason(cj, e) is { } byEvent)
            {
                Exit(i, byEvent, t);
                continue;
            }

            if (ExitReason(cj, t) is { } byCondition)
            {
                Exit(i, byCondition, t);
                continue;
            }

            if (correlated)
            {
                Steps(i, cj, e, t);
            }
        }

        // Enrolment: by the event, then by the segments entered and exited.
        foreach (var cj in _rt.ByEvent[e.Type])
        {
            var entry = (EventEntry)cj.Journey.Entry;
            if (EventFields.Matches(e, entry.Where) && EventFields.CorrelationOf(e, cj.Journey.Correlation) is { } correlation
                && (cj.EntryRule is null || (_record is not null && cj.EntryRule(_record, Context(t), _flags))))
            {
                if (Enrol(cj, correlation, t, CareEventJson.TypeName(e.Type)) is { } index)
                {
                    Steps(index, cj, e, t);
                }
            }
        }

        EnrolBySegments(t);
        return Finish(e.EventId, t, HandleOutcome.Applied, e is ProfileChangedEvent);
    }

    /// <summary>
    /// An arriving order with the status changes held for it: the latest held change applies when it is at or after the
    /// order's own instant (the later instant wins; an orderPlaced never takes an order back to an earlier status).
    /// </summary>
    private OrderPlacedEvent WithHeldStatus(OrderPlacedEvent placed)
    {
        var id = placed.Order.Id.Value;
        HeldOrderStatus? latest = null;
        foreach (var h in _held)
        {
            if (h.OrderId == id && (latest is null || h.At >= latest.At))
            {
                latest = h;
            }
        }

        if (latest is null)
        {
            return placed;
        }

        for (var h = _held.Count - 1; h >= 0; h--)
        {
            // A loop, not RemoveAll with a lambda: capturing 'id' would allocate a closure for every order placed.
            if (_held[h].OrderId == id)
            {
                _held.RemoveAt(h);
            }
        }

        if (latest.At < placed.At)
        {
            _notices.Add($"order '{id}': the held status change to {EventFields.Name(latest.Status)} at {latest.At} is older than the order's {placed.At} and was dropped");
            return placed;
        }

        _notices.Add($"order '{id}': the held status change to {EventFields.Name(latest.Status)} at {latest.At} applied to the order placed at {placed.At}");
        return placed with { Order = placed.Order with { Status = latest.Status } };
    }

    /// <summary>The ticket or warranty claim an event refers to without opening it, else none.</summary>
    private static (string Kind, string Id)? CaseOf(CareEvent e) => e switch
    {
        TicketCustomerRepliedEvent x => ("ticket", x.TicketId),
        TicketStaffRepliedEvent x => ("ticket", x.TicketId),
        TicketSolvedEvent x => ("ticket", x.TicketId),
        TicketClosedEvent x => ("ticket", x.TicketId),
        WarrantyClaimDecidedEvent x => ("warranty claim", x.ClaimId),
        WarrantyItemReturnedEvent x => ("warranty claim", x.ClaimId),
        _ => null,
    };

    /// <summary>Fires what is due up to <paramref name="now"/> (the engine's AdvanceAsync).</summary>
    public (EngineCommit? Commit, HandleResult Result) Advance(Instant now)
    {
        if (_loaded is null || _loaded.Erased || _loaded.MergedInto is not null || now < _clock)
        {
            return (null, HandleResult.Nothing(HandleOutcome.Ignored, _customer));
        }

        FireDue(now);
        return Finish(null, now, HandleOutcome.Applied, false);
    }

    /// <summary>The absorbed side of a merge: a tombstone pointing to the survivor; its queued work is cancelled.</summary>
    public (EngineCommit? Commit, HandleResult Result) MergedAway(CareEvent e, CustomerId into)
    {
        var t = _loaded is { } s && s.Clock > e.At ? s.Clock : e.At;
        var tombstone = new CustomerState { CustomerId = _customer, MergedInto = into, Clock = t, Instances = [.. _instances.Select(i => i.Status == InstanceStatus.Active ? Ended(i, InstanceStatus.Exited, $"merged into '{into.Value}'", t) : i)] };
        return (new EngineCommit(_customer, _version, e.EventId, tombstone, [], [], [], t, Erase: true), HandleResult.Nothing(HandleOutcome.Applied, _customer));
    }

    /// <summary>Why an instance's exit condition (segment left, rule holding) holds now, else none.</summary>
    public static string? ExitReason(EngineRuntime rt, CompiledJourney cj, CustomerRecord? record, bool[] flags, EvaluationContext context)
    {
        var exits = cj.Journey.Exits;
        for (var x = 0; x < exits.Length; x++)
        {
            switch (exits[x])
            {
                case SegmentExitedExit s when !flags[rt.Catalog.IndexOf(s.Segment)]:
                    return $"left segment '{s.Segment}'";
                case RuleExit when record is not null && cj.ExitRules[x]!(record, context, flags):
                    return $"exit rule {x + 1} holds";
            }
        }

        return null;
    }

    /// <summary><see cref="ExitReason(EngineRuntime, CompiledJourney, CustomerRecord?, bool[], EvaluationContext)"/> for this customer at an instant (no work for a journey without exit conditions).</summary>
    private string? ExitReason(CompiledJourney cj, Instant at)
        => cj.Journey.Exits.IsEmpty ? null : ExitReason(_rt, cj, _record, _flags, Context(at));

    /// <summary>"event {type}" per event type, made once (an exit by event writes it into a change and a cancellation).</summary>
    private static readonly System.Collections.Frozen.FrozenDictionary<CareEventType, string> EventExitReasons = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
        Enum.GetValues<CareEventType>(), t => t, t => "event " + CareEventJson.TypeName(t));

    private static string? EventExitReason(CompiledJourney cj, CareEvent e)
    {
        foreach (var x in cj.Journey.Exits)
        {
            if (x is EventExit ex && ex.Events.Contains(e.Type) && EventFields.Matches(e, ex.Where))
            {
                return EventExitReasons[e.Type];
            }
        }

        return null;
    }

    private (EngineCommit? Commit, HandleResult Result) Erase(CareEvent e, Instant t)
    {
        // Personal data goes: the record, consents, instances, contacts. The tombstone keeps the id (pseudonymous) so
        // later events are ignored and a repeat is a duplicate; the store cancels queued messages and drops tasks.
        // What fell due before the erasure is recorded first (and cancelled with the rest), so the outbox does not
        // depend on whether time was advanced before the erasure arrived.
        // Instances stay as figures only (journey, status, instants) so statistics still count them: no correlation
        // value, no process data.
        var n = 0;
        var figures = _instances.Select(i => (i.Status == InstanceStatus.Active ? Ended(i, InstanceStatus.Exited, "customer erased", t) : i) is var x
            ? x with { InstanceId = $"erased#{++n}", Correlation = string.Empty, Snapshot = new ProcessSnapshot { ProcessId = x.Snapshot.ProcessId, InstanceId = $"erased#{n}", State = x.Snapshot.State } }
            : x);
        var tombstone = new CustomerState { CustomerId = _customer, Erased = true, Clock = t, Instances = [.. figures] };
        var commit = new EngineCommit(_customer, _version, e.EventId, tombstone, [.. _enqueue], [.. _cancel], [.. _tasks], t, Erase: true);
        return (commit, HandleResult.Nothing(HandleOutcome.Applied, _customer));
    }

    private EngineCommit Commit(CustomerState state, string? eventId, Instant at) => new(_customer, _version, eventId, state, [], [], [], at);

    private (EngineCommit? Commit, HandleResult Result) Finish(string? eventId, Instant t, HandleOutcome outcome, bool profileChanged)
    {
        _clock = t;
        RefreshOccasions(t, profileChanged);
        if (_record is not null)
        {
            _review = _rt.Reviews.Next(_record, t);
        }

        // Contacts older than two days can no longer move a cap (24-hour windows, calendar days): forget them.
        var horizon = t - ContactMemory;
        for (var c = _contacts.Count - 1; c >= 0; c--)
        {
            if (_contacts[c].At < horizon)
            {
                _contacts.RemoveAt(c);
            }
        }

        Instant? next = _review;
        foreach (var i in _instances)
        {
            if (i.Status == InstanceStatus.Active && i.NextDue is { } d && (next is null || d < next))
            {
                next = d;
            }
        }

        foreach (var o in _occasions)
        {
            if (next is null || o.Due < next)
            {
                next = o.Due;
            }
        }

        var state = new CustomerState
        {
            CustomerId = _customer,
            Record = _record,
            Consents = _consents,
            Segments = _segments,
            Instances = Unchanged(_loaded?.Instances, _instances),
            Contacts = Unchanged(_loaded?.Contacts, _contacts),
            Occasions = Unchanged(_loaded?.Occasions, _occasions),
            Clock = t,
            NextDue = next,
            Review = _review,
            HeldOrderStatuses = Unchanged(_loaded?.HeldOrderStatuses, _held),
            OpenedCases = Unchanged(_loaded?.OpenedCases, _cases),
            Addresses = _addresses,
        };
        // The cancellations and tasks are copied once, into arrays the commit and the result share (neither changes them).
        var cancel = Copy(_cancel);
        var tasks = Copy(_tasks);
        var commit = new EngineCommit(_customer, _version, eventId, state, Copy(_enqueue), cancel, tasks, t);
        var result = new HandleResult(outcome, _customer, _entered, _exited, [.. _changes], [.. _messages],
            ImmutableCollectionsMarshal.AsImmutableArray(cancel), ImmutableCollectionsMarshal.AsImmutableArray(tasks), 0) { Notices = [.. _notices] };
        return (commit, result);
    }

    /// <summary>
    /// A copy of the list as an array; the shared empty array when it is empty (most units of work queue nothing).
    /// An array, not <c>[.. list]</c> typed <see cref="IReadOnlyList{T}"/>, which wraps the copy in one more object.
    /// </summary>
    private static T[] Copy<T>(List<T> list) => list.Count == 0 ? [] : list.ToArray();

    /// <summary>The loaded array when the list holds the very same elements (states are immutable: no copy needed), else a new array.</summary>
    private static ImmutableArray<T> Unchanged<T>(ImmutableArray<T>? loaded, List<T> now)
        where T : class
    {
        if (loaded is { IsDefault: false } before && before.Length == now.Count)
        {
            var same = true;
            for (var i = 0; i < now.Count && same; i++)
            {
                same = ReferenceEquals(before[i], now[i]);
            }

            if (same)
            {
                return before;
            }
        }

        return [.. now];
    }

    /// <summary>Fires timers, occasions and segment reviews due at or before <paramref name="t"/>, earliest first, each at its own instant.</summary>
    private void FireDue(Instant t)
    {
        for (var guard = 0; guard < 100_000; guard++)
        {
            Instant? best = null;
            var kind = 0;
            var which = -1;
            for (var i = 0; i < _instances.Count; i++)
            {
                if (_instances[i].Status == InstanceStatus.Active && _instances[i].NextDue is { } d && d <= t && (best is null || d < best))
                {
                    (best, kind, which) = (d, 1, i);
                }
            }

            for (var o = 0; o < _occasions.Count; o++)
            {
                if (_occasions[o].Due <= t && (best is null || _occasions[o].Due < best))
                {
                    (best, kind, which) = (_occasions[o].Due, 2, o);
                }
            }

            if (_review is { } r && r <= t && (best is null || r < best))
            {
                (best, kind) = (r, 3);
            }

            if (best is not { } at)
            {
                return;
            }

            switch (kind)
            {
                case 1:
                    FireTimers(which, at);
                    break;
                case 2:
                    FireOccasion(which, at);
                    break;
                default:
                    _review = null;
                    Reclassify(at);
                    for (var i = 0; i < _instances.Count; i++)
                    {
                        if (_instances[i].Status == InstanceStatus.Active && _rt.ByVersionedId.TryGetValue(_instances[i].JourneyId, out var cj)
                            && ExitReason(cj, at) is { } reason)
                        {
                            Exit(i, reason, at);
                        }
                    }

                    EnrolBySegments(at);
                    if (_record is not null)
                    {
                        _review = _rt.Reviews.Next(_record, at);
                    }

                    break;
            }
        }

        throw new InvalidOperationException($"Customer '{_customer.Value}': more than 100,000 timers due by {t}; check the processes for a cycle of timers without delay.");
    }

    private void FireTimers(int i, Instant at)
    {
        var instance = _instances[i];
        if (!_rt.ByVersionedId.TryGetValue(instance.JourneyId, out var cj))
        {
            _instances[i] = instance with { NextDue = null };
            return;
        }

        // ProcessDefinition.Advance on a cursor: the one snapshot kept is built once, without the history entries,
        // step result and transitions array Advance builds (a journey instance keeps no history).
        var snapshot = instance.Snapshot;
        var process = cj.Process;
        var state = process.StateIndex(snapshot.State);
        var cursor = new ProcessCursor(Math.Max(state, 0), snapshot.EnteredAt, snapshot.Version);
        Instant? due = null;
        if (state < 0 || !process.TryAdvance(ref cursor, at, snapshot.Data, _rt.Environment, out var last, out due))
        {
            _instances[i] = instance with { NextDue = due is { } n && n > at ? n : null };
            return;
        }

        // A chain of timers (rare): their effects in order, as Advance returns them; a cycle without delay stops as there.
        var effects = last!.Effects;
        ImmutableArray<Effect>.Builder? chain = null;
        var (previous, sameInstant) = (due, 0);
        while (process.TryAdvance(ref cursor, at, snapshot.Data, _rt.Environment, out var next, out due))
        {
            sameInstant = due == previous ? sameInstant + 1 : 0;
            previous = due;
            if (sameInstant == 1000)
            {
                throw new InvalidOperationException($"Process '{process.Id}': more than 1,000 timed transitions due at {due}; check the timers for a cycle without delay.");
            }

            if (chain is null)
            {
                chain = ImmutableArray.CreateBuilder<Effect>();
                chain.AddRange(effects);
            }

            chain.AddRange(next!.Effects);
            last = next;
        }

        var fired = snapshot with { State = last.To, EnteredAt = cursor.EnteredAt, Version = cursor.Version, History = [] };
        _instances[i] = instance with { Snapshot = fired, NextDue = due };
        _changes.Add(new(cj.VersionedId, instance.InstanceId, InstanceChangeKind.Transition, fired.State, at, "timer"));
        Effects(i, cj, chain?.ToImmutable() ?? effects, fired.Version, at);
        CompleteIfFinal(i, cj, at);
    }

    private void FireOccasion(int o, Instant at)
    {
        var due = _occasions[o];
        _occasions.RemoveAt(o);
        if (_rt.ByVersionedId.TryGetValue(due.JourneyId, out var cj) && cj.Latest && _record is not null)
        {
            if (cj.EntryRule is null || cj.EntryRule(_record, Context(at), _flags))
            {
                Enrol(cj, _customer.Value, at, $"occasion {JourneyJson.Camel(((OccasionEntry)cj.Journey.Entry).Occasion.ToString())}");
            }

            if (NextOccasion(cj, at) is { } next)
            {
                _occasions.Add(new OccasionDue(cj.VersionedId, next));
            }
        }
    }

    private void RefreshOccasions(Instant t, bool profileChanged)
    {
        if (_record is null || _rt.Occasions.IsEmpty)
        {
            return;
        }

        foreach (var cj in _rt.Occasions)
        {
            var at = -1;
            for (var o = 0; o < _occasions.Count; o++)
            {
                if (_occasions[o].JourneyId == cj.VersionedId)
                {
                    at = o;
                    break;
                }
            }

            if (at >= 0 && !profileChanged)
            {
                continue;
            }

            if (at >= 0)
            {
                _occasions.RemoveAt(at);
            }

            if (NextOccasion(cj, t) is { } next)
            {
                _occasions.Add(new OccasionDue(cj.VersionedId, next));
            }
        }

        // Occasions of journeys no longer enrolling are dropped.
        for (var o = _occasions.Count - 1; o >= 0; o--)
        {
            if (!_rt.ByVersionedId.TryGetValue(_occasions[o].JourneyId, out var j) || !j.Latest)
            {
                _occasions.RemoveAt(o);
            }
        }

    }

    /// <summary>The first instant after <paramref name="after"/> at which the occasion journey is due for this customer.</summary>
    private Instant? NextOccasion(CompiledJourney cj, Instant after)
    {
        var entry = (OccasionEntry)cj.Journey.Entry;
        var year = after.InZone(Zone).Year;
        for (var y = year; y <= year + 2; y++)
        {
            LocalDate? day = entry.Occasion switch
            {
                Occasion.Birthday => _record!.BirthDate is { } b ? Anniversary(b, y) : null,
                Occasion.JoinAnniversary => y > _record!.JoinedOn.Year ? Anniversary(_record.JoinedOn, y) : null,
                _ => _rt.Options.Occasions.Tet(y),
            };
            if (day is { } d)
            {
                var instant = (d.PlusDays(-entry.DaysBefore) + entry.At).InZoneLeniently(Zone).ToInstant();
                if (instant > after)
                {
                    return instant;
                }
            }
        }

        return null;
    }

    private static LocalDate Anniversary(LocalDate date, int year)
        => date.Month == 2 && date.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? new LocalDate(year, 2, 28) : new LocalDate(year, date.Month, date.Day);

    private void Apply(CareEvent e, Instant t)
    {
        var context = Context(t);
        CustomerEvent? change = e switch
        {
            OrderPlacedEvent o => new OrderPlaced(OrderRecord.From(o.Order)),
            OrderStatusChangedEvent o when HasOrder(_record, o.OrderId) => new OrderStatusChanged(o.OrderId, o.Status),
            ProfileChangedEvent p => new ProfileChanged(CustomerRecord.From(p.Profile, Zone)),
            _ => null,
        };
        if (e is ProfileChangedEvent profile)
        {
            _addresses = ContactAddresses.Of(profile.Profile);
            foreach (var d in profile.Profile.Consents)
            {
                _consents = _consents.Append(d);
            }
        }
        else if (e is ConsentChangedEvent consent)
        {
            _consents = _consents.Append(consent.Decision);
        }
        else if (e is CustomersMergedEvent && Absorbed?.Record is { } absorbed)
        {
            // The absorbed customer's orders (those not already here) and consent decisions move to this customer.
            foreach (var d in Absorbed.Consents)
            {
                _consents = _consents.Append(d);
            }

            // So do its addresses: the survivor is reachable where either was.
            if (Absorbed.Addresses is { } theirs)
            {
                _addresses = _addresses is { } ours ? new ContactAddresses(ours.Email || theirs.Email, ours.Phone || theirs.Phone) : theirs;
            }

            _record ??= absorbed.Clone() is var copy ? Rename(copy) : null;
            foreach (var order in absorbed.Orders.Where(o => !_record!.Orders.Exists(x => x.Id == o.Id)))
            {
                // Classified once, by Reclassify (a merge marks the record changed below).
                _record = _rt.Incremental.Rescored(_record!, new OrderPlaced(order), context);
            }
        }
        else if (e is ContactMadeEvent { Direction: InteractionDirection.Outbound } contact)
        {
            // A contact counts at the instant it was made (the event's, even when it arrives after later events).
            var made = contact.At;
            var at = contact.IdempotencyKey is { } key ? _contacts.FindIndex(c => c.IdempotencyKey == key) : -1;
            if (at >= 0)
            {
                // The send of a queued message: its reservation becomes the contact, at the instant it was made.
                var records = ContactRecords;
                _contacts[at] = _contacts[at] with { At = made, IdempotencyKey = null };
                records[at] = new ContactRecord(made, contact.Channel, contact.Purpose);
            }
            else
            {
                _contacts.Add(new ScheduledContact(made, contact.Channel, contact.Purpose, null));
                _contactRecords?.Add(new ContactRecord(made, contact.Channel, contact.Purpose));
            }
        }

        _record ??= new CustomerRecord { Id = _customer.Value, CreatedAt = t, JoinedOn = t.InZone(Zone).Date };

        if (change is not null && !Rescores)
        {
            // Nothing to recompute from the orders (no RFM thresholds, no value tiers): apply the change to a copy and
            // let Reclassify classify once, into flags (no membership objects, no diff of id lists).
            _record = change.AppliedTo(_record);
        }
        else if (change is not null)
        {
            // Applied to a copy-on-write copy and rescored at t; Reclassify classifies it once, into flags, without
            // rescoring again (nothing below changes what the scores read: the orders and the predicted value).
            _record = _rt.Incremental.Rescored(_record, change, context);
            _rescoredAt = t;
        }

        if (e is ConsentChangedEvent or ProfileChangedEvent or CustomersMergedEvent)
        {
            // Only the consent list is replaced: a copy sharing the rest (stored records are never changed in place).
            _record = new TimePassed(t).AppliedTo(_record);
            _record.Consents = [.. _consents.Current.Select(c => new ConsentRecord { Channel = c.Channel, Purpose = c.Purpose, Granted = c.Status == ConsentStatus.Granted })];
        }
    }

    /// <summary>Whether the record has an order with this id (a loop: a lambda here would allocate a closure for every event).</summary>
    private static bool HasOrder(CustomerRecord? record, string id)
    {
        if (record is not null)
        {
            foreach (var o in record.Orders)
            {
                if (o.Id == id)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private CustomerRecord Rename(CustomerRecord copy)
    {
        copy.Id = _customer.Value;
        return copy;
    }

    private void Reclassify(Instant t)
    {
        var context = Context(t);
        if (_record is null)
        {
            return;
        }

        if (Rescores && _rescoredAt != t)
        {
            // Time passed (or the record changed without rescoring): the scores at t, on a copy-on-write copy — unless
            // they are the record's already (most reviews and events), when the copy would equal the record field for field.
            if (!ScoresHold(_rt.Incremental, _record, context))
            {
                _record = _rt.Incremental.Rescored(_record, new TimePassed(t), context);
            }
        }

        var flags = t_flags is { } scratch && scratch.Length == _rt.Classifier.Count ? scratch : t_flags = new bool[_rt.Classifier.Count];
        _rt.Classifier.Classify(_record, context, flags);
        _rescoredAt = null;
        List<string>? entered = null, exited = null;
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] != _flags[i])
            {
                (flags[i] ? entered ??= [] : exited ??= []).Add(_rt.Catalog.Segments[i].Id);
            }
        }

        if (entered is null && exited is null)
        {
            return;
        }

        Array.Copy(flags, _flags, _flags.Length);
        _segments = _rt.Catalog.Membership(flags).Ids;
        _entered = _entered.AddRange(entered ?? []);
        _exited = _exited.AddRange(exited ?? []);
        _pendingEntered.AddRange(entered ?? []);
        _pendingExited.AddRange(exited ?? []);
    }

    /// <summary>
    /// Whether <see cref="IncrementalClassifier.Rescored"/> with <see cref="TimePassed"/> at the context's instant would
    /// leave the record's RFM scores and value tier as they are (it changes nothing else): then no copy is needed.
    /// </summary>
    private static bool ScoresHold(IncrementalClassifier incremental, CustomerRecord record, EvaluationContext context)
    {
        if (incremental.Thresholds is { } thresholds && thresholds.Score(record, context) is var score
            && (score?.Recency != record.RecencyScore || score?.Frequency != record.FrequencyScore || score?.Monetary != record.MonetaryScore))
        {
            return false;
        }

        return incremental.ValueTiers is not { } tiers || tiers.Tier(record, context) == record.ValueTier;
    }

    /// <summary>The classifier's output buffer, one per thread: a unit of work runs on one thread at a time and copies it only when the segments changed.</summary>
    [ThreadStatic]
    private static bool[]? t_flags;

    /// <summary>The instant the record was last rescored at by this unit of work's event, else none (Reclassify rescores).</summary>
    private Instant? _rescoredAt;
    private readonly List<string> _pendingEntered = [];
    private readonly List<string> _pendingExited = [];

    private void EnrolBySegments(Instant t)
    {
        foreach (var s in _pendingEntered)
        {
            if (_rt.BySegmentEntered.TryGetValue(s, out var journeys))
            {
                foreach (var cj in journeys)
                {
                    Enrol(cj, _customer.Value, t, $"entered segment '{s}'");
                }
            }
        }

        foreach (var s in _pendingExited)
        {
            if (_rt.BySegmentExited.TryGetValue(s, out var journeys))
            {
                foreach (var cj in journeys)
                {
                    Enrol(cj, _customer.Value, t, $"left segment '{s}'");
                }
            }
        }

        _pendingEntered.Clear();
        _pendingExited.Clear();
    }

    // Made once: Enum.GetValues allocates a new array at each call (one per channel for every consent change).
    private static readonly ContactChannel[] Channels = Enum.GetValues<ContactChannel>();
    private static readonly ContactPurpose[] Purposes = Enum.GetValues<ContactPurpose>();

    /// <summary>
    /// Cancels the pending messages of every channel × purpose the consent change stopped allowing (a withdrawal in a
    /// consent event, a profile's ledger or a merged customer's).
    /// </summary>
    private void CancelWithdrawn(ConsentLedger before, Instant t)
    {
        foreach (var channel in Channels)
        {
            foreach (var purpose in Purposes)
            {
                if (ContactPolicy.ConsentAllows(before, channel, purpose) && !ContactPolicy.ConsentAllows(_consents, channel, purpose))
                {
                    var reason = purpose == ContactPurpose.Marketing ? $"marketing consent for {channel} withdrawn" : $"{channel} service messages withdrawn";
                    Cancel(new OutboxCancellation(reason, t, Channel: channel, Purpose: purpose));
                }
            }
        }
    }

    /// <summary>Cancels the customer's pending entries the cancellation names: in the store, in this unit's new entries, and their cap reservations.</summary>
    private void Cancel(OutboxCancellation cancellation)
    {
        _cancel.Add(cancellation);
        for (var q = 0; q < _enqueue.Count; q++)
        {
            if (_enqueue[q].State == OutboxState.Pending && cancellation.Matches(_enqueue[q].Message))
            {
                _enqueue[q] = _enqueue[q] with { State = OutboxState.Cancelled, Reason = cancellation.Reason, ClosedAt = cancellation.At };
            }
        }

        for (var c = _contacts.Count - 1; c >= 0; c--)
        {
            if (_contacts[c].IdempotencyKey is { } key && (cancellation.IdempotencyKey is null || cancellation.IdempotencyKey == key)
                && (cancellation.Channel is null || cancellation.Channel == _contacts[c].Channel)
                && (cancellation.Purpose is null || cancellation.Purpose == _contacts[c].Purpose)
                && (cancellation.JourneyId is null || HasKeyPrefix(key, cancellation.JourneyId, cancellation.InstanceId ?? "")
                    || (cancellation.InstanceId is null && key.Length > cancellation.JourneyId.Length && key[cancellation.JourneyId.Length] == '/' && key.StartsWith(cancellation.JourneyId, StringComparison.Ordinal))))
            {
                _contacts.RemoveAt(c);
                _contactRecords?.RemoveAt(c);
            }
        }
    }

    private void Steps(int i, CompiledJourney cj, CareEvent e, Instant t)
    {
        foreach (var step in cj.StepsFor(e.Type))
        {
            if (_instances[i].Status != InstanceStatus.Active)
            {
                return;
            }

            if (!EventFields.Matches(e, step.Step.Where))
            {
                continue;
            }

            var args = Arguments(step, e);
            var snapshot = _instances[i].Snapshot;
            if (ProcessStep.TryFire(cj.Process, cj.Leaves, step.TriggerIndex, step.Parameters, snapshot, args, t, _rt.Environment) is not { } taking)
            {
                // Not taken (rare): the process definition says why.
                var fired = cj.Process.Fire(snapshot, step.Step.Trigger, t, args, _rt.Environment);
                _changes.Add(new(cj.VersionedId, _instances[i].InstanceId, InstanceChangeKind.TriggerRejected, snapshot.State, t, $"{step.Step.Trigger}: {fired.Rejection!.Reason}"));
                continue;
            }

            var (next, taken, due) = taking;
            _instances[i] = _instances[i] with { Snapshot = next, NextDue = due };
            _changes.Add(new(cj.VersionedId, _instances[i].InstanceId, InstanceChangeKind.Transition, next.State, t, step.Step.Trigger));
            Effects(i, cj, taken.Effects, next.Version, t);
            CompleteIfFinal(i, cj, t);
        }
    }

    private ProcessValue[] Arguments(CompiledStep step, CareEvent e)
    {
        if (step.Step.Arguments.IsEmpty)
        {
            return [];
        }

        var last = -1;
        var values = new ProcessValue[step.Parameters.Length];
        for (var p = 0; p < step.Parameters.Length; p++)
        {
            if (step.Step.Arguments.TryGetValue(step.Parameters[p].Name, out var source) && Value(source, e, step.Parameters[p].Kind) is { } v)
            {
                values[p] = v;
                last = p;
            }
        }

        // Trailing arguments not given are left out (the process's defaults apply); usually all are given: no second array.
        return last < 0 ? [] : last + 1 == values.Length ? values : values[..(last + 1)];
    }

    private ProcessValue? Value(string source, CareEvent e, ValueKind kind)
    {
        if (source == JourneyJson.CompletedOrdersSource)
        {
            var n = 0;
            foreach (var o in _record?.Orders ?? [])
            {
                n += o.Status == OrderStatus.Completed ? 1 : 0;
            }

            return ProcessValue.Of(n);
        }

        var text = EventFields.Text(e, source);
        return text is null ? null : kind switch
        {
            ValueKind.Number => decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? ProcessValue.Of(d) : null,
            ValueKind.Boolean => ProcessValue.Of(text == "true"),
            ValueKind.Text => ProcessValue.Of(text),
            _ => null,
        };
    }

    /// <summary>Starts an instance if the re-entry policy allows; returns its index.</summary>
    private int? Enrol(CompiledJourney cj, string correlation, Instant t, string why)
    {
        var journey = cj.Journey;
        var previous = 0;
        foreach (var i in _instances)
        {
            if (i.Correlation != correlation || !SameJourney(i.JourneyId, journey.Id))
            {
                continue;
            }

            previous++;
            if (journey.Reentry == JourneyReentry.Once
                || (journey.Reentry == JourneyReentry.AfterExit && i.Status == InstanceStatus.Active)
                || (journey.CoolDown is { } cd && i.EnrolledAt + cd > t))
            {
                return null;
            }
        }

        if (_startDepth > 8)
        {
            return null;
        }

        var instanceId = previous == 0 ? correlation : $"{correlation}#{previous + 1}";
        var start = cj.Process.Start(instanceId, t, null, _rt.Environment);
        _instances.Add(new JourneyInstance(cj.VersionedId, instanceId, correlation, Trim(start.Snapshot), InstanceStatus.Active, t, null, null, null, start.NextDue));
        var index = _instances.Count - 1;
        _changes.Add(new(cj.VersionedId, instanceId, InstanceChangeKind.Enrolled, start.Snapshot.State, t, why));
        _startDepth++;
        Effects(index, cj, start.Effects, start.Snapshot.Version, t);
        _startDepth--;
        CompleteIfFinal(index, cj, t);
        return index;
    }

    private static bool SameJourney(string versionedId, string id)
        => versionedId.Length > id.Length + 2 && versionedId.StartsWith(id, StringComparison.Ordinal) && versionedId[id.Length] == '@';

    private void Effects(int i, CompiledJourney cj, ImmutableArray<Effect> effects, long version, Instant at)
    {
        for (var k = 0; k < effects.Length; k++)
        {
            var instance = _instances[i];
            switch (effects[k])
            {
                case SendMessage m:
                {
                    if (instance.Status == InstanceStatus.Exited)
                    {
                        return;
                    }

                    if (ExitReason(cj, at) is { } reason)
                    {
                        Exit(i, reason, at);
                        return;
                    }

                    var key = Key(cj, instance, version, k, at);
                    var decision = _addresses?.Missing(m.Channel) is { } missing
                        ? new ContactDecision(ContactVerdict.Skipped, null, missing)
                        : _rt.Options.Policy.Decide(m.Channel, m.Purpose, at, Zone, _consents, ContactRecords);
                    var queued = decision.Verdict is ContactVerdict.Allowed or ContactVerdict.Deferred;
                    var message = new OutboxMessage(key, _customer, m.Channel, m.Purpose, m.Template, decision.SendAt ?? at, cj.VersionedId, instance.InstanceId);
                    _enqueue.Add(new OutboxRecord(message, queued ? OutboxState.Pending : OutboxState.Cancelled, decision.Verdict, decision.Reason, at, queued ? null : at, 0));
                    _messages.Add(new MessageDecision(message, decision.Verdict, decision.Reason));
                    if (queued)
                    {
                        _contacts.Add(new ScheduledContact(message.DueAt, m.Channel, m.Purpose, key));
                        _contactRecords?.Add(new ContactRecord(message.DueAt, m.Channel, m.Purpose));
                    }

                    break;
                }

                case CreateTask c:
                    _tasks.Add(new CareTask(Key(cj, instance, version, k, at), _customer, c.Title, c.Role, at, c.DueIn is { } d ? at + d : null, cj.VersionedId, instance.InstanceId, false));
                    break;
                case AssignStaff a:
                    _tasks.Add(new CareTask(Key(cj, instance, version, k, at), _customer, $"Assign to {a.Role}", a.Role, at, null, cj.VersionedId, instance.InstanceId, true));
                    break;
                case SetAttributeValue s when _record is not null:
                    _record = _record.Clone();
                    for (var a = _record.Attributes.Count - 1; a >= 0; a--)
                    {
                        // A loop, not RemoveAll with a lambda: capturing 's' allocated a closure for every effect of every
                        // unit of work (the capture's scope is the whole switch), not only for this one.
                        if (_record.Attributes[a].Name == s.Name)
                        {
                            _record.Attributes.RemoveAt(a);
                        }
                    }

                    _record.Attributes.Add(AttributeRecord.From(s.Name, s.Value.Kind switch
                    {
                        ValueKind.Number => AttributeValue.Number(s.Value.Number),
                        ValueKind.Boolean => AttributeValue.Boolean(s.Value.Boolean),
                        ValueKind.Date => AttributeValue.Date(s.Value.Date),
                        _ => AttributeValue.Text(s.Value.Text ?? ""),
                    }));
                    break;
                case StartProcess p when _rt.ByProcess.TryGetValue(p.ProcessId, out var target):
                    Enrol(target, instance.Correlation, at, $"started by {cj.VersionedId}/{instance.InstanceId}");
                    break;
            }
        }
    }

    private void CompleteIfFinal(int i, CompiledJourney cj, Instant at)
    {
        var instance = _instances[i];
        if (instance.Status == InstanceStatus.Active && cj.Process.IsFinal(instance.Snapshot.State))
        {
            _instances[i] = Ended(instance, InstanceStatus.Completed, null, at);
            _changes.Add(new(cj.VersionedId, instance.InstanceId, InstanceChangeKind.Completed, instance.Snapshot.State, at));
        }
    }

    private void Exit(int i, string reason, Instant at)
    {
        var instance = _instances[i];
        _instances[i] = Ended(instance, InstanceStatus.Exited, reason, at);
        _changes.Add(new(instance.JourneyId, instance.InstanceId, InstanceChangeKind.Exited, instance.Snapshot.State, at, reason));

        // Its queued messages are cancelled, those due but not yet sent too.
        Cancel(new OutboxCancellation($"journey exited: {reason}", at, JourneyId: instance.JourneyId, InstanceId: instance.InstanceId));
    }

    private static JourneyInstance Ended(JourneyInstance i, InstanceStatus status, string? reason, Instant at)
        => i with { Status = status, EndedAt = at, ExitReason = reason, NextDue = null };

    private static ProcessSnapshot Trim(ProcessSnapshot s) => s.History.IsEmpty ? s : s with { History = [] };

    /// <summary>The evaluation context at an instant (immutable, so the last one is reused: a unit of work asks for the same instant many times).</summary>
    private EvaluationContext Context(Instant t) => _context is { } c && c.AsOf == t ? c : _context = new(t, Zone);

    private EvaluationContext? _context;

    /// <summary><c>{journey}@v{n}/{customer}/{instance}/{step}.{effect}/{instant}</c>, ids percent-escaped so '/' separates parts.</summary>
    private string Key(CompiledJourney cj, JourneyInstance instance, long version, int effect, Instant at)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{cj.VersionedId}/{_customerKey}/{Escape(instance.InstanceId)}/{version}.{effect}/{new KeyInstant(at)}");

    /// <summary>
    /// Whether <paramref name="key"/> starts with <c>{journey}/{customer}/{instance}/</c> (the instance percent-escaped),
    /// compared part by part: building the prefix string for every contact checked allocated one per contact and cancellation.
    /// </summary>
    private bool HasKeyPrefix(string key, string journey, string instance)
    {
        var rest = key.AsSpan();
        if (!rest.StartsWith(journey, StringComparison.Ordinal) || rest.Length <= journey.Length || rest[journey.Length] != '/')
        {
            return false;
        }

        rest = rest[(journey.Length + 1)..];
        if (!rest.StartsWith(_customerKey, StringComparison.Ordinal) || rest.Length <= _customerKey.Length || rest[_customerKey.Length] != '/')
        {
            return false;
        }

        rest = rest[(_customerKey.Length + 1)..];
        var escaped = Escape(instance);
        return rest.StartsWith(escaped, StringComparison.Ordinal) && rest.Length > escaped.Length && rest[escaped.Length] == '/';
    }

    private static string Escape(string id) => id.AsSpan().IndexOfAny("/%") < 0 ? id : id.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);

    /// <summary>Sets <paramref name="flags"/> (one per catalogue segment) to the segments <paramref name="ids"/> names.</summary>
    private static void Flags(SegmentCatalog catalog, ImmutableArray<string> ids, bool[] flags)
    {
        Array.Clear(flags);
        foreach (var id in ids)
        {
            var i = catalog.IndexOf(id);
            if (i >= 0)
            {
                flags[i] = true;
            }
        }
    }
}
