using System.Globalization;
using NodaTime;

namespace CrmKit.Customers.Import;

/// <summary>
/// The built-in date and date-time forms: splitting a text into its numbers (<see cref="TryTokenize"/>), reading
/// them in a day/month order and checking them (<see cref="TryResolve"/>), and Excel serial day numbers.
/// </summary>
/// <remarks>
/// <para>Date forms, where <c>/</c> may also be <c>-</c> or <c>.</c> (the same separator twice):</para>
/// <list type="bullet">
/// <item><c>yyyy-M-d</c>: a four-digit year first, as in ISO 8601 (<c>2025-08-28</c>, <c>2025/8/28</c>);</item>
/// <item><c>d/M/yyyy</c>, <c>M/d/yyyy</c>, <c>d/M/yy</c>, <c>M/d/yy</c> (one or two digits for day and month), or
/// <c>yy/M/d</c> when the order is year first;</item>
/// <item><c>yyyyMMdd</c>: eight digits (the CDNOW data set), without a time.</item>
/// </list>
/// <para>
/// Then optionally <c>T</c> or spaces and a time <c>H:mm</c>, <c>H:mm:ss</c> or <c>H:mm:ss.fffffffff</c> (<c>.</c> or
/// <c>,</c> before the fraction), optionally followed by AM/PM (<c>AM</c>, <c>PM</c>, <c>A.M.</c>, <c>P.M.</c>, or the
/// Vietnamese <c>SA</c>/<c>CH</c>), then optionally a UTC offset <c>Z</c>, <c>+07:00</c>, <c>+0700</c> or <c>+07</c>,
/// with or without a space before it (Shopify writes <c>2025-08-28 19:09:00 +0700</c>).
/// </para>
/// <para>
/// Two-digit years: <c>00</c>–<c>69</c> are 2000–2069 and <c>70</c>–<c>99</c> are 1970–1999, the pivot of POSIX
/// <c>strptime</c>'s <c>%y</c>: shop data is recent, and birth years of living customers reach back to the 1930s only
/// when written with four digits.
/// </para>
/// </remarks>
internal static class DateTimeText
{
    /// <summary>The last two-digit year read in the 2000s (<c>69</c> → 2069, <c>70</c> → 1970).</summary>
    public const int LastTwoDigitYearOf2000s = 69;

    /// <summary>The first Excel serial day number: 1 = 1900-01-01.</summary>
    public const int FirstExcelSerial = 1;

    /// <summary>The last Excel serial day number: 2958465 = 9999-12-31.</summary>
    public const int LastExcelSerial = 2_958_465;

    /// <summary>The serial Excel gives to 29 February 1900, a day that did not exist.</summary>
    public const int ExcelPhantomLeapDay = 60;

    /// <summary>A two-digit year in its century (see <see cref="LastTwoDigitYearOf2000s"/>).</summary>
    public static int ExpandTwoDigitYear(int year) => year <= LastTwoDigitYearOf2000s ? 2000 + year : 1900 + year;

    /// <summary>Splits <paramref name="text"/> into the numbers of one of the built-in forms; false when it has none of their shapes.</summary>
    public static bool TryTokenize(ReadOnlySpan<char> text, out DateTimeParts parts)
    {
        parts = default;
        var i = 0;
        var a = ReadDigits(text, ref i, out var aLength);
        if (aLength == 8)
        {
            if (i != text.Length)
            {
                return false;
            }

            parts = new DateTimeParts(DateTimeParts.Shape.YearFirst, a / 10_000, a / 100 % 100, a % 100, 4, 2, null, null);
            return true;
        }

        if (aLength is not (1 or 2 or 4) || i >= text.Length || text[i] is not ('/' or '-' or '.'))
        {
            return false;
        }

        var separator = text[i++];
        var b = ReadDigits(text, ref i, out var bLength);
        if (bLength is not (1 or 2) || i >= text.Length || text[i] != separator)
        {
            return false;
        }

        i++;
        var c = ReadDigits(text, ref i, out var cLength);
        var shape = aLength == 4 ? DateTimeParts.Shape.YearFirst : DateTimeParts.Shape.Numeric;
        if (shape == DateTimeParts.Shape.YearFirst ? cLength is not (1 or 2) : cLength is not (2 or 4))
        {
            return false;
        }

        DateTimeParts.TimeOfDay? time = null;
        DateTimeParts.UtcOffset? offset = null;
        if (i < text.Length && !TryTokenizeTime(text, ref i, out time, out offset))
        {
            return false;
        }

        parts = new DateTimeParts(shape, a, b, c, aLength, cLength, time, offset);
        return true;
    }

    /// <summary>
    /// Reads tokenized numbers in <paramref name="order"/> (which matters only for the numeric shape) and checks
    /// them; on failure <paramref name="problem"/> completes "'…' " (e.g. <c>is not a date: February 2025 has 28 days</c>).
    /// </summary>
    public static bool TryResolve(in DateTimeParts parts, DateOrder order, out LocalDate date, out LocalTime? time, out Offset? offset, out string? problem)
    {
        date = default;
        time = null;
        offset = null;
        int year, month, day;
        if (parts.Kind == DateTimeParts.Shape.YearFirst)
        {
            (year, month, day) = (parts.A, parts.B, parts.C);
        }
        else
        {
            switch (order)
            {
                case DateOrder.YearFirst when parts.CLength == 4:
                    problem = "is not a year-first date (yy/M/d): its year comes last";
                    return false;
                case DateOrder.YearFirst:
                    (year, month, day) = (ExpandTwoDigitYear(parts.A), parts.B, parts.C);
                    break;
                case DateOrder.MonthFirst:
                    (year, month, day) = (Year(parts), parts.A, parts.B);
                    break;
                case DateOrder.DayFirst:
                    (year, month, day) = (Year(parts), parts.B, parts.A);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(order), order, "A numeric date is read in a definite order.");
            }
        }

        problem = DateProblem(year, month, day);
        if (problem is not null)
        {
            problem = "is not a date: " + problem;
            return false;
        }

        date = new LocalDate(year, month, day);
        if (parts.Time is { } t)
        {
            problem = TimeProblem(t, out var timeOfDay);
            if (problem is not null)
            {
                problem = "is not a date-time: " + problem;
                return false;
            }

            time = timeOfDay;
        }

        if (parts.Offset is { } o)
        {
            if (o.Minutes > 59 || o.Hours * 60 + o.Minutes > 18 * 60)
            {
                problem = $"is not a date-time: {(o.Negative ? '-' : '+')}{o.Hours:00}:{o.Minutes:00} is not a UTC offset (they lie within ±18:00)";
                return false;
            }

            var seconds = (o.Hours * 3600 + o.Minutes * 60) * (o.Negative ? -1 : 1);
            offset = Offset.FromSeconds(seconds);
        }

        problem = null;
        return true;
    }

    /// <summary>Why a year, month and day are no date (<c>February 2025 has 28 days</c>), or <see langword="null"/> when they are one.</summary>
    public static string? DateProblem(int year, int month, int day)
    {
        if (year is < 1 or > 9999)
        {
            return $"there is no year {year}";
        }

        if (month is < 1 or > 12)
        {
            return $"there is no month {month}";
        }

        if (day < 1)
        {
            return $"there is no day {day}";
        }

        var days = CalendarSystem.Iso.GetDaysInMonth(year, month);
        return day > days
            ? $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month)} {year} has {days} days"
            : null;
    }

    /// <summary>Whether <paramref name="text"/> has the shape of an Excel serial day number: 1–7 digits, optionally a fraction after <c>.</c> or <c>,</c>.</summary>
    public static bool IsExcelSerialShape(ReadOnlySpan<char> text)
    {
        var i = 0;
        _ = ReadDigits(text, ref i, out var whole);
        if (whole is < 1 or > 7)
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        if (text[i] is not ('.' or ','))
        {
            return false;
        }

        var fraction = text[(i + 1)..];
        return fraction.Length is >= 1 and <= 20 && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// Reads an Excel serial day number of the 1900 date system: the whole part counts days (1 = 1900-01-01;
    /// Excel counts a 29 February 1900 that did not exist as day 60, so days from 61 on are one less since
    /// 1899-12-30), the fraction is the time of day, rounded to the millisecond (Excel stores it as a binary
    /// fraction: <c>0.35138888…</c> is 08:26:00.000).
    /// </summary>
    /// <param name="text">A text of <see cref="IsExcelSerialShape">the serial shape</see>.</param>
    /// <param name="date">The day.</param>
    /// <param name="time">The time of day, or <see langword="null"/> for a whole number.</param>
    /// <param name="problem">Why it is no day (completes "'…' "), when false.</param>
    public static bool TryReadExcelSerial(ReadOnlySpan<char> text, out LocalDate date, out LocalTime? time, out string? problem)
    {
        date = default;
        time = null;
        Span<char> invariant = stackalloc char[text.Length];
        text.CopyTo(invariant);
        invariant.Replace(',', '.');
        var serial = decimal.Parse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var whole = (int)decimal.Floor(serial);
        var milliseconds = (long)decimal.Round((serial - whole) * 86_400_000m, MidpointRounding.AwayFromZero);
        if (whole < FirstExcelSerial)
        {
            problem = $"is not a date: Excel serial day numbers start at {FirstExcelSerial} (1900-01-01)";
            return false;
        }

        if (whole == ExcelPhantomLeapDay)
        {
            problem = $"is not a date: Excel's day {ExcelPhantomLeapDay} is 29 February 1900, a day that did not exist (Excel counts 1900 as a leap year)";
            return false;
        }

        if (whole > LastExcelSerial || (whole == LastExcelSerial && milliseconds == 86_400_000))
        {
            problem = $"is not a date: Excel serial day numbers end at {LastExcelSerial} (9999-12-31)";
            return false;
        }

        date = whole < ExcelPhantomLeapDay ? new LocalDate(1899, 12, 31).PlusDays(whole) : new LocalDate(1899, 12, 30).PlusDays(whole);
        if (milliseconds == 86_400_000)
        {
            date = date.PlusDays(1);
            time = LocalTime.Midnight;
        }
        else if (milliseconds > 0)
        {
            time = LocalTime.Midnight.PlusMilliseconds(milliseconds);
        }

        problem = null;
        return true;
    }

    private static int Year(in DateTimeParts parts) => parts.CLength == 2 ? ExpandTwoDigitYear(parts.C) : parts.C;

    private static string? TimeProblem(DateTimeParts.TimeOfDay t, out LocalTime time)
    {
        time = default;
        var hour = t.Hour;
        if (t.Meridiem != DateTimeParts.Meridiem.None)
        {
            if (hour is < 1 or > 12)
            {
                return $"{hour} is not an hour of a 12-hour clock (1–12)";
            }

            hour = (hour % 12) + (t.Meridiem == DateTimeParts.Meridiem.Pm ? 12 : 0);
        }
        else if (hour > 23)
        {
            return $"{hour} is not an hour (0–23)";
        }

        if (t.Minute > 59)
        {
            return $"{t.Minute} is not a minute (0–59)";
        }

        if (t.Second > 59)
        {
            return $"{t.Second} is not a second (0–59)";
        }

        time = new LocalTime(hour, t.Minute, t.Second).PlusNanoseconds(t.Nanosecond);
        return null;
    }

    // H:mm[:ss[.f…]] [AM|PM|A.M.|P.M.|SA|CH] [Z|±HH[[:]mm]] after 'T' or spaces.
    private static bool TryTokenizeTime(ReadOnlySpan<char> text, ref int i, out DateTimeParts.TimeOfDay? time, out DateTimeParts.UtcOffset? offset)
    {
        time = null;
        offset = null;
        if (text[i] is 'T' or 't')
        {
            i++;
        }
        else if (char.IsWhiteSpace(text[i]))
        {
            SkipSpaces(text, ref i);
        }
        else
        {
            return false;
        }

        var hour = ReadDigits(text, ref i, out var hourLength);
        if (hourLength is not (1 or 2) || !Expect(text, ref i, ':'))
        {
            return false;
        }

        var minute = ReadDigits(text, ref i, out var minuteLength);
        if (minuteLength != 2)
        {
            return false;
        }

        var second = 0;
        var nanosecond = 0;
        if (Expect(text, ref i, ':'))
        {
            second = ReadDigits(text, ref i, out var secondLength);
            if (secondLength != 2)
            {
                return false;
            }

            if (i < text.Length && text[i] is '.' or ',')
            {
                i++;
                var start = i;
                nanosecond = ReadDigits(text, ref i, out var fractionLength);
                if (fractionLength is < 1 or > 9)
                {
                    return false;
                }

                for (var k = i - start; k < 9; k++)
                {
                    nanosecond *= 10;
                }
            }
        }

        SkipSpaces(text, ref i);
        var meridiem = ReadMeridiem(text, ref i);
        time = new DateTimeParts.TimeOfDay(hour, minute, second, nanosecond, meridiem);
        SkipSpaces(text, ref i);
        if (i == text.Length)
        {
            return true;
        }

        if (text[i] is 'Z' or 'z' && i == text.Length - 1)
        {
            offset = new DateTimeParts.UtcOffset(false, 0, 0);
            return true;
        }

        if (text[i] is not ('+' or '-' or '\u2212'))
        {
            return false;
        }

        var negative = text[i++] != '+';
        var offsetHours = ReadDigits(text, ref i, out var offsetLength);
        var offsetMinutes = 0;
        switch (offsetLength)
        {
            case 2:
                if (Expect(text, ref i, ':'))
                {
                    offsetMinutes = ReadDigits(text, ref i, out var minutesLength);
                    if (minutesLength != 2)
                    {
                        return false;
                    }
                }

                break;
            case 4:
                (offsetHours, offsetMinutes) = (offsetHours / 100, offsetHours % 100);
                break;
            default:
                return false;
        }

        offset = new DateTimeParts.UtcOffset(negative, offsetHours, offsetMinutes);
        return i == text.Length;
    }

    private static DateTimeParts.Meridiem ReadMeridiem(ReadOnlySpan<char> text, ref int i)
    {
        ReadOnlySpan<(string Text, DateTimeParts.Meridiem Meridiem)> designators =
        [
            ("A.M.", DateTimeParts.Meridiem.Am), ("P.M.", DateTimeParts.Meridiem.Pm), ("AM", DateTimeParts.Meridiem.Am),
            ("PM", DateTimeParts.Meridiem.Pm), ("SA", DateTimeParts.Meridiem.Am), ("CH", DateTimeParts.Meridiem.Pm),
        ];
        foreach (var (designator, meridiem) in designators)
        {
            if (text[i..].StartsWith(designator, StringComparison.OrdinalIgnoreCase))
            {
                var end = i + designator.Length;
                if (end == text.Length || !char.IsLetter(text[end]))
                {
                    i = end;
                    return meridiem;
                }
            }
        }

        return DateTimeParts.Meridiem.None;
    }

    private static bool Expect(ReadOnlySpan<char> text, ref int i, char c)
    {
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static void SkipSpaces(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    // Reads a run of ASCII digits (its value, when it has at most 9 digits) and its length.
    private static int ReadDigits(ReadOnlySpan<char> text, ref int i, out int length)
    {
        var start = i;
        var value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (i - start < 9)
            {
                value = value * 10 + (text[i] - '0');
            }

            i++;
        }

        length = i - start;
        return value;
    }
}
