namespace CrmKit.CareProcess.Tests;

public sealed class SlaTests
{
    private static readonly DateTimeZone Hcm = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly LocalDate Holiday = new(2026, 11, 10);
    private static readonly SlaPolicy Policy = SlaPolicy.Default([Holiday]);

    private static Instant L(int day, int hour, int minute = 0) => new LocalDateTime(2026, 11, day, hour, minute).InZoneStrictly(Hcm).ToInstant();

    [Fact]
    public void Clocks_CountBusinessHours_PauseWhilePending_AndReportBreachInstants()
    {
        // Friday 6 Nov 16:00: normal priority (first reply 4 h, next reply 8 h, resolution 24 h of business time).
        TicketEvent[] events =
        [
            new(L(6, 16), TicketEventKind.Created),
            new(L(7, 9), TicketEventKind.AgentReply),        // 1 h Friday + 1 h Saturday: first reply met after 2 h
            new(L(7, 9, 30), TicketEventKind.Pending),       // paused over the weekend and Monday
            new(L(9, 14), TicketEventKind.CustomerReply),    // resumes Monday 14:00; next-reply clock starts
        ];
        var clocks = Policy.Evaluate("normal", events, L(11, 10)).ToDictionary(c => c.Metric);
        Assert.Equal(new SlaClock(SlaMetric.FirstReply, L(6, 16), Duration.FromHours(4), Duration.FromHours(2), SlaStatus.Met, null, null, null), clocks[SlaMetric.FirstReply]);

        // Next reply: Monday 14:00–17:00 (3 h), Tuesday 10 Nov is a holiday, Wednesday 08:00–10:00 (2 h) = 5 h of 8.
        var next = clocks[SlaMetric.NextReply];
        Assert.Equal((Duration.FromHours(5), SlaStatus.Running), (next.Elapsed, next.Status));
        Assert.Equal(L(11, 14), next.DueAt);                              // 3 h left: 10–12 and 13–14
        Assert.Null(next.NearBreachAt);

        // Resolution: 1 h Fri + 1.5 h Sat + 3 h Mon + 2 h Wed = 7.5 h.
        Assert.Equal(Duration.FromMinutes(450), clocks[SlaMetric.Resolution].Elapsed);

        var later = Policy.Evaluate("normal", events, L(12, 17)).Single(c => c.Metric == SlaMetric.NextReply);
        Assert.Equal(SlaStatus.Breached, later.Status);
        Assert.Equal(L(11, 14), later.BreachedAt);
        Assert.Equal(L(11, 11, 24), later.NearBreachAt);                   // 80 % of 8 h = 6 h 24 min: 5 h + 1 h 24 min
        Assert.Null(later.DueAt);
    }

    [Fact]
    public void UnknownPriority_And_MissingCreated_AreClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Policy.Evaluate("asap", [new(L(2, 9), TicketEventKind.Created)], L(2, 10)));
        Assert.StartsWith("No SLA targets for priority 'asap' (known: high, low, normal, urgent).", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Policy.Evaluate("low", [new(L(2, 9), TicketEventKind.AgentReply)], L(2, 10)));
    }

    private static readonly TicketEventKind[] Kinds = [TicketEventKind.AgentReply, TicketEventKind.CustomerReply, TicketEventKind.Pending, TicketEventKind.OnHold, TicketEventKind.Opened, TicketEventKind.Solved];

    [Property(MaxTest = 60)]
    public Property Elapsed_EqualsOpenMinutesWhileRunning_AcrossPausesNightsWeekendsAndHolidays()
        => Prop.ForAll(Tickets(0, 3 * 24 * 60), c => Replay(Policy, L(5, 0) + Duration.FromMinutes(c.StartMinutes), c.Steps, c.Tail));

    /// <summary>Calendars open at night and in the day, in zones with DST, created around each 2026 transition.</summary>
    private static readonly (SlaPolicy Policy, LocalDateTime Around)[] DaylightSaving =
    [
        .. new[] { ("Europe/Berlin", new LocalDate(2026, 3, 29), new LocalDate(2026, 10, 25)), ("America/New_York", new LocalDate(2026, 3, 8), new LocalDate(2026, 11, 1)), ("Australia/Lord_Howe", new LocalDate(2026, 4, 5), new LocalDate(2026, 10, 4)) }
            .SelectMany(z => new[] { z.Item2, z.Item3 }.Select(day => (
                Policy with
                {
                    Calendar = BusinessCalendar.Create(
                        DateTimeZoneProviders.Tzdb[z.Item1],
                        Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).SelectMany(d => new OpeningHours[] { new(d, new LocalTime(1, 15), new LocalTime(3, 45)), new(d, new LocalTime(8, 0), new LocalTime(17, 0)) }),
                        [day.PlusDays(1)]),
                },
                day.AtMidnight()))),
    ];

    [Property(MaxTest = 60)]
    public Property ElapsedAndDue_MatchAMinuteReplay_AcrossDaylightSavingGapsAndOverlaps()
        => Prop.ForAll(
            (from c in Tickets(-24 * 60, 24 * 60).Generator from p in Gen.Choose(0, DaylightSaving.Length - 1) select (c, p)).ToArbitrary(),
            x =>
            {
                var (policy, around) = DaylightSaving[x.p];
                var created = policy.Calendar.Zone.AtLeniently(around).ToInstant() + Duration.FromMinutes(x.c.StartMinutes);
                return Replay(policy, created, x.c.Steps, x.c.Tail);
            });

    private static Arbitrary<(int StartMinutes, (int Gap, TicketEventKind Kind)[] Steps, int Tail)> Tickets(int earliest, int latest)
        => (from startMinutes in Gen.Choose(earliest, latest)
            from steps in (from gap in Gen.Choose(1, 36 * 60) from kind in Gen.Elements(Kinds) select (gap, kind)).ArrayOf()
            from tail in Gen.Choose(0, 24 * 60)
            select (startMinutes, steps.Take(8).ToArray(), tail)).ToArbitrary();

    /// <summary>
    /// Replays a ticket minute by minute, counting open minutes (read from the wall-clock time, independently of the
    /// calendar's code) while each clock runs, and compares the clocks' elapsed time, breach instants
    /// and, for a running clock, its due instant (found by replaying on until the remaining target has passed).
    /// </summary>
    private static Property Replay(SlaPolicy policy, Instant created, (int Gap, TicketEventKind Kind)[] steps, int tail)
    {
        var events = new List<TicketEvent> { new(created, TicketEventKind.Created) };
        foreach (var (gap, kind) in steps)
        {
            events.Add(new(events[^1].At + Duration.FromMinutes(gap), kind));
        }

        var now = events[^1].At + Duration.FromMinutes(tail);
        var clocks = policy.Evaluate("low", events, now).ToDictionary(x => x.Metric);

        var (paused, solved, firstStopped) = (false, false, false);
        var (resolution, first) = (0L, 0L);
        var k = 1;
        for (var t = created; t < now; t += Duration.FromMinutes(1))
        {
            for (; k < events.Count && events[k].At <= t; k++)
            {
                switch (events[k].Kind)
                {
                    case TicketEventKind.AgentReply: firstStopped = true; break;
                    case TicketEventKind.CustomerReply or TicketEventKind.Opened: (paused, solved) = (false, false); break;
                    case TicketEventKind.Pending or TicketEventKind.OnHold: paused = true; break;
                    case TicketEventKind.Solved: (paused, solved) = (false, true); break;
                }
            }

            if (WallClockOpen(policy.Calendar, t) && !paused)
            {
                resolution += solved ? 0 : 1;
                first += firstStopped ? 0 : 1;
            }
        }

        var ok = clocks[SlaMetric.Resolution].Elapsed == Duration.FromMinutes(resolution) && clocks[SlaMetric.FirstReply].Elapsed == Duration.FromMinutes(first);
        var breachConsistent = clocks.Values.All(x => (x.BreachedAt is not null) == (x.Elapsed > x.Target) && (x.BreachedAt is not { } b || (b > x.StartedAt && b <= now)));
        var dueProblems = clocks.Values.Where(x => x.DueAt is { } due && due != DueByReplay(policy.Calendar, now, x.Target - x.Elapsed)).Select(x => $"{x.Metric} due {x.DueAt}, replay {DueByReplay(policy.Calendar, now, x.Target - x.Elapsed)}").ToList();
        return (ok && breachConsistent && dueProblems.Count == 0).Label($"resolution {clocks[SlaMetric.Resolution].Elapsed} vs {resolution} min, first {clocks[SlaMetric.FirstReply].Elapsed} vs {first} min, breach consistent {breachConsistent}; {string.Join("; ", dueProblems)}");
    }

    /// <summary>Open when the local time, read in the calendar's zone, is within its day's hours on a day that is not a holiday.</summary>
    private static bool WallClockOpen(BusinessCalendar calendar, Instant t)
    {
        var local = t.InZone(calendar.Zone);
        return !calendar.Holidays.Contains(local.Date)
               && calendar.Hours.Any(h => h.Day == local.DayOfWeek && local.TimeOfDay >= h.Opens && (h.Closes == LocalTime.Midnight || local.TimeOfDay < h.Closes));
    }

    /// <summary>The instant at which <paramref name="left"/> open time has passed after <paramref name="from"/>, minute by minute.</summary>
    private static Instant DueByReplay(BusinessCalendar calendar, Instant from, Duration left)
    {
        var minutes = (long)left.TotalMinutes;
        var t = from;
        for (; minutes > 0; t += Duration.FromMinutes(1))
        {
            minutes -= WallClockOpen(calendar, t) ? 1 : 0;
        }

        // For zero: the next open instant.
        while (left == Duration.Zero && !WallClockOpen(calendar, t))
        {
            t += Duration.FromMinutes(1);
        }

        return t;
    }
}
