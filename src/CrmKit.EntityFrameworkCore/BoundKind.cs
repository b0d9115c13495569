namespace CrmKit.EntityFrameworkCore;

/// <summary>How the client computes the bound of a "derived whole number ≥ n" test of <see cref="SegmentSqlWriter"/>.</summary>
internal enum BoundKind
{
    /// <summary>The evaluation instant (truncated to the microsecond) minus n days: days since t ≥ n ⇔ t ≤ it.</summary>
    DaysBefore,

    /// <summary>The latest birth date of someone at least n years old on the evaluation date (<c>CalendarFacts.LatestBirthForAge</c>): age ≥ n ⇔ birth date ≤ it.</summary>
    LatestBirthForAge,
}
