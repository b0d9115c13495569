namespace CrmKit.Clv.Models;

/// <summary>How one count model, fitted on the calibration period, predicted the holdout (see <see cref="HoldoutValidation"/>).</summary>
/// <param name="Model">The model.</param>
/// <param name="MeanAbsoluteError">Mean over customers (weighted) of |expected − actual holdout purchases|, in purchases; null when the model could not be used.</param>
/// <param name="AggregateError">|predicted − actual total holdout repeat purchases| / actual: the error of the aggregate repeat-purchase curve at the end of the holdout (0.05 = 5 %); null without holdout purchases or model.</param>
/// <param name="PredictedPurchases">The predicted total of holdout purchases.</param>
/// <param name="ActualPurchases">The actual total of holdout purchases.</param>
/// <param name="Problem">Why the model could not be scored, or null.</param>
public sealed record ModelScore(CountModelKind Model, double? MeanAbsoluteError, double? AggregateError, double? PredictedPurchases, double? ActualPurchases, string? Problem);
