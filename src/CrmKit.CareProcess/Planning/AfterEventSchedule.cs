using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Some days after a customer event (0: the same day).</summary>
/// <param name="Event">The event.</param>
/// <param name="Days">Days after it.</param>
/// <param name="At">The local time.</param>
public sealed record AfterEventSchedule(CadenceEvent Event, int Days, LocalTime At) : CareSchedule
{
    internal override IEnumerable<LocalDate> Dates(CareSubject subject, LocalDate from, LocalDate to, OccasionCalendar occasions)
    {
        LocalDate? date = Event switch
        {
            CadenceEvent.FirstOrder => subject.FirstOrderAt?.InZone(subject.Zone).Date,
            CadenceEvent.LastOrder => subject.LastOrderAt?.InZone(subject.Zone).Date,
            CadenceEvent.Joined => subject.JoinedOn,
            _ => throw new UnreachableException($"CadenceEvent {Event} has no date."),
        };
        return date?.PlusDays(Days) is { } d && d >= from && d <= to ? [d] : [];
    }
}
