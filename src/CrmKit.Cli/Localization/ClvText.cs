using System.Globalization;
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
    /// <summary>
    /// A problem of a CLV fit or analysis (<see cref="FitDiagnosis.Problems"/>, <see cref="ValueAnalysisResult.Problems"/>,
    /// <see cref="ValueAnalysisResult.ValueMissingReason"/>, <see cref="ModelScore.Problems"/>,
    /// <see cref="FitFailedException.Problem"/>) as a person reads it: in English the library's own
    /// <see cref="ClvProblem.Message"/> (the text the JSON keeps), otherwise <see cref="Render"/>.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(problem))]
    public static string? Problem(ClvProblem? problem)
        => problem is null ? null : UiLanguage.Current == UiLanguage.English ? problem.Message : Render(problem);

    /// <summary>
    /// A problem written from its kind and figures with the invocation's resources (<c>ClvProblemKind_</c> + the kind in
    /// <see cref="Strings"/>) and number format; the problem it reports on (<see cref="ClvProblem.Cause"/>) is written the
    /// same way. Text a problem quotes from outside CrmKit.Clv's own words (an optimiser's or a special function's English
    /// message, <see cref="ClvProblem.Detail"/> of <see cref="ClvProblemKind.NotConverged"/> and
    /// <see cref="ClvProblemKind.PredictionFailed"/>) is left out: the figures identify the case, and a shop owner cannot
    /// act on Math.NET's words.
    /// </summary>
    /// <exception cref="InvalidOperationException">The kind has no text in <see cref="Strings"/> (a test checks every kind in both languages).</exception>
    public static string Render(ClvProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = Strings.ResourceManager.GetString("ClvProblemKind_" + problem.Kind, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"Strings.resx has no text for ClvProblemKind.{problem.Kind}.");
        var figures = problem.Figures;
        string Figure(int i) => Display.Number(figures[i], "G4");
        string Whole(int i) => Display.Number((long)figures[i]);
        string Amount(int i) => Math.Abs(figures[i]) >= 1000 ? Display.Number(figures[i], "N0") : Display.Number(figures[i], "G4");
        string All() => Display.Clauses(figures.Select(x => Display.Number(x, "G4")));
        string Unit() => problem.Unit is { } unit ? UnitPlural(unit) : string.Empty;
        string Cause() => problem.Cause is { } cause ? Render(cause) : problem.Detail ?? string.Empty;
        return problem.Kind switch
        {
            ClvProblemKind.ParameterOnBoundary => Display.Format(text, problem.Model, problem.Parameter, Figure(0), figures[0] > figures[2] ? Strings.ClvInfinity : "0", Display.Number(figures[1], "0"), Figure(2)),
            ClvProblemKind.NoStandardError => Display.Format(text, problem.Model, problem.Parameter, Figure(0)),
            ClvProblemKind.LargeStandardError => Display.Format(text, problem.Model, problem.Parameter, Figure(0), Figure(1), Figure(2)),
            ClvProblemKind.TooFewRepeatBuyers => Display.Format(text, problem.Model, Figure(0), Whole(1)),
            ClvProblemKind.InfiniteMeanSpend => Display.Format(text, problem.Model, Figure(0)),
            ClvProblemKind.FitFailed => Display.Format(text, problem.Model, problem.Detail),
            ClvProblemKind.NotConverged => Display.Format(text, problem.Model),
            ClvProblemKind.NoCustomers or ClvProblemKind.NoRepeatPurchase or ClvProblemKind.NoRepeatPurchaseForSpend or ClvProblemKind.NoModelForChoice => Display.Format(text, problem.Model),
            ClvProblemKind.NonPositiveSpend => Display.Format(text, problem.Model, problem.Detail, Whole(0), Figure(1)),
            ClvProblemKind.InvalidRow => Display.Format(text, problem.Model, Whole(0), Figure(1), Figure(2), Figure(3)),
            ClvProblemKind.InvalidInitialParameters => Display.Format(text, problem.Model, Whole(0), Whole(1), problem.Detail),
            ClvProblemKind.NotFiniteAtStart or ClvProblemKind.NotFiniteAtEnd => Display.Format(text, problem.Model, All()),
            ClvProblemKind.HoldoutPredictionInvalid => Display.Format(text, problem.Model, Whole(0), Figure(1)),
            ClvProblemKind.NoOrders or ClvProblemKind.NoCountModel => text,
            ClvProblemKind.HistoryTooShort => Display.Format(text, problem.History is { } h ? Display.Date(h.Start) : "–", problem.History is { } e ? Display.Date(e.End) : "–", Figure(0), problem.Model),
            ClvProblemKind.CountFitNotUsed or ClvProblemKind.CountFitFailed or ClvProblemKind.SpendFitNotUsed or ClvProblemKind.SpendFitFailed
                or ClvProblemKind.SpendNotUsable or ClvProblemKind.SpendNotFitted => Display.Format(text, problem.Model, Cause()),
            ClvProblemKind.PredictionFailed => Display.Format(text, problem.Model, Whole(0), Figure(1), Figure(2), Figure(3)),
            ClvProblemKind.ImplausiblePurchases => Display.Format(text, problem.Model, Figure(0), Figure(1), Unit(), Figure(2), Figure(3)),
            ClvProblemKind.ImplausibleValues or ClvProblemKind.ValuesImplausible => Display.Format(text, problem.Model, Amount(0), Figure(1), Unit(), Figure(2), Amount(3)),
            _ => throw new System.Diagnostics.UnreachableException($"ClvProblemKind.{problem.Kind} has no layout in ClvText.Render."),
        };
    }
}
