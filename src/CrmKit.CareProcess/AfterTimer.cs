using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>After a time spent in the state, optionally counted on the business-hours calendar.</summary>
/// <param name="Delay">How long.</param>
/// <param name="BusinessHours">Count only open hours of the environment's <see cref="BusinessCalendar"/>.</param>
public sealed record AfterTimer(Duration Delay, bool BusinessHours = false) : Timer
{
    /// <inheritdoc/>
    public override string Describe() => $"after {Format(Delay)}{(BusinessHours ? " (business hours)" : "")}";

    internal static string Format(Duration d)
    {
        if (d.TotalDays >= 1 && d.Minus(Duration.FromDays(d.Days)) == Duration.Zero)
        {
            return d.Days == 1 ? "1 day" : $"{d.Days} days";
        }

        if (d.TotalHours >= 1 && d.Minus(Duration.FromHours((long)d.TotalHours)) == Duration.Zero)
        {
            return $"{(long)d.TotalHours} h";
        }

        return $"{d.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
    }
}
