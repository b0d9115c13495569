using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

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
