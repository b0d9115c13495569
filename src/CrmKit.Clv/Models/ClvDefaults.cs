using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Models;

/// <summary>
/// The defaults and valid ranges of the CLV options, in one place: <see cref="ClvOptions"/>, <see cref="FitOptions"/>,
/// <see cref="ValueAnalysisOptions"/>, the DI settings (<c>CrmKit:Clv</c>) and their validator, the CLI's option
/// defaults and the docs quote these constants (a docs test compares the tables with them).
/// </summary>
public static class ClvDefaults
{
    /// <summary>The default count model: BG/NBD (<see cref="CountModels.BetaGeo"/>).</summary>
    public const CountModelKind Model = CountModelKind.BetaGeo;

    /// <summary>The default time unit of recency, age and the horizon: week (the unit of the CDNOW literature).</summary>
    public const TimeUnit Unit = TimeUnit.Week;

    /// <summary>The default prediction horizon: 52, in the time unit (52 weeks, a year). Valid: finite and &gt; 0.</summary>
    public const double Horizon = 52;

    /// <summary>Into how many equal steps the horizon is cut for discounting: 12 (months of a year). Valid: ≥ <see cref="MinSteps"/>.</summary>
    public const int Steps = 12;

    /// <summary>The least number of discounting steps: 1.</summary>
    public const int MinSteps = 1;

    /// <summary>The default discount rate per step: 0.01 (1 % a month with the default steps).</summary>
    public const double DiscountRate = 0.01;

    /// <summary>
    /// The exclusive lower bound of a discount rate in <see cref="ClvOptions"/>: −1 (at −1 the discount factor
    /// 1/(1 + d) is infinite). The DI settings accept only [<see cref="MinConfiguredDiscountRate"/>,
    /// <see cref="MaxConfiguredDiscountRate"/>).
    /// </summary>
    public const double DiscountRateExclusiveLowerBound = -1;

    /// <summary>The least discount rate a host may configure (<c>CrmKit:Clv:DiscountRate</c>): 0, no discounting.</summary>
    public const double MinConfiguredDiscountRate = 0;

    /// <summary>The exclusive upper bound of a configured discount rate: 1 (a rate of 100 % a step or more is most likely a percentage typed as a number, e.g. 5 for 5 %).</summary>
    public const double MaxConfiguredDiscountRate = 1;

    /// <summary>The default profit margin applied to spend: 1, i.e. the value is revenue. Valid in <see cref="ClvOptions"/>: finite and ≥ 0.</summary>
    public const double Margin = 1;

    /// <summary>The greatest margin a host may configure (<c>CrmKit:Clv:Margin</c>, valid in (0, 1]): 1.</summary>
    public const double MaxConfiguredMargin = 1;

    /// <summary>The default L2 penalty of the fits: 0, the plain maximum-likelihood estimate. Valid: finite and ≥ 0.</summary>
    public const double Penalizer = 0;

    /// <summary>The default most optimiser iterations of a fit: 1,000. Valid: ≥ 1.</summary>
    public const int MaxIterations = 1000;
}
