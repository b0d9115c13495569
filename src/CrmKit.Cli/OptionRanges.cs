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
            throw new InvalidValueException(option, Display.Format(Strings.ErrorNotADate, text), Strings.ErrorUseIsoDate);
        }

        var date = parsed.Value;
        return date >= EarliestAsOf && date <= LatestAsOf
            ? date
            // Dates as the option takes them (YYYY-MM-DD), in both languages.
            : throw new InvalidValueException(option, Display.Format(Strings.ErrorDateOutside, LocalDatePattern.Iso.Format(date), LocalDatePattern.Iso.Format(EarliestAsOf), LocalDatePattern.Iso.Format(LatestAsOf)));
    }
}
