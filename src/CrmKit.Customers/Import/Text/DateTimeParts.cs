namespace CrmKit.Customers.Import;

/// <summary>
/// The numbers of a date or date-time as written, before day and month are told apart and checked:
/// <c>12/1/10 8:26</c> → A 12, B 1, C 10 (two digits), 08:26.
/// </summary>
/// <param name="Kind">The shape of the date part.</param>
/// <param name="A">The first number of the date.</param>
/// <param name="B">The second number of the date.</param>
/// <param name="C">The third number of the date.</param>
/// <param name="ALength">How many digits <paramref name="A"/> was written with.</param>
/// <param name="CLength">How many digits <paramref name="C"/> was written with.</param>
/// <param name="Time">The time of day as written, if any.</param>
/// <param name="Offset">The UTC offset as written, if any.</param>
internal readonly record struct DateTimeParts(
    DateTimeParts.Shape Kind,
    int A,
    int B,
    int C,
    int ALength,
    int CLength,
    DateTimeParts.TimeOfDay? Time,
    DateTimeParts.UtcOffset? Offset)
{
    /// <summary>The shape of the date part.</summary>
    public enum Shape
    {
        /// <summary>Year, month, day with a four-digit year first: <c>2025-08-28</c>, <c>2025/8/28</c>, <c>20250828</c>.</summary>
        YearFirst,

        /// <summary>Two numbers of one or two digits, then a two- or four-digit number: <c>28/08/2025</c>, <c>12/1/10</c>.</summary>
        Numeric,
    }

    /// <summary>AM/PM as written.</summary>
    public enum Meridiem
    {
        /// <summary>A 24-hour clock.</summary>
        None,

        /// <summary><c>AM</c>, <c>A.M.</c> or the Vietnamese <c>SA</c> (sáng).</summary>
        Am,

        /// <summary><c>PM</c>, <c>P.M.</c> or the Vietnamese <c>CH</c> (chiều).</summary>
        Pm,
    }

    /// <summary>A time of day as written (not yet range-checked).</summary>
    /// <param name="Hour">The hour as written.</param>
    /// <param name="Minute">The minute.</param>
    /// <param name="Second">The second (0 when not written).</param>
    /// <param name="Nanosecond">The fraction of the second, in nanoseconds.</param>
    /// <param name="Meridiem">AM/PM, if written.</param>
    public readonly record struct TimeOfDay(int Hour, int Minute, int Second, int Nanosecond, Meridiem Meridiem);

    /// <summary>A UTC offset as written (not yet range-checked): <c>Z</c>, <c>+07:00</c>, <c>+0700</c>, <c>+07</c>.</summary>
    /// <param name="Negative">Whether the offset is west of Greenwich.</param>
    /// <param name="Hours">The hours.</param>
    /// <param name="Minutes">The minutes.</param>
    public readonly record struct UtcOffset(bool Negative, int Hours, int Minutes);
}
