using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Summaries;

/// <summary>Options of an RFM summary.</summary>
public sealed record RfmOptions
{
    /// <summary>The last day of observation (inclusive): later transactions are ignored.</summary>
    public required LocalDate ObservationEnd { get; init; }

    /// <summary>
    /// The last day of the calibration period (inclusive), when a holdout period follows it: customers whose first
    /// purchase is later are left out, and purchases after it count in the holdout columns. Default: no holdout —
    /// calibration ends at <see cref="ObservationEnd"/>.
    /// </summary>
    public LocalDate? CalibrationEnd { get; init; }

    /// <summary>The unit of recency and age. Default: weeks.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Week;
}
