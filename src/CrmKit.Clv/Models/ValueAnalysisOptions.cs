using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>How <see cref="ValueAnalysis.Run"/> summarises, fits and predicts.</summary>
public sealed record ValueAnalysisOptions
{
    /// <summary>The count model. Default BG/NBD.</summary>
    public CountModelKind Model { get; init; } = CountModelKind.BetaGeo;

    /// <summary>The time unit of recency, age and the horizon. Default week.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Week;

    /// <summary>Horizon, discounting and margin of the predicted value (horizon in <see cref="Unit"/>).</summary>
    public ClvOptions Value { get; init; } = new();

    /// <summary>Fit options (the L2 penalizer) for both models.</summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    /// <summary>
    /// Leave repeat buyers whose repeat purchases were all free (mean repeat spend 0) out of the Gamma-Gamma fit, which
    /// cannot describe a spend of 0; they are still valued, with the model's conditional spend for their history.
    /// Default <see langword="true"/>: otherwise one free repeat purchase makes the spend fit, and so every
    /// customer's value, fail.
    /// </summary>
    public bool ExcludeZeroSpend { get; init; } = true;

    /// <summary>
    /// Choose the count model by holdout (<see cref="HoldoutValidation"/>): BG/NBD, MBG/NBD and Pareto/NBD are fitted on
    /// the history up to <see cref="HoldoutValidation.DefaultCalibrationEnd"/>, scored on the rest, and the best is
    /// refitted on all of it. <see cref="Model"/> is then used only when no model can be validated. Default
    /// <see langword="false"/>: <see cref="Model"/> is used.
    /// </summary>
    public bool SelectModel { get; init; }
}
