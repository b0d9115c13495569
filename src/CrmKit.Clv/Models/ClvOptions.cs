using CrmKit.Clv.Summaries;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>Options of a discounted customer-lifetime-value computation.</summary>
public sealed record ClvOptions
{
    /// <summary>How far ahead to look, in the unit of the summary (e.g. 52 weeks). Default <see cref="ClvDefaults.Horizon"/> (52).</summary>
    public double Horizon { get; init => field = value > 0 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(Horizon), $"{value} is not a positive, finite time."); } = ClvDefaults.Horizon;

    /// <summary>Into how many equal steps the horizon is cut for discounting (e.g. 12 months). Default <see cref="ClvDefaults.Steps"/> (12).</summary>
    public int Steps { get; init => field = value >= ClvDefaults.MinSteps ? value : throw new InvalidValueException(nameof(Steps), $"{value} is not positive."); } = ClvDefaults.Steps;

    /// <summary>The discount rate per step (0.01 = 1 % a month), above −1. Default <see cref="ClvDefaults.DiscountRate"/> (0.01).</summary>
    public double DiscountRate { get; init => field = value > ClvDefaults.DiscountRateExclusiveLowerBound && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(DiscountRate), $"{value} is not a rate above −1."); } = ClvDefaults.DiscountRate;

    /// <summary>The profit margin applied to spend (0.3 = 30 %), ≥ 0. Default <see cref="ClvDefaults.Margin"/> (1): revenue.</summary>
    public double Margin { get; init => field = value >= 0 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(Margin), $"{value} is not a finite margin ≥ 0."); } = ClvDefaults.Margin;
}
