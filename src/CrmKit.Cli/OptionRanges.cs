using System.Globalization;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Cli;

/// <summary>
/// The ranges of the command line's date and day-count options, checked as the options are read (wrong usage, exit
/// code 2) and quoted by their help and docs/getting-started.md.
/// </summary>
internal static class OptionRanges
{
    /// <summary>The earliest <c>--as-of</c> date.</summary>
    public static readonly LocalDate EarliestAsOf = new(1900, 1, 1);

    /// <summary>
    /// The latest <c>--as-of</c> date. Windows, review periods, CLV horizons and agendas reach up to a century from
    /// the as-of date, and every instant they produce must stay within the calendar (which ends in 9999).
    /// </summary>
    public static readonly LocalDate LatestAsOf = new(2999, 12, 31);

    /// <summary>
    /// The day the messages about a date option show as an example when the value typed is no date at all: the sample
    /// shop's as-of day.
    /// </summary>
    public static readonly LocalDate ExampleDate = new(2026, 10, 31);

    /// <summary>The longest <c>--review-days</c> and <c>--lookback-days</c>: 36,525 days (100 years).</summary>
    public const int MaxDays = 36_525;

    /// <summary>Checks a day count given with an option.</summary>
    /// <exception cref="InvalidValueException">Outside 1 to <see cref="MaxDays"/>.</exception>
    public static int Days(string option, int days)
        => days is >= 1 and <= MaxDays
            ? days
            : throw new InvalidValueException(option, Display.Format(Strings.ErrorDaysRange, days, MaxDays));

    /// <summary>Reads an <c>--as-of</c> date (null when the option is not given); called before any work is done.</summary>
    /// <exception cref="InvalidValueException">Not a YYYY-MM-DD date, or outside <see cref="EarliestAsOf"/> to <see cref="LatestAsOf"/>.</exception>
    public static LocalDate? AsOf(string? text) => Date("--as-of", text);

    /// <summary>Reads a date given with <paramref name="option"/> (<c>--as-of</c>, <c>--from</c>, <c>--to</c>; null when not given); called before any work is done.</summary>
    /// <exception cref="InvalidValueException">Not a YYYY-MM-DD date, or outside <see cref="EarliestAsOf"/> to <see cref="LatestAsOf"/>.</exception>
    public static LocalDate? Date(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            throw new InvalidValueException(option, Display.Format(Strings.ErrorNotADate, text), DateHint(option, text));
        }

        return InRange(option, parsed.Value);
    }

    /// <summary>
    /// The accepted form of a date option with an example, in the invocation's language: the typed value itself in
    /// that form when it reads as a day-first date (<c>03/12/2026</c> → <c>2026-12-03</c>), else <see cref="ExampleDate"/>.
    /// </summary>
    public static string DateHint(string option, string? text)
        => DayFirst(text) is { } day
            ? Display.Format(Strings.ErrorUseIsoDateFrom, option, LocalDatePattern.Iso.Format(day), text)
            : Display.Format(Strings.ErrorUseIsoDate, option, LocalDatePattern.Iso.Format(ExampleDate));

    /// <summary>
    /// Reads <c>--exported-at</c>: a day (YYYY-MM-DD: the end of that day in <paramref name="zone"/>, as <c>--as-of</c>
    /// reads a day), a local time (YYYY-MM-DDTHH:mm[:ss], also with a space for the T, in <paramref name="zone"/>) or a
    /// time with its offset (<c>+07:00</c>, <c>Z</c>).
    /// </summary>
    /// <exception cref="InvalidValueException">None of those forms, or outside <see cref="EarliestAsOf"/> to <see cref="LatestAsOf"/>.</exception>
    public static Instant ExportedAt(string text, DateTimeZone zone)
    {
        const string option = "--exported-at";
        var trimmed = text.Trim();
        if (LocalDatePattern.Iso.Parse(trimmed) is { Success: true } day)
        {
            return InRange(option, day.Value).PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;
        }

        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(trimmed) is { Success: true } offset)
            {
                _ = InRange(option, offset.Value.Date);
                return offset.Value.ToInstant();
            }
        }

        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(trimmed) is { Success: true } local)
            {
                _ = InRange(option, local.Value.Date);
                return local.Value.InZoneLeniently(zone).ToInstant();
            }
        }

        throw new InvalidValueException(
            option,
            Display.Format(Strings.ErrorNotAnExportTime, text),
            Display.Format(Strings.ErrorUseExportTime, option, LocalDatePattern.Iso.Format(DayFirst(text) ?? ExampleDate)));
    }

    private static readonly LocalDateTimePattern[] LocalPatterns =
        [.. new[] { "uuuu'-'MM'-'dd'T'HH':'mm", "uuuu'-'MM'-'dd'T'HH':'mm':'ss", "uuuu'-'MM'-'dd HH':'mm", "uuuu'-'MM'-'dd HH':'mm':'ss" }.Select(p => LocalDateTimePattern.CreateWithInvariantCulture(p))];

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
        [.. new[] { "uuuu'-'MM'-'dd'T'HH':'mmo<G>", "uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>", "uuuu'-'MM'-'dd HH':'mmo<G>", "uuuu'-'MM'-'dd HH':'mm':'sso<G>", "uuuu'-'MM'-'dd HH':'mm':'ss' 'o<+HHmm>" }.Select(p => OffsetDateTimePattern.CreateWithInvariantCulture(p))];

    // A day written day first with '/', '-' or '.' (03/12/2026), the Vietnamese order, or null.
    private static LocalDate? DayFirst(string? text)
        => text is not null && LocalDatePattern.CreateWithInvariantCulture("d'/'M'/'uuuu").Parse(text.Trim().Replace('-', '/').Replace('.', '/')) is { Success: true } day ? day.Value : null;

    private static LocalDate InRange(string option, LocalDate date)
        => date >= EarliestAsOf && date <= LatestAsOf
            ? date
            // Dates as the option takes them (YYYY-MM-DD), in both languages.
            : throw new InvalidValueException(option, Display.Format(Strings.ErrorDateOutside, LocalDatePattern.Iso.Format(date), LocalDatePattern.Iso.Format(EarliestAsOf), LocalDatePattern.Iso.Format(LatestAsOf)));
}
