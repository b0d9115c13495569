using System.Collections.Immutable;

namespace CrmKit.Clv.Models;

/// <summary>The outcome of <see cref="HoldoutValidation.Compare"/>.</summary>
/// <param name="Scores">One score per model compared, in the order asked.</param>
/// <param name="Best">The usable model with the lowest root mean squared error (RMSE) of holdout purchases, or null when none was usable.</param>
/// <param name="Reason">Why <paramref name="Best"/> was chosen (or why none was), in words with the errors.</param>
public sealed record ModelComparison(ImmutableArray<ModelScore> Scores, CountModelKind? Best, string Reason);
