using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// The ranges every recorded value must lie in, checked where a value enters the model (the init accessors of
/// <see cref="Order"/>, <see cref="OrderLine"/>, <see cref="Customer"/>, <see cref="Interaction"/>,
/// <see cref="Feedback"/>, <see cref="SupportTicket"/>, <see cref="Referral"/> and <see cref="ConsentDecision"/>) and
/// by the import, which rejects a value outside them at its file, line and column. Inside them every computation
/// CrmKit makes — sums of amounts, revenue over any number of orders, dates plus any window or timer a rule or
/// process accepts — stays exact and within NodaTime's and <see cref="decimal"/>'s ranges.
/// </summary>
public static class DataLimits
{
    /// <summary>
    /// The largest amount an order total, a unit price or a guest sale may have, in major units of any currency:
    /// 10¹⁵ (a thousand trillion; 1,000,000,000,000,000 ₫ is about 40 billion US dollars). Sums of up to 10¹³ such
    /// amounts stay below <see cref="decimal.MaxValue"/> (about 7.9 × 10²⁸).
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>The earliest instant a record may carry: 1900-01-01T00:00:00Z.</summary>
    public static Instant EarliestInstant { get; } = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>The instant every recorded instant must precede: 2200-01-01T00:00:00Z.</summary>
    public static Instant EndOfInstants { get; } = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>The earliest date (a birth date) a record may carry: 1900-01-01.</summary>
    public static LocalDate EarliestDate { get; } = new(1900, 1, 1);

    /// <summary>The latest date a record may carry: 2199-12-31.</summary>
    public static LocalDate LatestDate { get; } = new(2199, 12, 31);

    /// <summary>Whether an instant lies in [<see cref="EarliestInstant"/>, <see cref="EndOfInstants"/>).</summary>
    public static bool Contains(Instant instant) => instant >= EarliestInstant && instant < EndOfInstants;

    /// <summary>Whether a date lies in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>].</summary>
    public static bool Contains(LocalDate date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>Whether an amount's magnitude is at most <see cref="MaxAmount"/>.</summary>
    public static bool Contains(decimal amount) => Math.Abs(amount) <= MaxAmount;

    /// <summary>What the ranges are, for messages: "instants from 1900-01-01 to 2199-12-31 (UTC)".</summary>
    internal const string InstantRange = "from 1900-01-01 to 2199-12-31, UTC";

    internal const string DateRange = "from 1900-01-01 to 2199-12-31";

    internal const string AmountRange = "at most 1,000,000,000,000,000 in any currency";
}
