using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// The names of the <see cref="TimeUnit"/> values in settings (<c>CrmKit:Clv:PeriodUnit</c>) and on the command line
/// (<c>--period</c>): <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c> — the value's name in lower case.
/// </summary>
public static class TimeUnits
{
    /// <summary>The ids of every unit, shortest first: <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>.</summary>
    public static ImmutableArray<string> Ids { get; } = [.. Enum.GetValues<TimeUnit>().Select(Id)];

    /// <summary>The id of a unit, e.g. <c>week</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined <see cref="TimeUnit"/>.</exception>
    public static string Id(TimeUnit unit)
        => Enum.IsDefined(unit) ? unit.ToString().ToLowerInvariant() : throw new ArgumentOutOfRangeException(nameof(unit), unit, $"{unit} is not a defined TimeUnit.");

    /// <summary>
    /// The length of a unit in days: day 1, week 7, month 365.25 / 12 = 30.4375, year 365.25 (Julian year, so that
    /// months and years average over leap years).
    /// </summary>
    /// <exception cref="InvalidValueException"><paramref name="unit"/> is not a defined <see cref="TimeUnit"/>.</exception>
    public static double Days(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => 365.25 / 12.0,
        TimeUnit.Year => 365.25,
        _ => throw new InvalidValueException("time unit", $"{unit} is not a defined TimeUnit."),
    };

    /// <summary>The unit with an id (ordinal, case-sensitive), or <see langword="null"/>.</summary>
    public static TimeUnit? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var unit in Enum.GetValues<TimeUnit>())
        {
            if (Id(unit) == id)
            {
                return unit;
            }
        }

        return null;
    }
}
