using System.Collections.Immutable;

namespace CrmKit.CareProcess.Tests;

/// <summary>
/// Due dates of yearly occasions shifted by an offset, in particular when the offset crosses New Year: process
/// timers (<see cref="AtLocalTimeTimer"/>) and care-plan occasions (<see cref="OccasionSchedule"/>), each checked
/// against a day-by-day brute-force search that knows nothing about years.
/// </summary>
public sealed class OccasionDueDateTests
{
    private static readonly DateTimeZone[] Zones =
        [.. new[] { "Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe" }.Select(z => DateTimeZoneProviders.Tzdb[z])];

    private static ProcessDefinition Reminder(int offsetDays, bool everyYear = true) => new ProcessBuilder("remind", "Reminder", "waiting")
        .State("waiting").State("reminded")
        .At("waiting", new AtLocalTimeTimer("birthday", new LocalTime(9, 0), offsetDays, everyYear), "reminded", null, new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "birthday"))
        .Build();

    [Fact]
    public void AtLocalTime_ThirtyDaysBeforeAJanuaryBirthday_EnteredInLateDecember_IsDueNextDecember()
    {
        // Entered 2025-12-20. The reminder for 10 January 2026 is 11 December 2025 — before entry, so it is gone. The
        // next 10 January is 2027, whose reminder (30 days earlier: 31 − 10 = 21 days back into December, 11 December)
        // is 2026-12-11, 09:00 in Ho Chi Minh City (UTC+7, no DST) = 02:00 UTC.
        var hcm = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.AlwaysOpen);
        var p = Reminder(-30);
        var entered = new LocalDateTime(2025, 12, 20, 10, 0).InZoneStrictly(hcm.Zone).ToInstant();
        var s = p.Start("KH1", entered, [new("birthday", ProcessValue.Of(new LocalDate(1990, 1, 10)))], hcm);

        var expected = new LocalDateTime(2026, 12, 11, 9, 0).InZoneStrictly(hcm.Zone).ToInstant();
        Assert.Equal(Instant.FromUtc(2026, 12, 11, 2, 0), expected);
        Assert.Equal(expected, s.NextDue);

        var advanced = p.Advance(s.Snapshot, Instant.FromUtc(2027, 6, 30, 0, 0), hcm);
        Assert.Equal("reminded", advanced.Snapshot.State);
        Assert.Equal(expected, advanced.Snapshot.History[^1].At);
    }

    [Fact]
    public void AtLocalTime_ThirtyDaysAfterADecemberDate_EnteredInDecember_IsDueInJanuary()
    {
        var hcm = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.AlwaysOpen);
        var s = Reminder(30).Start("KH1", Instant.FromUtc(2025, 12, 28, 0, 0), [new("birthday", ProcessValue.Of(new LocalDate(1990, 12, 20)))], hcm);

        // 20 December 2025 + 30 days = 19 January 2026 (11 days left in December, 19 in January).
        Assert.Equal(Instant.FromUtc(2026, 1, 19, 2, 0), s.NextDue);
    }

    [Fact]
    public void AtLocalTime_EnteredOnTheDayJustAfterThisYearsReminder_IsDueNextYear()
    {
        // The property's counterexample: a 1 January date, no offset, 09:00; entered at 09:10 on 1 January 2028 (Ho Chi
        // Minh City): this year's reminder was ten minutes before entry, so the next is 1 January 2029 09:00 (+07).
        var hcm = new ProcessEnvironment(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], BusinessCalendar.AlwaysOpen);
        var s = Reminder(0).Start("KH1", Instant.FromUtc(2028, 1, 1, 2, 10), [new("birthday", ProcessValue.Of(new LocalDate(2000, 1, 1)))], hcm);

        Assert.Equal(Instant.FromUtc(2029, 1, 1, 2, 0), s.NextDue);
    }

    [Fact]
    public void AtLocalTime_OffsetBeyondAYear_IsRejectedWithItsPath()
    {
        var ex = Assert.Throws<InvalidProcessException>(() => Reminder(-367));
        Assert.Equal(["$.transitions[0].timer.offsetDays: -367 is outside ±366 days (ProcessLimits.MaxOffsetDays)"], ex.Problems.Select(p => p.ToString()).ToArray());
    }

    private static readonly Arbitrary<(LocalDate Date, int Offset, Instant Entered, int Zone, int Hour, bool EveryYear)> TimerCases =
        (from date in Gen.OneOf(Gen.Choose(0, 366 * 8).Select(d => new LocalDate(1992, 1, 1).PlusDays(d)), Gen.Elements(new LocalDate(1996, 2, 29), new LocalDate(2000, 1, 1), new LocalDate(1999, 12, 31)))
         from offset in Gen.OneOf(Gen.Choose(-366, 366), Gen.Elements(-366, -365, -1, 0, 1, 365, 366))
         from entered in Gen.Choose(0, 366 * 6 * 24).Select(h => Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromHours(h) + Duration.FromMinutes(h % 7 * 10))
         from zone in Gen.Choose(0, Zones.Length - 1)
         from hour in Gen.Choose(0, 23)
         from everyYear in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
         select (date, offset, entered, zone, hour, everyYear)).ToArbitrary();

    [Property(MaxTest = 400)]
    public Property AtLocalTime_NextDue_MatchesDayByDaySearch()
        => Prop.ForAll(TimerCases, c =>
        {
            var zone = Zones[c.Zone];
            var environment = new ProcessEnvironment(zone, BusinessCalendar.AlwaysOpen);
            var time = new LocalTime(c.Hour, 30);
            var p = new ProcessBuilder("remind", "Reminder", "waiting").State("waiting").State("reminded")
                .At("waiting", new AtLocalTimeTimer("d", time, c.Offset, c.EveryYear), "reminded").Build();
            var due = p.Start("KH1", c.Entered, [new("d", ProcessValue.Of(c.Date))], environment).NextDue;

            // Brute force: walk local days from the day before entry; a day is a reminder day when the day the offset
            // points back to is an occurrence of the date (its anniversary in that day's year, 29 February falling on
            // 28 February in common years — the documented rule — or the date itself when it does not recur).
            Instant? expected = null;
            var first = c.Entered.InZone(zone).Date.PlusDays(-1);
            for (var day = first; day <= first.PlusDays(366 * 3); day = day.PlusDays(1))
            {
                var occasion = day.PlusDays(-c.Offset);
                var isOccurrence = c.EveryYear ? occasion == AnniversaryIn(c.Date, occasion.Year) : occasion == c.Date;
                var at = (day + time).InZoneLeniently(zone).ToInstant();
                if (isOccurrence && at > c.Entered)
                {
                    expected = at;
                    break;
                }
            }

            return (due == expected).Label($"{c}: engine {due}, search {expected}");
        });

    private static LocalDate AnniversaryIn(LocalDate date, int year)
        => date.Month == 2 && date.Day == 29 && !DateTime.IsLeapYear(year) ? new LocalDate(year, 2, 28) : new LocalDate(year, date.Month, date.Day);

    private static readonly Arbitrary<(Occasion Occasion, int DaysBefore, LocalDate From, int Length, LocalDate Birth, LocalDate Joined)> ScheduleCases =
        (from occasion in Gen.Elements(Occasion.Birthday, Occasion.Tet, Occasion.JoinAnniversary)
         from daysBefore in Gen.OneOf(Gen.Choose(-366, 366), Gen.Elements(-366, -365, -1, 0, 1, 365, 366))
         from start in Gen.Choose(0, 366 * 8)
         from length in Gen.Choose(0, 40)
         from birth in Gen.OneOf(Gen.Choose(0, 366 * 4).Select(d => new LocalDate(1992, 1, 1).PlusDays(d)), Gen.Constant(new LocalDate(1996, 2, 29)))
         from joined in Gen.Choose(0, 366 * 6).Select(d => new LocalDate(2020, 1, 1).PlusDays(d))
         select (occasion, daysBefore, new LocalDate(2021, 1, 1).PlusDays(start), length, birth, joined)).ToArbitrary();

    [Property(MaxTest = 400)]
    public Property OccasionSchedule_Dates_MatchDayByDaySearch()
        => Prop.ForAll(ScheduleCases, c =>
        {
            var subject = new CareSubject
            {
                CustomerId = new CustomerId("KH1"),
                Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"],
                Segments = SegmentMembership.None,
                BirthDate = c.Birth,
                JoinedOn = c.Joined,
            };
            var to = c.From.PlusDays(c.Length);
            var schedule = new OccasionSchedule(c.Occasion, c.DaysBefore, new LocalTime(9, 0));
            var dates = schedule.Dates(subject, c.From, to, OccasionCalendar.Default).ToImmutableArray();

            // Brute force: a day is due when the day DaysBefore later is the occasion in that day's year.
            var expected = ImmutableArray.CreateBuilder<LocalDate>();
            for (var day = c.From; day <= to; day = day.PlusDays(1))
            {
                var occasionDay = day.PlusDays(c.DaysBefore);
                var due = c.Occasion switch
                {
                    Occasion.Birthday => occasionDay == AnniversaryIn(c.Birth, occasionDay.Year),
                    Occasion.JoinAnniversary => occasionDay.Year > c.Joined.Year && occasionDay == AnniversaryIn(c.Joined, occasionDay.Year),
                    _ => OccasionCalendar.Default.Tet(occasionDay.Year) == occasionDay,
                };
                if (due)
                {
                    expected.Add(day);
                }
            }

            return dates.SequenceEqual(expected).Label($"{c}: schedule [{string.Join(", ", dates)}], search [{string.Join(", ", expected)}]");
        });

    [Theory]
    [InlineData(Occasion.Birthday, -30, "2027-02-09")] // 30 days after 10 January 2027
    [InlineData(Occasion.Birthday, 30, "2026-12-11")] // 30 days before 10 January 2027
    [InlineData(Occasion.Tet, 40, "2026-12-28")] // Tết 2027 is 6 February; 40 days earlier (6 + 31 + 3)
    [InlineData(Occasion.Tet, -340, "2027-01-23")] // Tết 2026 is 17 February; 340 days later
    public void OccasionSchedule_AcrossNewYear_IsDueOnThatDay(Occasion occasion, int daysBefore, string due)
    {
        var day = LocalDate.FromDateTime(DateTime.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        var subject = new CareSubject { CustomerId = new CustomerId("KH1"), Zone = DateTimeZone.Utc, Segments = SegmentMembership.None, BirthDate = new LocalDate(1990, 1, 10) };
        var schedule = new OccasionSchedule(occasion, daysBefore, new LocalTime(9, 0));
        Assert.Equal([day], schedule.Dates(subject, day.PlusDays(-1), day.PlusDays(1), OccasionCalendar.Default));
    }
}
