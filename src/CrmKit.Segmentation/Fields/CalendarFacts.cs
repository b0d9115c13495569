using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>Calendar arithmetic shared by every evaluator.</summary>
public static class CalendarFacts
{
    internal const long TicksPerDay = NodaConstants.TicksPerDay;

    /// <summary>
    /// Whole years from <paramref name="birth"/> to <paramref name="today"/>, or <see langword="null"/> when
    /// <paramref name="birth"/> is after <paramref name="today"/>. Someone born on 29 February turns a year
    /// older on 28 February in common years (as <see cref="Period.Between(LocalDate, LocalDate, PeriodUnits)"/>).
    /// </summary>
    public static int? Age(LocalDate birth, LocalDate today)
    {
        if (birth > today)
        {
            return null;
        }

        // Same as "birth.PlusYears(years) > today ? years - 1 : years" without the calendar arithmetic.
        var years = today.Year - birth.Year;
        var (month, day) = (birth.Month, birth.Day);
        if (month == 2 && day == 29 && !birth.Calendar.IsLeapYear(today.Year))
        {
            day = 28;
        }

        return today.Month < month || (today.Month == month && today.Day < day) ? years - 1 : years;
    }

    /// <summary>
    /// Days from <paramref name="today"/> to the next anniversary of <paramref name="date"/> (0 when it is
    /// today). A 29 February anniversary falls on 28 February in common years.
    /// </summary>
    public static int DaysUntilAnniversary(LocalDate date, LocalDate today)
    {
        var next = date.PlusYears(today.Year - date.Year);
        if (next < today)
        {
            next = date.PlusYears(today.Year + 1 - date.Year);
        }

        return Period.DaysBetween(today, next);
    }

    /// <summary>Whole 24-hour days from <paramref name="then"/> to the context's instant (never negative for past instants).</summary>
    public static long DaysSince(Instant then, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.AsOfTicks - then.ToUnixTimeTicks()) / TicksPerDay;
    }

    /// <summary>
    /// The latest birth date of someone at least <paramref name="years"/> old on <paramref name="today"/>:
    /// age ≥ years ⇔ birth ≤ this date (ages are monotone in the birth date).
    /// </summary>
    public static LocalDate LatestBirthForAge(int years, LocalDate today)
    {
        var candidate = today.PlusYears(-years);
        while (Age(candidate.PlusDays(1), today) >= years)
        {
            candidate = candidate.PlusDays(1);
        }

        while (!(Age(candidate, today) >= years))
        {
            candidate = candidate.PlusDays(-1);
        }

        return candidate;
    }
}
