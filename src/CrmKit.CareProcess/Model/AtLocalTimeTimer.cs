using CrmKit.CareProcess.Localization;
using CrmKit.Localization;
using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// At a local time in the customer's zone on a date held in the instance's data — every year on its anniversary
/// (a birthday) or once — optionally some days before or after. A 29 February anniversary falls on 28 February in
/// other years; a local time that does not exist on a daylight-saving day moves forward by the gap.
/// </summary>
/// <param name="DateData">The data value holding the date.</param>
/// <param name="Time">The local time.</param>
/// <param name="OffsetDays">
/// Days after (negative: before) the date, within ±<see cref="ProcessLimits.MaxOffsetDays"/> (checked by the validator). A yearly
/// timer is due at the first reminder after the instance entered the state, whichever year its occasion is in:
/// 30 days before a 10 January birthday, entered on 20 December 2025, is due on 11 December 2026 (the reminder for
/// 10 January 2026 fell before entry).
/// </param>
/// <param name="EveryYear">Whether the date recurs yearly.</param>
public sealed record AtLocalTimeTimer(string DateData, LocalTime Time, int OffsetDays = 0, bool EveryYear = true) : Timer
{
    /// <inheritdoc/>
    public override string Describe()
    {
        var offset = OffsetDays switch
        {
            0 => "",
            > 0 => $"{OffsetDays} d after ",
            _ => $"{-OffsetDays} d before ",
        };
        return $"at {Time:HH:mm} local {offset}{(EveryYear ? "each " : "")}{DateData}";
    }

    /// <inheritdoc/>
    private protected override string LocalizedDescription(CultureInfo culture)
    {
        var table = Messages.ResourceManager;
        var date = MessageTable.Format(table, EveryYear ? "Timer_DateEachYear" : "Timer_Date", culture, DateData);
        var when = OffsetDays switch
        {
            0 => date,
            > 0 => MessageTable.Format(table, "Timer_DaysAfter", culture, OffsetDays, date),
            _ => MessageTable.Format(table, "Timer_DaysBefore", culture, -OffsetDays, date),
        };
        return MessageTable.Format(table, "Timer_AtLocalTime", culture, Time.ToString("HH:mm", CultureInfo.InvariantCulture), when);
    }
}
