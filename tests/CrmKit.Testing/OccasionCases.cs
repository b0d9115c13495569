using CrmKit.Segmentation;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmKit.Testing;

/// <summary>
/// Cases for "days until the birthday / anniversary" rules around New Year and the end of February, and the
/// reference: a day-by-day search that knows nothing about years (shared with the PostgreSQL tests).
/// </summary>
public static class OccasionCases
{
    /// <summary>
    /// A birthday or anniversary and an evaluation day around New Year or the end of February, with a bound in
    /// [−366, 366] for "within N days" rules.
    /// </summary>
    public static Arbitrary<(LocalDate Date, LocalDate Today, int Bound, ComparisonOperator Op)> AroundNewYear { get; } =
        (from date in Gen.OneOf(Gen.Choose(0, 366 * 4).Select(d => new LocalDate(1992, 1, 1).PlusDays(d)), Gen.Elements(new LocalDate(1996, 2, 29), new LocalDate(1990, 1, 1), new LocalDate(1990, 12, 31), new LocalDate(1990, 1, 10)))
         from year in Gen.Choose(2023, 2029)
         from day in Gen.OneOf(Gen.Choose(-45, 45).Select(d => new LocalDate(year, 1, 1).PlusDays(d)), Gen.Choose(-3, 3).Select(d => new LocalDate(year, 3, 1).PlusDays(d)), Gen.Choose(0, 365).Select(d => new LocalDate(year, 1, 1).PlusDays(d)))
         from bound in Gen.OneOf(Gen.Choose(-366, 366), Gen.Elements(-1, 0, 1, 6, 21, 30, 364, 365, 366))
         from op in Gen.Elements(ComparisonOperator.LessThanOrEqual, ComparisonOperator.LessThan, ComparisonOperator.Equal, ComparisonOperator.GreaterThanOrEqual, ComparisonOperator.GreaterThan, ComparisonOperator.NotEqual)
         select (date, day, bound, op)).ToArbitrary();

    /// <summary>Days to the next anniversary by walking forward a day at a time (29 February: 28 February in common years).</summary>
    public static int DaysUntilBySearch(LocalDate date, LocalDate today)
    {
        for (var (day, n) = (today, 0); ; (day, n) = (day.PlusDays(1), n + 1))
        {
            var anniversary = date.Month == 2 && date.Day == 29 && !DateTime.IsLeapYear(day.Year) ? new LocalDate(day.Year, 2, 28) : new LocalDate(day.Year, date.Month, date.Day);
            if (day == anniversary)
            {
                return n;
            }
        }
    }


    /// <summary>What a comparison of the searched day count with the bound says.</summary>
    public static bool Expected(int days, ComparisonOperator op, int bound) => op switch
    {
        ComparisonOperator.LessThanOrEqual => days <= bound,
        ComparisonOperator.LessThan => days < bound,
        ComparisonOperator.Equal => days == bound,
        ComparisonOperator.GreaterThanOrEqual => days >= bound,
        ComparisonOperator.GreaterThan => days > bound,
        ComparisonOperator.NotEqual => days != bound,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not generated"),
    };
}
