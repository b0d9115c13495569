using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>The outcome of <see cref="ValueAnalysis.Run"/>: fitted models and per-customer predictions, or why there are none.</summary>
/// <param name="Options">The options used.</param>
/// <param name="Summary">The RFM summary the models were fitted on (<see langword="null"/> without completed orders).</param>
/// <param name="Count">The fitted count model, or <see langword="null"/> when it could not be fitted.</param>
/// <param name="CountParameters">Its parameters with standard errors.</param>
/// <param name="Spend">The fitted Gamma-Gamma model, or <see langword="null"/>.</param>
/// <param name="SpendParameters">Its parameters with standard errors.</param>
/// <param name="FrequencyValueCorrelation">The correlation Gamma-Gamma assumes to be absent (report it; above about 0.3 in size, do not trust the values).</param>
/// <param name="Predictions">One prediction per customer of the summary (empty without a count model).</param>
/// <param name="Problems">Why a model could not be fitted or used, each with its kind, figures and invariant English words.</param>
public sealed record ValueAnalysisResult(
    ValueAnalysisOptions Options,
    RfmSummary? Summary,
    ICountModel? Count,
    ImmutableArray<ParameterEstimate> CountParameters,
    GammaGammaModel? Spend,
    ImmutableArray<ParameterEstimate> SpendParameters,
    double? FrequencyValueCorrelation,
    ImmutableArray<CustomerPrediction> Predictions,
    ImmutableArray<ClvProblem> Problems)
{
    /// <summary>The count model's fit diagnosis (<see langword="null"/> when no fit was attempted).</summary>
    public FitDiagnosis? CountDiagnosis { get; init; }

    /// <summary>The spend model's fit diagnosis (<see langword="null"/> when no fit was attempted).</summary>
    public FitDiagnosis? SpendDiagnosis { get; init; }

    /// <summary>Repeat buyers left out of the spend fit because all their repeat purchases were free (see <see cref="ValueAnalysisOptions.ExcludeZeroSpend"/>).</summary>
    public double ZeroSpendExcluded { get; init; }

    /// <summary>
    /// Why <see cref="CustomerPrediction.Value"/> is <see langword="null"/> for every customer (the spend model failed,
    /// was not usable, or its values were implausible); <see langword="null"/> when values are given.
    /// </summary>
    public ClvProblem? ValueMissingReason { get; init; }

    /// <summary>The count model used (the chosen one with <see cref="ValueAnalysisOptions.SelectModel"/>).</summary>
    public CountModelKind Model { get; init; }

    /// <summary>The holdout comparison behind the choice, or <see langword="null"/> without <see cref="ValueAnalysisOptions.SelectModel"/>.</summary>
    public ModelComparison? Comparison { get; init; }

    /// <summary>The calibration end of the holdout comparison, or <see langword="null"/>.</summary>
    public LocalDate? CalibrationEnd { get; init; }

    /// <summary>The validation data of the chosen model as fitted on the calibration period (for the standard charts), or <see langword="null"/>.</summary>
    public HoldoutTracking? Tracking { get; init; }

    /// <summary>
    /// The predictions as the kernel's customer-value source, which segmentation reads for its CLV fields and value
    /// tiers (<c>Segmenter.Run(customers, context, result.Estimates())</c>): per customer id, the probability alive,
    /// the expected purchases over <see cref="ClvOptions.Horizon"/> (in <see cref="ValueAnalysisOptions.Unit"/>s) and the
    /// discounted value (<see langword="null"/> when <see cref="ValueMissingReason"/> says why); <see langword="null"/>
    /// for a customer without a prediction (no completed order, or no count model could be used).
    /// </summary>
    /// <exception cref="ArgumentException">Two predictions have one customer id (a summary compressed by its rows has no ids).</exception>
    public ICustomerValueSource Estimates() => new PredictionValueSource(Predictions);

    /// <summary>
    /// The shares of buyers likely still buying — probability alive at least <see cref="ValueAnalysis.LikelyAliveThreshold"/>
    /// — among all buyers, one-time buyers (no repeat purchase day) and repeat buyers (weights counted); null where the
    /// group is empty or no count model was used.
    /// </summary>
    public AliveShares LikelyAlive()
    {
        double all = 0, allAlive = 0, once = 0, onceAlive = 0;
        foreach (var p in Predictions)
        {
            var w = p.Summary.Weight;
            var alive = p.ProbabilityAlive >= ValueAnalysis.LikelyAliveThreshold ? w : 0;
            all += w;
            allAlive += alive;
            if (p.Summary.Frequency == 0)
            {
                once += w;
                onceAlive += alive;
            }
        }

        static double? Share(double part, double whole) => whole > 0 ? part / whole : null;
        return new AliveShares(Share(allAlive, all), Share(onceAlive, once), Share(allAlive - onceAlive, all - once));
    }
}
