using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The CLV model choice as a person reads it, in the invocation's language, rendered from the comparison's figures
/// (<see cref="ModelComparison.Scores"/>, <see cref="ModelComparison.IsWithinNoise"/>, the holdout's length). In English
/// it is exactly <see cref="ModelComparison.Reason"/>, the invariant text the JSON keeps (a test checks it).
/// </summary>
internal static partial class ClvText
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
    /// <see cref="ValueAnalysisResult.ValueMissingReason"/>) as a person reads it. CrmKit.Clv writes them in invariant
    /// English (the JSON keeps that text); in English this returns the text unchanged, in Vietnamese the same facts and
    /// figures from <see cref="Strings"/>. A text of a shape not known here is returned as it is, and
    /// <c>LeftoverEnglishTests</c> catches it on the shops it runs.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(problem))]
    public static string? Problem(string? problem)
    {
        if (problem is null || UiLanguage.Current == UiLanguage.English)
        {
            return problem;
        }

        foreach (var (pattern, render) in Shapes)
        {
            if (pattern.Match(problem) is { Success: true } m)
            {
                return render(m);
            }
        }

        return problem;
    }

    // The shapes CrmKit.Clv writes (MaximumLikelihood, ModelGuard, GammaGammaModel, ValueAnalysis), each with its
    // Vietnamese text. Prefixes first: they wrap one of the others.
    private static readonly (Regex Pattern, Func<Match, string> Render)[] Shapes =
    [
        (new(@"^(?<model>.+?) fit not used for predictions: (?<rest>.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNotUsedForPredictions, m.Groups["model"].Value, Problem(m.Groups["rest"].Value))),
        (new(@"^Gamma-Gamma fit not used for values: (?<rest>.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNotUsedForValues, Problem(m.Groups["rest"].Value))),
        (new(@"^the spend model \(Gamma-Gamma\) is not usable on these data: (?<rest>.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemSpendNotUsable, Problem(m.Groups["rest"].Value))),
        (new(@"^(?<model>.+?) parameter (?<name>\S+) = (?<value>\S+) ran off towards (?<towards>infinity|0) \(more than (?<factor>\S+) times its scale (?<scale>\S+)\): the likelihood has no interior maximum on these data\. What to do: use a longer history or more customers, or a small penalizer\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemBoundary, m.Groups["model"].Value, m.Groups["name"].Value, Figure(m, "value"), m.Groups["towards"].Value == "0" ? "0" : Strings.ClvInfinity, Figure(m, "factor"), Figure(m, "scale"))),
        (new(@"^(?<model>.+?) parameter (?<name>\S+) = (?<value>\S+) has no finite standard error: the likelihood is flat or singular at the estimate, so the data do not identify it\. What to do: use a longer history or more customers\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNoStandardError, m.Groups["model"].Value, m.Groups["name"].Value, Figure(m, "value"))),
        (new(@"^(?<model>.+?) parameter (?<name>\S+) = (?<value>\S+) has a standard error of (?<error>\S+), more than (?<factor>\S+) times the estimate: the data do not determine it\. What to do: use a longer history or more customers\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemLargeStandardError, m.Groups["model"].Value, m.Groups["name"].Value, Figure(m, "value"), Figure(m, "error"), Figure(m, "factor"))),
        (new(@"^(?<model>.+?) was fitted on (?<repeat>\S+) repeat buyers; at least (?<least>\d+) are needed to estimate its parameters\. What to do: use a longer history, or wait until more customers have bought again\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemFewRepeatBuyers, m.Groups["model"].Value, Figure(m, "repeat"), Figure(m, "least"))),
        (new(@"^Gamma-Gamma fitted q = (?<q>\S+) ≤ 1: the mean spend per purchase is infinite under the model \(the spend is too heavy-tailed for it\), so it cannot value customers\. What to do: check the spend data for outliers \(a few huge orders\), or value customers by their historical spend\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemHeavyTail, Figure(m, "q"))),
        (new(@"^The (?<model>.+?) fit failed: (?<rest>.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemFitFailed, m.Groups["model"].Value, Problem(m.Groups["rest"].Value))),
        (new(@"^the optimiser did not converge \((?<why>.*)\)\. Try a small Penalizer, or other InitialParameters\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNotConverged, m.Groups["why"].Value)),
        (new(@"^the optimiser ended at parameters \((?<at>.*)\) where the log-likelihood is not finite\. The data may not identify the model; try a small Penalizer\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNotFiniteAtEnd, m.Groups["at"].Value)),
        (new(@"^the log-likelihood is not finite at the starting point \((?<at>.*)\)\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemNotFiniteAtStart, m.Groups["at"].Value)),
        (new(@"^Model choice: no model could be fitted and used on the calibration period, so (?<model>.+) is tried on all the data\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemChoiceNoneTriedOnAll, Strings.ClvChoiceNone, m.Groups["model"].Value)),
        (new(@"^Model choice: the history \((?<first>\d{4}-\d{2}-\d{2}) to (?<last>\d{4}-\d{2}-\d{2})\) is too short to hold out the last 25 % and a purchase cycle of (?<cycle>\S+) days, so (?<model>.+) is used without validation\.$", RegexOptions.CultureInvariant),
            m => Display.Format(Strings.ClvProblemHistoryTooShort, IsoDate(m, "first"), IsoDate(m, "last"), Figure(m, "cycle"), m.Groups["model"].Value)),
        (new(@"^no completed orders, so no CLV model can be fitted$", RegexOptions.CultureInvariant),
            _ => Strings.ClvProblemNoOrders),
    ];

    // A date of the invariant text (2026-10-31) in the invocation's date format (31/10/2026).
    private static string IsoDate(Match m, string group)
        => NodaTime.Text.LocalDatePattern.Iso.Parse(m.Groups[group].Value) is { Success: true } date ? Display.Date(date.Value) : m.Groups[group].Value;

    // A figure of the invariant text in the invocation's number format (1e+07 → 1E+07, 0.25 → 0,25).
    private static string Figure(Match m, string group)
        => double.TryParse(m.Groups[group].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? Display.Number(x, "G4") : m.Groups[group].Value;
}
