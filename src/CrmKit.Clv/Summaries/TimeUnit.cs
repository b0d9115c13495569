using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Summaries;

/// <summary>The unit in which recency, age and durations are expressed.</summary>
public enum TimeUnit
{
    /// <summary>Days.</summary>
    Day,

    /// <summary>Weeks of 7 days (the unit of the CDNOW literature).</summary>
    Week,

    /// <summary>Months of 365.25 / 12 = 30.4375 days.</summary>
    Month,

    /// <summary>Years of 365.25 days (the unit of yearly occasions such as annual donations).</summary>
    Year,
}
