using System.Collections.Immutable;
using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

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
