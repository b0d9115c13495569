using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Some days before a yearly occasion (0: on the day).</summary>
/// <param name="Occasion">The occasion.</param>
/// <param name="DaysBefore">Days before it.</param>
/// <param name="At">The local time.</param>
public sealed record OccasionSchedule(Occasion Occasion, int DaysBefore, LocalTime At) : CareSchedule
{
    internal override IEnumerable<LocalDate> Dates(CareSubject subject, LocalDate from, LocalDate to, OccasionCalendar occasions)
    {
        // The reminder is DaysBefore days before the occasion: a reminder in December can be for a January
        // occasion of the next year, one in January (DaysBefore < 0: after) for a December occasion of the year before.
        foreach (var year in OccasionYears.Covering(from, to, -DaysBefore))
        {
            LocalDate? day = Occasion switch
            {
                Occasion.Birthday => subject.BirthDate is { } b ? ProcessDefinition.Anniversary(b, year) : null,
                Occasion.JoinAnniversary => year > subject.JoinedOn.Year ? ProcessDefinition.Anniversary(subject.JoinedOn, year) : null,
                Occasion.Tet => occasions.Tet(year),
                _ => throw new UnreachableException($"Occasion {Occasion} has no date."),
            };
            if (day?.PlusDays(-DaysBefore) is { } d && d >= from && d <= to)
            {
                yield return d;
            }
        }
    }
}
