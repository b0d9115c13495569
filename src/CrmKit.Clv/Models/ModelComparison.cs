using System.Collections.Immutable;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Models;

/// <summary>The outcome of <see cref="HoldoutValidation.Compare"/>.</summary>
/// <param name="Scores">One score per model compared, in the order asked.</param>
/// <param name="Best">The usable model with the lowest root mean squared error (RMSE) of holdout purchases, or null when none was usable.</param>
/// <param name="Reason">Why <paramref name="Best"/> was chosen (or why none was), in words with the errors.</param>
/// <remarks>
/// <paramref name="Reason"/> is invariant English for logs and JSON; a host that shows the choice in another language
/// renders it from <see cref="Scores"/>, <see cref="Best"/>, <see cref="IsWithinNoise"/>, <see cref="HoldoutDuration"/>
/// and <see cref="Unit"/>.
/// </remarks>
public sealed record ModelComparison(ImmutableArray<ModelScore> Scores, CountModelKind? Best, string Reason)
{
    /// <summary>The length of the holdout period the models were scored on, in <see cref="Unit"/>s (0 when none was scored).</summary>
    public double HoldoutDuration { get; init; }

    /// <summary>The time unit of <see cref="HoldoutDuration"/> (the summary's unit).</summary>
    public TimeUnit Unit { get; init; }

    /// <summary>
    /// True when <paramref name="score"/>'s mean squared error exceeds the best model's by at most two paired standard
    /// errors of the difference (<see cref="ModelScore.DifferenceStandardError"/>): the holdout cannot tell the two
    /// apart. False for the best model's own score only when its standard error is missing, and for unscored models.
    /// </summary>
    /// <param name="score">One of <see cref="Scores"/>.</param>
    public bool IsWithinNoise(ModelScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var best = Scores.FirstOrDefault(s => s.Model == Best);
        if (best?.RootMeanSquaredError is not { } bestRmse || score.RootMeanSquaredError is not { } rmse)
        {
            return false;
        }

        var mse = (rmse * rmse) - (bestRmse * bestRmse);
        return score.DifferenceStandardError is { } se && mse <= 2 * se;
    }
}
