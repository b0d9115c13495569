using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>Where and how an instance runs: the customer's zone (for local-time timers) and the business hours.</summary>
/// <param name="Zone">The zone local-time timers use.</param>
/// <param name="Calendar">The business-hours calendar for timers counted in business hours.</param>
public sealed record ProcessEnvironment(DateTimeZone Zone, BusinessCalendar Calendar)
{
    /// <summary>UTC, always open.</summary>
    public static ProcessEnvironment Default { get; } = new(DateTimeZone.Utc, BusinessCalendar.AlwaysOpen);
}
