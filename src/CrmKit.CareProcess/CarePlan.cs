using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>What a cadence does: a message or call from a template, on a channel, for a purpose.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Purpose">Marketing or transactional (decides consent and caps).</param>
/// <param name="Template">The host's template id.</param>
public sealed record CareAction(ContactChannel Channel, ContactPurpose Purpose, string Template);

/// <summary>Customer events a cadence can follow.</summary>
public enum CadenceEvent
{
    /// <summary>The customer's first completed order.</summary>
    FirstOrder,

    /// <summary>The customer's latest completed order.</summary>
    LastOrder,

    /// <summary>The day the customer joined.</summary>
    Joined,
}

/// <summary>Yearly occasions.</summary>
public enum Occasion
{
    /// <summary>The customer's birthday (29 February: 28 February in other years).</summary>
    Birthday,

    /// <summary>Lunar New Year (Tết Nguyên Đán), from <see cref="OccasionCalendar"/>.</summary>
    Tet,

    /// <summary>The anniversary of the day the customer joined.</summary>
    JoinAnniversary,
}

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
            _ => subject.JoinedOn,
        };
        return date?.PlusDays(Days) is { } d && d >= from && d <= to ? [d] : [];
    }
}

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
                _ => occasions.Tet(year),
            };
            if (day?.PlusDays(-DaysBefore) is { } d && d >= from && d <= to)
            {
                yield return d;
            }
        }
    }
}

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

/// <summary>One line of a care plan: an action and when it is due.</summary>
/// <param name="Id">The cadence id (part of the idempotency key).</param>
/// <param name="Action">What to do.</param>
/// <param name="Schedule">When.</param>
public sealed record Cadence(string Id, CareAction Action, CareSchedule Schedule);

/// <summary>
/// The care standard for some segments: what to send or do, on which channel and when. A customer in several
/// plans receives all of them; when the contact policy cannot let everything through, higher-priority plans go
/// first, and the same template on the same channel and day is sent once (by the higher-priority plan).
/// </summary>
/// <param name="Id">The plan id.</param>
/// <param name="Name">The name shown to staff.</param>
/// <param name="Priority">Higher goes first.</param>
public sealed record CarePlan(string Id, string Name, int Priority)
{
    /// <summary>The segments whose members the plan covers (any of them).</summary>
    public ImmutableArray<string> Segments { get; init; } = [];

    /// <summary>The cadences.</summary>
    public ImmutableArray<Cadence> Cadences { get; init; } = [];

    /// <summary>Whether a customer is covered.</summary>
    public bool Covers(SegmentMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        foreach (var s in Segments)
        {
            if (membership.Contains(s))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Dates of yearly occasions that do not follow the Gregorian calendar. Tết (the first day of the lunar year in
/// Vietnam, UTC+7) is listed for 2020–2030 from the Vietnamese lunar calendar; add later years with
/// <see cref="WithTet(int, LocalDate)"/>. A year without a date has no Tết occasion.
/// </summary>
public sealed class OccasionCalendar
{
    private readonly ImmutableDictionary<int, LocalDate> _tet;

    private OccasionCalendar(ImmutableDictionary<int, LocalDate> tet) => _tet = tet;

    /// <summary>Tết 2020–2030.</summary>
    public static OccasionCalendar Default { get; } = new(new Dictionary<int, LocalDate>
    {
        [2020] = new(2020, 1, 25),
        [2021] = new(2021, 2, 12),
        [2022] = new(2022, 2, 1),
        [2023] = new(2023, 1, 22),
        [2024] = new(2024, 2, 10),
        [2025] = new(2025, 1, 29),
        [2026] = new(2026, 2, 17),
        [2027] = new(2027, 2, 6),
        [2028] = new(2028, 1, 26),
        [2029] = new(2029, 2, 13),
        [2030] = new(2030, 2, 3),
    }.ToImmutableDictionary());

    /// <summary>The first day of Tết in a Gregorian year, if known.</summary>
    public LocalDate? Tet(int year) => _tet.TryGetValue(year, out var d) ? d : null;

    /// <summary>This calendar with Tết on <paramref name="date"/> in <paramref name="year"/>.</summary>
    public OccasionCalendar WithTet(int year, LocalDate date)
        => date.Year != year ? throw new ArgumentException($"Tết {year} must fall in {year}, not on {date}.", nameof(date)) : new(_tet.SetItem(year, date));
}
