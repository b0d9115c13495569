namespace CrmKit.Customers.Import;

/// <summary>
/// The order of day, month and year in numeric dates such as <c>05/06/2025</c>. ISO 8601 dates
/// (<c>2025-06-05</c>) and dates whose first part has four digits are always read year, month, day.
/// </summary>
/// <remarks>
/// Two-digit years are read as 2000–2069 for <c>00</c>–<c>69</c> and 1970–1999 for <c>70</c>–<c>99</c>.
/// </remarks>
public enum DateOrder
{
    /// <summary>
    /// Not known in advance: each date column is read in the order its values prove (<c>25/12/2024</c> proves
    /// day first, <c>12/25/2024</c> month first); a column where nothing decides is read in the importer's default
    /// order (day first for Vietnamese shops).
    /// </summary>
    Auto = 0,

    /// <summary>Day, month, year: <c>25/12/2024</c>, <c>5/6/2025</c> = 5 June 2025, <c>28.08.2025 19:09</c>. Vietnam and most of the world.</summary>
    DayFirst = 1,

    /// <summary>Month, day, year: <c>12/25/2024</c>, <c>5/6/2025</c> = 6 May 2025, <c>12/1/10 8:26</c>. The United States.</summary>
    MonthFirst = 2,

    /// <summary>Year, month, day with a two-digit year: <c>25/08/28</c> = 28 August 2025. China, Japan, Korea.</summary>
    YearFirst = 3,
}
