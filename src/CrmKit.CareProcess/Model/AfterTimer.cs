using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;
using CrmKit.CareProcess.Localization;
using CrmKit.Localization;

namespace CrmKit.CareProcess;

/// <summary>After a time spent in the state, optionally counted on the business-hours calendar.</summary>
/// <param name="Delay">How long.</param>
/// <param name="BusinessHours">Count only open hours of the environment's <see cref="BusinessCalendar"/>.</param>
public sealed record AfterTimer(Duration Delay, bool BusinessHours = false) : Timer
{
    /// <inheritdoc/>
    public override string Describe() => $"after {Format(Delay)}{(BusinessHours ? " (business hours)" : "")}";

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture)
        => MessageTable.Format(Messages.ResourceManager, BusinessHours ? "Timer_AfterBusinessHours" : "Timer_After", culture, FormatIn(Delay, culture));

    // "90 ngày", "4 giờ", "30 phút": the delay in the culture's words (one day and several have their own messages, for plurals).
    internal static string FormatIn(Duration d, CultureInfo culture)
    {
        if (d.TotalDays >= 1 && d.Minus(Duration.FromDays(d.Days)) == Duration.Zero)
        {
            return d.Days == 1 ? MessageTable.Text(Messages.ResourceManager, "Duration_OneDay", culture) : MessageTable.Format(Messages.ResourceManager, "Duration_Days", culture, d.Days);
        }

        if (d.TotalHours >= 1 && d.Minus(Duration.FromHours((long)d.TotalHours)) == Duration.Zero)
        {
            return MessageTable.Format(Messages.ResourceManager, "Duration_Hours", culture, (long)d.TotalHours);
        }

        return MessageTable.Format(Messages.ResourceManager, "Duration_Minutes", culture, d.TotalMinutes.ToString("0.##", culture));
    }

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
