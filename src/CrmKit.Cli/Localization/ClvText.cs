using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The CLV model choice as a person reads it, in the invocation's language, rendered from the comparison's figures
/// (<see cref="ModelComparison.Scores"/>, <see cref="ModelComparison.IsWithinNoise"/>, the holdout's length). In English
/// it is exactly <see cref="ModelComparison.Reason"/>, the invariant text the JSON keeps (a test checks it).
/// </summary>
internal static class ClvText
{
    /// <summary>
    /// Why the model was chosen: <c>BG/NBD predicts the holdout best: lowest root mean squared error … over a holdout of
    /// 26.14 weeks</c>; in Vietnamese <c>BG/NBD dự đoán giai đoạn kiểm tra sát nhất: …</c>.
    /// </summary>
    public static string Reason(ModelComparison comparison)
    {
        var best = comparison.Scores.FirstOrDefault(s => s.Model == comparison.Best);
        if (best?.RootMeanSquaredError is not { } rmse || best.MeanAbsoluteError is not { } mae)
        {
            return Strings.ClvChoiceNone;
        }

        var others = comparison.Scores
            .Where(s => s.Model != best.Model && s.RootMeanSquaredError is not null)
            .OrderBy(s => s.RootMeanSquaredError).ThenBy(s => s.AggregateError)
            .Select(s => comparison.IsWithinNoise(s)
                ? Display.Format(Strings.ClvChoiceOtherWithinNoise, ValueAnalysis.Name(s.Model), Display.Number(s.RootMeanSquaredError, "F4"))
                : $"{ValueAnalysis.Name(s.Model)} {Display.Number(s.RootMeanSquaredError, "F4")}")
            .ToList();
        return Display.Format(
            Strings.ClvChoiceReason,
            ValueAnalysis.Name(best.Model),
            Display.Number(rmse, "F4"),
            others.Count == 0 ? string.Empty : Display.Format(Strings.ClvChoiceAgainst, string.Join(", ", others)),
            Display.Number(mae, "F4"),
            best.AggregateError is { } aggregate ? Display.Percent(aggregate) : Strings.ClvNotAvailable,
            Display.Number(comparison.HoldoutDuration, "G4"),
            UnitPlural(comparison.Unit));
    }

    // The unit after a number of them: "weeks" / "tuần".
    private static string UnitPlural(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => Strings.ClvUnitDays,
        TimeUnit.Week => Strings.ClvUnitWeeks,
        TimeUnit.Month => Strings.ClvUnitMonths,
        TimeUnit.Year => Strings.ClvUnitYears,
        _ => throw new System.Diagnostics.UnreachableException($"Time unit {unit} has no words."),
    };
}
