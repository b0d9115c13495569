using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// Which yearly occasions can have a reminder day in a date range when the reminder is <c>offsetDays</c> after the
/// occasion (negative: before). Every yearly occasion CrmKit knows (an anniversary, Tết) falls inside its own
/// Gregorian year, so the occasion day of a reminder on day <c>d</c> is <c>d − offsetDays</c> and its year is the
/// year of that day: an offset that crosses New Year moves the occasion into the next (or previous) year, which
/// is the year to look in — not the reminder's own year.
/// </summary>
internal static class OccasionYears
{
    /// <summary>
    /// The Gregorian years (ascending) of the occasions whose reminder day, <paramref name="offsetDays"/> after the
    /// occasion, can fall within [<paramref name="from"/>, <paramref name="to"/>]; empty when they would lie outside
    /// the ISO calendar's range. The range is exact up to one year on each side (the caller filters by day).
    /// </summary>
    public static IEnumerable<int> Covering(LocalDate from, LocalDate to, int offsetDays)
    {
        // Occasion day = d − offset for d in [from, to]: years (from − offset).Year to (to − offset).Year. Moving k days
        // moves the year by between floor(k / 365) − 1 and ceil(k / 365), so these bounds hold them with a year to
        // spare on each side; whole-year arithmetic (no PlusDays) keeps any int offset from overflowing the calendar.
        var shift = -(long)offsetDays;
        var low = from.Year + (long)Math.Floor(shift / 365.0) - 1;
        var high = to.Year + (long)Math.Ceiling(shift / 365.0) + 1;
        var min = CalendarSystem.Iso.MinYear + 1;
        var max = CalendarSystem.Iso.MaxYear - 1;
        for (var year = Math.Max(low, min); year <= Math.Min(high, max); year++)
        {
            yield return (int)year;
        }
    }
}
