using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// Service-level targets per ticket priority, counted in business hours of a calendar, with pauses while the
/// ticket is pending or on hold. <see cref="Evaluate"/> replays a ticket's events up to an instant and returns each
/// clock with its elapsed time, status, due instant and the instants of near-breach and breach events.
/// </summary>
public sealed record SlaPolicy
{
    /// <summary>Targets by priority (low, normal, high, urgent by default).</summary>
    public ImmutableDictionary<string, SlaTargets> Targets { get; init; } = ImmutableDictionary<string, SlaTargets>.Empty;

    /// <summary>The business hours the clocks count.</summary>
    public BusinessCalendar Calendar { get; init; } = BusinessCalendar.AlwaysOpen;

    /// <summary>The share of a target after which a near-breach event is raised (0.8 by default).</summary>
    public double NearBreachShare { get; init; } = 0.8;

    /// <summary>Typical retail targets on a Vietnamese office calendar (business hours).</summary>
    public static SlaPolicy Default(IEnumerable<LocalDate>? holidays = null) => new()
    {
        Calendar = BusinessCalendar.VietnamOffice(holidays),
        Targets = new Dictionary<string, SlaTargets>
        {
            ["low"] = new(Duration.FromHours(8), Duration.FromHours(16), Duration.FromHours(40)),
            ["normal"] = new(Duration.FromHours(4), Duration.FromHours(8), Duration.FromHours(24)),
            ["high"] = new(Duration.FromHours(2), Duration.FromHours(4), Duration.FromHours(16)),
            ["urgent"] = new(Duration.FromHours(1), Duration.FromHours(2), Duration.FromHours(8)),
        }.ToImmutableDictionary(),
    };

    /// <summary>The clocks of a ticket of <paramref name="priority"/> after its events up to <paramref name="now"/> (events after it are ignored).</summary>
    /// <exception cref="ArgumentException">Unknown priority, or the first event is not <see cref="TicketEventKind.Created"/>.</exception>
    public ImmutableArray<SlaClock> Evaluate(string priority, IEnumerable<TicketEvent> events, Instant now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var targets = Targets.TryGetValue(priority ?? "", out var t) ? t
            : throw new ArgumentException($"No SLA targets for priority '{priority}' (known: {string.Join(", ", Targets.Keys.Order(StringComparer.Ordinal))}).", nameof(priority));
        var list = events.Where(e => e.At <= now).OrderBy(e => e.At).ToList();
        if (list.Count == 0 || list[0].Kind != TicketEventKind.Created)
        {
            throw new ArgumentException("A ticket's events must start with Created.", nameof(events));
        }

        // Running intervals of each clock: (start, end or null while running), and whether the ticket is paused.
        var first = new Tracker(list[0].At);
        var resolution = new Tracker(list[0].At);
        Tracker? next = null;
        var repliedOnce = false;
        var paused = false;
        foreach (var e in list.Skip(1))
        {
            switch (e.Kind)
            {
                case TicketEventKind.AgentReply:
                    first.Stop(e.At);
                    next?.Stop(e.At);
                    repliedOnce = true;
                    break;
                case TicketEventKind.CustomerReply:
                    if (paused)
                    {
                        paused = false;
                        Resume(e.At, first, next, resolution);
                    }

                    if (repliedOnce && (next is null || next.Stopped))
                    {
                        next = new Tracker(e.At);
                    }

                    if (resolution.Stopped)
                    {
                        resolution.Reopen(e.At);
                    }

                    break;
                case TicketEventKind.Pending:
                case TicketEventKind.OnHold:
                    if (!paused)
                    {
                        paused = true;
                        first.Pause(e.At);
                        next?.Pause(e.At);
                        resolution.Pause(e.At);
                    }

                    break;
                case TicketEventKind.Opened:
                    if (paused)
                    {
                        paused = false;
                        Resume(e.At, first, next, resolution);
                    }

                    if (resolution.Stopped)
                    {
                        resolution.Reopen(e.At);
                    }

                    break;
                case TicketEventKind.Solved:
                    if (paused)
                    {
                        paused = false;
                        Resume(e.At, first, next, resolution);
                    }

                    resolution.Stop(e.At);
                    break;
            }
        }

        var clocks = ImmutableArray.CreateBuilder<SlaClock>();
        if (targets.FirstReply is { } f)
        {
            clocks.Add(Clock(SlaMetric.FirstReply, first, f, now));
        }

        if (targets.NextReply is { } n && next is not null)
        {
            clocks.Add(Clock(SlaMetric.NextReply, next, n, now));
        }

        if (targets.Resolution is { } r)
        {
            clocks.Add(Clock(SlaMetric.Resolution, resolution, r, now));
        }

        return clocks.ToImmutable();
    }

    private static void Resume(Instant at, Tracker first, Tracker? next, Tracker resolution)
    {
        first.Resume(at);
        next?.Resume(at);
        resolution.Resume(at);
    }

    private SlaClock Clock(SlaMetric metric, Tracker tracker, Duration target, Instant now)
    {
        var near = Duration.FromTicks((long)(target.TotalTicks * NearBreachShare));
        var acc = Duration.Zero;
        Instant? nearAt = null, breachAt = null;
        foreach (var (start, end) in tracker.Intervals(now))
        {
            var w = Calendar.WorkingTime(start, end);
            if (nearAt is null && acc + w >= near && near > Duration.Zero)
            {
                nearAt = Calendar.Add(start, near - acc);
            }

            if (breachAt is null && acc + w > target)
            {
                breachAt = Calendar.Add(start, target - acc);
            }

            acc += w;
        }

        var elapsed = acc;
        var status = breachAt is not null ? SlaStatus.Breached : tracker.Stopped ? SlaStatus.Met : tracker.Paused ? SlaStatus.Paused : SlaStatus.Running;
        Instant? due = status == SlaStatus.Running ? Calendar.Add(now, target - elapsed) : null;
        return new SlaClock(metric, tracker.StartedAt, target, elapsed, status, due, nearAt, breachAt);
    }

    /// <summary>A clock's running intervals.</summary>
    private sealed class Tracker(Instant start)
    {
        private readonly List<(Instant Start, Instant? End)> _intervals = [(start, null)];

        public Instant StartedAt { get; } = start;

        public bool Stopped { get; private set; }

        public bool Paused { get; private set; }

        private bool Running => !Stopped && !Paused;

        public void Stop(Instant at)
        {
            if (Running)
            {
                Close(at);
            }

            (Stopped, Paused) = (true, false);
        }

        public void Pause(Instant at)
        {
            if (Running)
            {
                Close(at);
                Paused = true;
            }
        }

        public void Resume(Instant at)
        {
            if (Paused && !Stopped)
            {
                _intervals.Add((at, null));
                Paused = false;
            }
        }

        public void Reopen(Instant at)
        {
            Stopped = false;
            Paused = false;
            _intervals.Add((at, null));
        }

        public IEnumerable<(Instant Start, Instant End)> Intervals(Instant now)
            => _intervals.Select(i => (i.Start, i.End ?? now));

        private void Close(Instant at) => _intervals[^1] = (_intervals[^1].Start, at);
    }
}
