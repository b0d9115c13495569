using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>When a cadence's action is due, at a local time in the customer's zone.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AfterEventSchedule), "afterEvent")]
[JsonDerivedType(typeof(OccasionSchedule), "occasion")]
[JsonDerivedType(typeof(EverySchedule), "every")]
public abstract record CareSchedule
{
    private protected CareSchedule()
    {
    }

    /// <summary>The local time of day.</summary>
    public abstract LocalTime At { get; init; }

    /// <summary>The local dates, within [<paramref name="from"/>, <paramref name="to"/>], on which the action is due for a customer.</summary>
    internal abstract IEnumerable<LocalDate> Dates(CareSubject subject, LocalDate from, LocalDate to, OccasionCalendar occasions);
}
