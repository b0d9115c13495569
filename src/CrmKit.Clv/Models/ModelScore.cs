using System.Collections.Immutable;

namespace CrmKit.Clv.Models;

/// <summary>How one count model, fitted on the calibration period, predicted the holdout (see <see cref="HoldoutValidation"/>).</summary>
/// <param name="Model">The model.</param>
/// <param name="MeanAbsoluteError">Mean over customers (weighted) of |expected − actual holdout purchases|, in purchases; null when the model could not be used.</param>
/// <param name="AggregateError">|predicted − actual total holdout repeat purchases| / actual: the error of the aggregate repeat-purchase curve at the end of the holdout (0.05 = 5 %); null without holdout purchases or model.</param>
/// <param name="PredictedPurchases">The predicted total of holdout purchases.</param>
/// <param name="ActualPurchases">The actual total of holdout purchases.</param>
/// <param name="Problem">Why the model could not be scored, in invariant English (<see cref="Problems"/> joined), or null.</param>
public sealed record ModelScore(CountModelKind Model, double? MeanAbsoluteError, double? AggregateError, double? PredictedPurchases, double? ActualPurchases, string? Problem)
{
    /// <summary>√(mean over customers of (expected − actual holdout purchases)²), in purchases; null when the model could not be used.</summary>
    public double? RootMeanSquaredError { get; init; }

    /// <summary>Why the model could not be scored, each with its kind and figures (a host writes them in its language from these); empty when it was scored.</summary>
    public ImmutableArray<ClvProblem> Problems { get; init; } = [];

    /// <summary>The model as fitted on the calibration period, or null when it could not be used.</summary>
    public ICountModel? FittedModel { get; init; }

    /// <summary>
    /// The standard error of the difference between this model's mean squared error and the chosen model's, from the
    /// paired per-customer differences (0 for the chosen model; null when not usable). A difference within about two
    /// of these is noise: the data do not tell the two models apart.
    /// </summary>
    public double? DifferenceStandardError { get; init; }

    // (weight, squared error) per customer, for the paired comparison; not part of the public shape.
    internal double[]? SquaredErrors { get; init; }

    internal double[]? Weights { get; init; }
}
