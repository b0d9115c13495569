using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Every N days, counted from the day the customer joined.</summary>
/// <param name="Days">The period in days.</param>
/// <param name="At">The local time.</param>
public sealed record EverySchedule(int Days, LocalTime At) : CareSchedule
{
    internal override IEnumerable<LocalDate> Dates(CareSubject subject, LocalDate from, LocalDate to, OccasionCalendar occasions)
    {
        if (Days <= 0)
        {
            yield break;
        }

        var since = Period.Between(subject.JoinedOn, from, PeriodUnits.Days).Days;
        var k = Math.Max(1, (since + Days - 1) / Days);
        for (var d = subject.JoinedOn.PlusDays(k * Days); d <= to; d = d.PlusDays(Days))
        {
            if (d >= from)
            {
                yield return d;
            }
        }
    }
}
