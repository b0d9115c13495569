using System.Collections.Immutable;

namespace CrmKit.CareProcess.Tests;

/// <summary>
/// Business hours across daylight-saving gaps and overlaps: working time, adding working time, the next open
/// instant and openness, each checked against a minute-by-minute replay of wall-clock time in zones with DST.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static BusinessCalendar SundayNight(DateTimeZone zone) => BusinessCalendar.Create(zone,
    [
        new(IsoDayOfWeek.Sunday, new LocalTime(2, 0), new LocalTime(2, 30)),
        new(IsoDayOfWeek.Sunday, new LocalTime(4, 0), new LocalTime(5, 0)),
    ]);

    private static Instant Local(DateTimeZone zone, int y, int m, int d, int h = 0, int min = 0) => zone.AtStrictly(new LocalDateTime(y, m, d, h, min)).ToInstant();

    [Fact]
    public void WorkingTime_OnTheDayClocksGoForward_CountsNoTimeInTheGap()
    {
        // Europe/Berlin, Sunday 2025-03-30: clocks jump from 02:00 CET to 03:00 CEST, so 02:00–02:30 never happens;
        // only 04:00–05:00 is open: 1 hour.
        var calendar = SundayNight(Berlin);
        Assert.Equal(Duration.FromHours(1), calendar.WorkingTime(Local(Berlin, 2025, 3, 30), Local(Berlin, 2025, 3, 31)));

        // Nothing is open before 04:00 CEST (02:00 UTC): adding no time from Saturday evening gives 04:00, not 03:00
        // (where 02:00 shifted by the gap would put it); adding 30 minutes gives 04:30.
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 2, 0), calendar.Add(Local(Berlin, 2025, 3, 29, 20), Duration.Zero));
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 2, 30), calendar.Add(Local(Berlin, 2025, 3, 29, 20), Duration.FromMinutes(30)));
        Assert.False(calendar.IsOpen(Instant.FromUtc(2025, 3, 30, 1, 15))); // 03:15 CEST
    }

    [Fact]
    public void WorkingTime_OnTheDayClocksGoBack_CountsTheRepeatedHourTwice()
    {
        // Europe/Berlin, Sunday 2025-10-26: 03:00 CEST becomes 02:00 CET, so 02:00–02:30 happens twice (00:00–00:30
        // and 01:00–01:30 UTC): 1 hour, plus 04:00–05:00: 2 hours.
        var calendar = SundayNight(Berlin);
        Assert.Equal(Duration.FromHours(2), calendar.WorkingTime(Local(Berlin, 2025, 10, 26), Local(Berlin, 2025, 10, 27)));
        Assert.True(calendar.IsOpen(Instant.FromUtc(2025, 10, 26, 0, 15)));
        Assert.False(calendar.IsOpen(Instant.FromUtc(2025, 10, 26, 0, 45)));
        Assert.True(calendar.IsOpen(Instant.FromUtc(2025, 10, 26, 1, 15)));
        Assert.Equal(Instant.FromUtc(2025, 10, 26, 1, 15), calendar.Add(Instant.FromUtc(2025, 10, 26, 0, 0), Duration.FromMinutes(45)));
    }

    [Fact]
    public void ContactPolicy_AllowedHoursStartingInAGap_DefersToTheEndOfTheGap()
    {
        // America/New_York, 2025-03-09: 02:00 EST jumps to 03:00 EDT (07:00 UTC). Calls allowed from 02:30: the first
        // allowed instant is 03:00 EDT — local time is already past 02:30 — not 03:30 (02:30 shifted by the gap).
        var ny = DateTimeZoneProviders.Tzdb["America/New_York"];
        var policy = new ContactPolicy { Channels = new Dictionary<ContactChannel, ChannelLimits> { [ContactChannel.PhoneCall] = new(null, new LocalTime(2, 30), new LocalTime(20, 0)) }.ToImmutableDictionary() };
        var decision = policy.Decide(ContactChannel.PhoneCall, ContactPurpose.Transactional, Instant.FromUtc(2025, 3, 9, 5, 0), ny, ConsentLedger.Empty, []);
        Assert.Equal(ContactVerdict.Deferred, decision.Verdict);
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 7, 0), decision.SendAt);
    }

    private static readonly DateTimeZone[] Zones =
        [.. new[] { "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Ho_Chi_Minh" }.Select(z => DateTimeZoneProviders.Tzdb[z])];

    /// <summary>Local days with a transition in each zone (2025): Berlin 30 Mar / 26 Oct, New York 9 Mar / 2 Nov, Lord Howe 6 Apr / 5 Oct (30 minutes).</summary>
    private static readonly LocalDate[] TransitionDays =
        [new(2025, 3, 30), new(2025, 10, 26), new(2025, 3, 9), new(2025, 11, 2), new(2025, 4, 6), new(2025, 10, 5)];

    /// <summary>A calendar with up to three intervals a day on 15-minute boundaries, often around 00:00–04:00 where clocks change.</summary>
    private static readonly Gen<OpeningHours[]> Hours =
        from perDay in (from count in Gen.Choose(0, 3)
                        from cuts in Gen.Choose(0, 96).ArrayOf().Select(a => a.Take(count * 2).Distinct().Order().ToArray())
                        from early in Gen.Elements(true, false)
                        select cuts.Select(c => early ? c / 4 : c).Distinct().ToArray()).ArrayOf(7)
        select perDay.SelectMany((cuts, d) => Enumerable.Range(0, cuts.Length / 2).Select(i => new OpeningHours(
            (IsoDayOfWeek)(d + 1),
            LocalTime.Midnight.PlusMinutes(cuts[2 * i] * 15),
            cuts[(2 * i) + 1] == 96 ? LocalTime.Midnight : LocalTime.Midnight.PlusMinutes(cuts[(2 * i) + 1] * 15)))).ToArray();

    private static readonly Arbitrary<(OpeningHours[] Hours, int Zone, LocalDate Day, int StartMinutes, int LengthMinutes, int AddMinutes, bool Holiday)> Cases =
        (from hours in Hours.Where(h => h.Length > 0)
         from zone in Gen.Choose(0, Zones.Length - 1)
         from day in Gen.Elements(TransitionDays)
         from start in Gen.Choose(-36 * 60, 36 * 60)
         from length in Gen.Choose(0, 60 * 60)
         from add in Gen.Choose(0, 6 * 60)
         from holiday in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         select (hours, zone, day, start, length, add, holiday)).ToArbitrary();

    /// <summary>The reference: open when the wall-clock time (read independently of the calendar) is within the day's hours.</summary>
    private static bool OpenByWallClock(OpeningHours[] hours, LocalDate? holiday, DateTimeZone zone, Instant t)
    {
        var local = t.InZone(zone);
        return local.Date != holiday && hours.Any(h => h.Day == local.DayOfWeek && local.TimeOfDay >= h.Opens && (h.Closes == LocalTime.Midnight || local.TimeOfDay < h.Closes));
    }

    [Property(MaxTest = 250)]
    public Property WorkingTimeAddAndIsOpen_MatchAMinuteByMinuteReplay_AcrossGapsAndOverlaps()
        => Prop.ForAll(Cases, c =>
        {
            var zone = Zones[c.Zone];
            LocalDate? holiday = c.Holiday ? c.Day : null;
            var calendar = BusinessCalendar.Create(zone, c.Hours, holiday is { } h ? [h] : []);
            var from = zone.AtStartOfDay(c.Day).ToInstant() + Duration.FromMinutes(c.StartMinutes);
            var to = from + Duration.FromMinutes(c.LengthMinutes);

            var open = 0;
            for (var t = from; t < to; t += Duration.FromMinutes(1))
            {
                var expected = OpenByWallClock(c.Hours, holiday, zone, t);
                if (calendar.IsOpen(t) != expected)
                {
                    return false.Label($"IsOpen({t} = {t.InZone(zone)}) is {!expected}");
                }

                open += expected ? 1 : 0;
            }

            var working = calendar.WorkingTime(from, to);
            if (working != Duration.FromMinutes(open))
            {
                return false.Label($"WorkingTime {working}, replay {open} min");
            }

            // Add: the instant the requested number of open minutes has passed (for 0: the next open instant).
            Instant? replayed = null;
            var counted = 0;
            for (var t = from; t < from + Duration.FromDays(10); t += Duration.FromMinutes(1))
            {
                if (OpenByWallClock(c.Hours, holiday, zone, t))
                {
                    if (counted == c.AddMinutes)
                    {
                        replayed = t;
                        break;
                    }

                    counted++;
                    if (counted == c.AddMinutes)
                    {
                        replayed = t + Duration.FromMinutes(1);
                        break;
                    }
                }
            }

            var added = calendar.Add(from, Duration.FromMinutes(c.AddMinutes));
            return (replayed is null || added == replayed).Label($"Add {c.AddMinutes} min from {from.InZone(zone)}: {added.InZone(zone)}, replay {replayed?.InZone(zone)}");
        });
}
