using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// Business hours: weekly opening hours in a zone, minus holidays. Measures working time between two instants and
/// adds working time to an instant, so SLA targets and timers such as "reply within 4 business hours" count only
/// open hours. Hours are wall-clock hours in the zone: an instant is open when its local time is within the day's
/// hours, so on a daylight-saving day that skips an hour, hours inside the gap do not exist (open 02:00–02:30 and
/// 04:00–05:00 in Europe/Berlin on 30 March 2025 is 1 hour), and when the clocks go back the repeated hour counts
/// twice (a working day across it is one hour longer). Immutable and thread-safe.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 3 * 366;
    private readonly (LocalTime Opens, LocalTime Closes)[][] _week = new (LocalTime, LocalTime)[8][];
    private readonly bool _alwaysOpen;

    private BusinessCalendar(DateTimeZone zone, IEnumerable<OpeningHours> hours, IEnumerable<LocalDate> holidays, bool alwaysOpen)
    {
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
        _alwaysOpen = alwaysOpen;
        Hours = [.. hours.OrderBy(h => h.Day).ThenBy(h => h.Opens)];
        Holidays = [.. holidays];
        for (var d = 1; d <= 7; d++)
        {
            _week[d] = [.. Hours.Where(h => (int)h.Day == d).Select(h => (h.Opens, h.Closes))];
        }

        var problems = new List<string>();
        foreach (var h in Hours)
        {
            if (h.Closes != LocalTime.Midnight && h.Closes <= h.Opens)
            {
                problems.Add($"{h.Day} {h.Opens:HH:mm}–{h.Closes:HH:mm} closes before it opens");
            }
        }

        for (var d = 1; d <= 7; d++)
        {
            var day = _week[d];
            for (var i = 1; i < day.Length; i++)
            {
                if (day[i - 1].Closes == LocalTime.Midnight || day[i].Opens < day[i - 1].Closes)
                {
                    problems.Add($"{(IsoDayOfWeek)d} hours {day[i - 1].Opens:HH:mm}–{day[i - 1].Closes:HH:mm} and {day[i].Opens:HH:mm}–{day[i].Closes:HH:mm} overlap");
                }
            }
        }

        if (!alwaysOpen && Hours.Length == 0)
        {
            problems.Add("no opening hours on any day");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid business calendar: " + string.Join("; ", problems) + ".", nameof(hours));
        }
    }

    /// <summary>The zone the hours are read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The weekly opening hours (empty for an always-open calendar).</summary>
    public ImmutableArray<OpeningHours> Hours { get; }

    /// <summary>Days on which nothing is open.</summary>
    public ImmutableSortedSet<LocalDate> Holidays { get; }

    /// <summary>Open around the clock, every day (working time is elapsed time).</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(DateTimeZone.Utc, [], [], alwaysOpen: true);

    /// <summary>A calendar from opening hours and holidays.</summary>
    /// <exception cref="ArgumentException">No opening hours, an interval that closes before it opens, or overlapping intervals (all listed).</exception>
    public static BusinessCalendar Create(DateTimeZone zone, IEnumerable<OpeningHours> hours, IEnumerable<LocalDate>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return new(zone, hours, holidays ?? [], alwaysOpen: false);
    }

    /// <summary>
    /// A typical Vietnamese office: Monday–Friday 08:00–12:00 and 13:00–17:00, Saturday 08:00–12:00, in
    /// Asia/Ho_Chi_Minh, closed on the given holidays (for example Tết and the other public holidays of the year).
    /// </summary>
    public static BusinessCalendar VietnamOffice(IEnumerable<LocalDate>? holidays = null)
    {
        var hours = new List<OpeningHours>();
        for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Friday; d++)
        {
            hours.Add(new(d, new LocalTime(8, 0), new LocalTime(12, 0)));
            hours.Add(new(d, new LocalTime(13, 0), new LocalTime(17, 0)));
        }

        hours.Add(new(IsoDayOfWeek.Saturday, new LocalTime(8, 0), new LocalTime(12, 0)));
        return Create(DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"], hours, holidays);
    }

    /// <summary>This calendar with more holidays.</summary>
    public BusinessCalendar WithHolidays(IEnumerable<LocalDate> holidays)
        => _alwaysOpen ? this : new(Zone, Hours, Holidays.Union(holidays), alwaysOpen: false);

    /// <summary>
    /// Whether the business is open at an instant: its local date is not a holiday and its local time is within that
    /// day's opening hours. On a day whose clocks go back, opening hours inside the repeated hour are open twice; on a
    /// day whose clocks go forward, hours inside the skipped hour never are.
    /// </summary>
    public bool IsOpen(Instant instant)
    {
        if (_alwaysOpen)
        {
            return true;
        }

        var local = instant.InZone(Zone).LocalDateTime;
        if (Holidays.Contains(local.Date))
        {
            return false;
        }

        foreach (var (opens, closes) in _week[(int)local.DayOfWeek])
        {
            if (local.TimeOfDay >= opens && (closes == LocalTime.Midnight || local.TimeOfDay < closes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The open time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public Duration WorkingTime(Instant from, Instant to)
    {
        if (to <= from)
        {
            return Duration.Zero;
        }

        if (_alwaysOpen)
        {
            return to - from;
        }

        var total = Duration.Zero;
        var days = (int)Math.Min(int.MaxValue - 4, ((to - from).TotalDays + 4));
        foreach (var (start, end) in Intervals(from, days))
        {
            if (start >= to)
            {
                break;
            }

            var (s, e) = (Max(start, from), Min(end, to));
            if (e > s)
            {
                total += e - s;
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="working"/> open time has passed after <paramref name="from"/>.</summary>
    /// <exception cref="InvalidOperationException">The calendar has no open time within three years (holidays cover everything).</exception>
    public Instant Add(Instant from, Duration working)
    {
        if (working < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(working), working, "Working time to add must not be negative.");
        }

        if (_alwaysOpen)
        {
            return from + working;
        }

        var left = working;
        var limit = MaxDaysSearched + (int)Math.Min(1_000_000, working.TotalDays * 7);
        foreach (var (start, end) in Intervals(from, limit))
        {
            var s = Max(start, from);
            if (end <= s)
            {
                continue;
            }

            if (left == Duration.Zero)
            {
                return s;
            }

            if (end - s >= left)
            {
                return s + left;
            }

            left -= end - s;
        }

        throw new InvalidOperationException($"The business calendar has no open time within {limit} days of {from}; check its holidays.");
    }

    /// <summary>
    /// The open stretches of time (as instants, disjoint, in order) of <paramref name="days"/> local days from the day
    /// before the one holding <paramref name="from"/>. A local opening interval is the set of instants whose local
    /// time on that date lies in it: in each of the zone's offset periods it overlapping, the instants whose wall time
    /// (instant + offset) is in [opens, closes). A skipped hour contributes nothing (Berlin 02:00–02:30 on 30 March
    /// 2025 is empty), a repeated hour twice; mapping the ends with a resolver instead would count 30 minutes that did
    /// not exist. Pieces of one day can come after pieces of the next when clocks go back near midnight, so they are
    /// released only once no later day can produce an earlier one.
    /// </summary>
    private IEnumerable<(Instant Start, Instant End)> Intervals(Instant from, int days)
    {
        var date = from.InZone(Zone).Date.PlusDays(-1);
        var pending = new List<(Instant Start, Instant End)>();
        for (var i = 0; i < days; i++, date = date.PlusDays(1))
        {
            if (!Holidays.Contains(date))
            {
                foreach (var (opens, closes) in _week[(int)date.DayOfWeek])
                {
                    var end = closes == LocalTime.Midnight ? date.PlusDays(1).AtMidnight() : date + closes;
                    AddPieces(date + opens, end, pending);
                }
            }

            // Every instant of a later local date is at or after its midnight at the largest offset there is.
            var bound = date.PlusDays(1).AtMidnight().WithOffset(MaxOffset).ToInstant();
            pending.Sort();
            var released = 0;
            while (released < pending.Count && pending[released].Start < bound)
            {
                yield return pending[released++];
            }

            pending.RemoveRange(0, released);
        }

        pending.Sort();
        foreach (var piece in pending)
        {
            yield return piece;
        }
    }

    /// <summary>NodaTime's bound on UTC offsets (±18 hours).</summary>
    private static readonly Offset MaxOffset = Offset.FromHours(18);

    /// <summary>The instants whose wall time in the zone lies in [<paramref name="start"/>, <paramref name="end"/>), one piece per offset period.</summary>
    private void AddPieces(LocalDateTime start, LocalDateTime end, List<(Instant Start, Instant End)> pieces)
    {
        var last = end.WithOffset(-MaxOffset).ToInstant();
        var t = start.WithOffset(MaxOffset).ToInstant();
        while (t < last)
        {
            var period = Zone.GetZoneInterval(t);
            var s = Max(start.WithOffset(period.WallOffset).ToInstant(), period.HasStart ? period.Start : Instant.MinValue);
            var e = Min(end.WithOffset(period.WallOffset).ToInstant(), period.HasEnd ? period.End : Instant.MaxValue);
            if (e > s)
            {
                pieces.Add((s, e));
            }

            if (!period.HasEnd)
            {
                break;
            }

            t = period.End;
        }
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
