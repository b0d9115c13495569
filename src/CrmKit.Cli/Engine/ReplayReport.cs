using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.CareProcess.Planning;
using CrmKit.Cli.Localization;
using CrmKit.Engine;
using NodaTime;

namespace CrmKit.Cli.Engine;

/// <summary>One day of a journey replay (or the period's total): instances and messages by outcome, channel and reason.</summary>
internal sealed class ReplayDay(LocalDate date)
{
    public LocalDate Date { get; } = date;

    public int Enrolled { get; set; }

    public int Completed { get; set; }

    public int Exited { get; set; }

    public int GoalReached { get; set; }

    /// <summary>Messages the replay's dispatcher sent that day.</summary>
    public int Sent { get; set; }

    /// <summary>Messages deferred that day: by the contact policy when queued, or by the send-time check.</summary>
    public int Deferred { get; set; }

    /// <summary>Messages the contact policy skipped that day.</summary>
    public int Skipped { get; set; }

    /// <summary>Messages the contact policy dropped that day.</summary>
    public int Dropped { get; set; }

    /// <summary>Queued messages cancelled that day (an exit, the send-time check).</summary>
    public int Cancelled { get; set; }

    /// <summary>Sent messages by channel, in channel order.</summary>
    public SortedDictionary<string, int> SentByChannel { get; } = new(StringComparer.Ordinal);

    /// <summary>Deferred, skipped, dropped and cancelled messages by reason.</summary>
    public SortedDictionary<string, int> ByReason { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Enrolled + Completed + Exited + GoalReached + Sent + Deferred + Skipped + Dropped + Cancelled == 0;

    public static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>One message of a journey replay: when it was decided, and what became of it.</summary>
internal sealed class ReplayMessage(OutboxMessage message, Instant decidedAt)
{
    public OutboxMessage Message { get; } = message;

    public Instant DecidedAt { get; } = decidedAt;

    /// <summary>queued, sent, deferred, skipped, dropped or cancelled.</summary>
    public string Outcome { get; set; } = "queued";

    public string? Reason { get; set; }

    public Instant? OutcomeAt { get; set; }

    /// <summary>The outcome in the invocation's language: <c>sent 2025-10-01 11:00</c> / <c>đã gửi lúc 01/10/2025 11:00</c>.</summary>
    public string Describe(DateTimeZone zone)
    {
        var at = OutcomeAt is { } t ? Display.DateTime(t, zone) : null;
        var reason = Reason is null ? null : ContactReason.Parse(Reason).Describe();
        return Outcome switch
        {
            "sent" => Display.Format(Strings.ReplaySentAt, at),
            "deferred" => Display.Format(Strings.ReplayDeferredTo, at, reason),
            "queued" => Strings.ReplayStillQueued,
            _ => $"{Verdict(Outcome)}: {reason}",
        };
    }

    /// <summary>An outcome word (<c>skipped</c>, <c>dropped</c>, <c>cancelled</c> …) as <see cref="DisplayNames.Of{T}"/> writes its value.</summary>
    internal static string Verdict(string outcome) => outcome switch
    {
        "deferred" => DisplayNames.Of(ContactVerdict.Deferred),
        "skipped" => DisplayNames.Of(ContactVerdict.Skipped),
        "dropped" => DisplayNames.Of(ContactVerdict.Dropped),
        "cancelled" => DisplayNames.Of(CrmKit.Engine.OutboxState.Cancelled),
        "sent" => DisplayNames.Of(CrmKit.Engine.OutboxState.Sent),
        _ => outcome,
    };
}

/// <summary>Collects a journey replay day by day (<see cref="IReplayObserver"/>): the days of the period, the totals and every message.</summary>
internal sealed class ReplayReport : IReplayObserver
{
    private readonly Dictionary<string, ReplayMessage> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CrmKit.Customers.CustomerId, List<ReplayMessage>> _pending = [];
    private readonly List<ReplayMessage> _messages = [];
    private readonly ReplayDay[] _days;

    public ReplayReport(Journey journey, LocalDate from, LocalDate to, DateTimeZone zone, int eventsBefore, int eventsIn)
    {
        (Journey, From, To, Zone, EventsBefore, EventsIn) = (journey, from, to, zone, eventsBefore, eventsIn);
        _days = [.. Enumerable.Range(0, Period.DaysBetween(from, to) + 1).Select(i => new ReplayDay(from.PlusDays(i)))];
        Total = new ReplayDay(from);
    }

    public Journey Journey { get; }

    public LocalDate From { get; }

    public LocalDate To { get; }

    public DateTimeZone Zone { get; }

    public int EventsBefore { get; }

    public int EventsIn { get; }

    public IReadOnlyList<ReplayDay> Days => _days;

    public ReplayDay Total { get; }

    /// <summary>Every message decided in the period, in the order decided.</summary>
    public IReadOnlyList<ReplayMessage> Messages => _messages;

    /// <summary>Messages still pending when the period ended.</summary>
    public int StillQueued { get; private set; }

    public void Handled(HandleResult result, Instant at)
    {
        foreach (var change in result.Instances)
        {
            Each(change.At, d =>
            {
                switch (change.Kind)
                {
                    case InstanceChangeKind.Enrolled: d.Enrolled++; break;
                    case InstanceChangeKind.Completed: d.Completed++; break;
                    case InstanceChangeKind.Exited: d.Exited++; break;
                    case InstanceChangeKind.GoalReached: d.GoalReached++; break;
                }
            });
        }

        foreach (var decision in result.Messages)
        {
            var message = Track(decision.Message, at);
            if (decision.Verdict is ContactVerdict.Allowed or ContactVerdict.Deferred)
            {
                Pending(decision.Message.CustomerId).Add(message);
            }

            switch (decision.Verdict)
            {
                case ContactVerdict.Deferred:
                    Each(at, d => { d.Deferred++; ReplayDay.Count(d.ByReason, "deferred: " + (decision.Reason ?? "no reason given")); });
                    (message.Outcome, message.Reason, message.OutcomeAt) = ("deferred", decision.Reason, decision.Message.DueAt);
                    break;
                case ContactVerdict.Skipped:
                    Each(at, d => { d.Skipped++; ReplayDay.Count(d.ByReason, "skipped: " + (decision.Reason ?? "no reason given")); });
                    (message.Outcome, message.Reason, message.OutcomeAt) = ("skipped", decision.Reason, at);
                    break;
                case ContactVerdict.Dropped:
                    Each(at, d => { d.Dropped++; ReplayDay.Count(d.ByReason, "dropped: " + (decision.Reason ?? "no reason given")); });
                    (message.Outcome, message.Reason, message.OutcomeAt) = ("dropped", decision.Reason, at);
                    break;
            }
        }

        // A cancellation names one message, an instance's messages or a channel × purpose of the customer: each
        // pending message it matches is cancelled (and counted once).
        foreach (var cancellation in result.Cancelled)
        {
            if (!_pending.TryGetValue(result.CustomerId, out var pending))
            {
                continue;
            }

            foreach (var message in pending.Where(m => cancellation.Matches(m.Message)).ToList())
            {
                Each(at, d => { d.Cancelled++; ReplayDay.Count(d.ByReason, "cancelled: " + cancellation.Reason); });
                (message.Outcome, message.Reason, message.OutcomeAt) = ("cancelled", cancellation.Reason, at);
                pending.Remove(message);
            }
        }
    }

    public void Sent(OutboxMessage message, Instant at)
    {
        Each(at, d => { d.Sent++; ReplayDay.Count(d.SentByChannel, RunSummary.Name(message.Channel)); });
        var m = Track(message, at);
        (m.Outcome, m.Reason, m.OutcomeAt) = ("sent", null, at);
        Pending(message.CustomerId).Remove(m);
    }

    public void Deferred(OutboxMessage message, Instant until, string reason, Instant at)
    {
        Each(at, d => { d.Deferred++; ReplayDay.Count(d.ByReason, "deferred: " + reason); });
        var m = Track(message, at);
        (m.Outcome, m.Reason, m.OutcomeAt) = ("deferred", reason, until);
    }

    public void Cancelled(OutboxMessage message, string reason, Instant at)
    {
        Each(at, d => { d.Cancelled++; ReplayDay.Count(d.ByReason, "cancelled: " + reason); });
        var m = Track(message, at);
        (m.Outcome, m.Reason, m.OutcomeAt) = ("cancelled", reason, at);
        Pending(message.CustomerId).Remove(m);
    }

    /// <summary>Records what is still queued when the period ends.</summary>
    public void Finish(IReadOnlyList<OutboxRecord> pending)
    {
        StillQueued = pending.Count;
        foreach (var record in pending)
        {
            if (_byKey.TryGetValue(record.Message.IdempotencyKey, out var m))
            {
                (m.Outcome, m.Reason, m.OutcomeAt) = ("queued", null, null);
            }
        }
    }

    private List<ReplayMessage> Pending(CrmKit.Customers.CustomerId customer)
    {
        if (!_pending.TryGetValue(customer, out var list))
        {
            _pending[customer] = list = [];
        }

        return list;
    }

    private ReplayMessage Track(OutboxMessage message, Instant at)
    {
        if (!_byKey.TryGetValue(message.IdempotencyKey, out var tracked))
        {
            tracked = new ReplayMessage(message, at);
            _byKey.Add(message.IdempotencyKey, tracked);
            _messages.Add(tracked);
        }

        return tracked;
    }

    // Counts into the day of the instant (in the shop's zone), when it is in the period, and into the total.
    private void Each(Instant at, Action<ReplayDay> count)
    {
        var index = Period.DaysBetween(From, at.InZone(Zone).Date);
        if (index >= 0 && index < _days.Length)
        {
            count(_days[index]);
            count(Total);
        }
    }
}
