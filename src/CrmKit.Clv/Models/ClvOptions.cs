using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>Options of a discounted customer-lifetime-value computation.</summary>
public sealed record ClvOptions
{
    /// <summary>How far ahead to look, in the unit of the summary (e.g. 52 weeks). Default 52.</summary>
    public double Horizon { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(Horizon), $"{value} is not a positive, finite time."); } = 52;

    /// <summary>Into how many equal steps the horizon is cut for discounting (e.g. 12 months). Default 12.</summary>
    public int Steps { get; init => field = value >= 1 ? value : throw new InvalidValueException(nameof(Steps), $"{value} is not positive."); } = 12;

    /// <summary>The discount rate per step (0.01 = 1 % a month). Default 0.01.</summary>
    public double DiscountRate { get; init => field = value > -1 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(DiscountRate), $"{value} is not a rate above −1."); } = 0.01;

    /// <summary>The profit margin applied to spend (0.3 = 30 %). Default 1: revenue.</summary>
    public double Margin { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(Margin), $"{value} is not a finite margin ≥ 0."); } = 1;
}
