namespace CrmKit.Clv.Models;

/// <summary>
/// What a <see cref="ClvProblem"/> says, so that a host can write it in its own language from
/// <see cref="ClvProblem.Kind"/> and the problem's figures instead of reading <see cref="ClvProblem.Message"/> (invariant
/// English). Each member lists what the problem carries: <see cref="ClvProblem.Model"/>, <see cref="ClvProblem.Parameter"/>,
/// <see cref="ClvProblem.Figures"/> in the order given, <see cref="ClvProblem.Unit"/>, <see cref="ClvProblem.History"/>,
/// <see cref="ClvProblem.Cause"/> and <see cref="ClvProblem.Detail"/>.
/// </summary>
public enum ClvProblemKind
{
    /// <summary>A parameter ran off towards 0 or ∞ (the fit is on the boundary). Model, Parameter; Figures: value, <see cref="FitDiagnosis.BoundaryFactor"/>, the parameter's scale (value above the scale: towards ∞).</summary>
    ParameterOnBoundary,

    /// <summary>A parameter has no finite standard error. Model, Parameter; Figures: value.</summary>
    NoStandardError,

    /// <summary>A parameter's standard error is more than <see cref="FitDiagnosis.MaximumRelativeStandardError"/> times its value. Model, Parameter; Figures: value, standard error, the factor.</summary>
    LargeStandardError,

    /// <summary>Fewer repeat buyers than <see cref="FitDiagnosis.MinimumRepeatBuyers"/>. Model; Figures: repeat buyers (weights counted), the minimum.</summary>
    TooFewRepeatBuyers,

    /// <summary>Gamma-Gamma's q ≤ 1: the mean spend per purchase is infinite under the model. Model; Figures: q.</summary>
    InfiniteMeanSpend,

    /// <summary>A fit failed for a reason given as text (a <see cref="FitFailedException"/> a host created). Model; Detail: the reason and hint as given.</summary>
    FitFailed,

    /// <summary>The fit failed: the summary has no customers. Model.</summary>
    NoCustomers,

    /// <summary>A count model's fit failed: no customer made a repeat purchase, so purchase and dropout cannot be told apart. Model.</summary>
    NoRepeatPurchase,

    /// <summary>The Gamma-Gamma fit failed: no customer made a repeat purchase, and the model is fitted on repeat purchases. Model.</summary>
    NoRepeatPurchaseForSpend,

    /// <summary>The Gamma-Gamma fit failed: a repeat buyer's mean repeat spend is not positive. Model; Figures: row among the repeat buyers, mean spend; Detail: the customer id (personal data masked).</summary>
    NonPositiveSpend,

    /// <summary>The BG/BB fit failed: a row is not whole numbers with x ≤ t_x ≤ n. Model; Figures: row, x, t_x, n.</summary>
    InvalidRow,

    /// <summary>The fit failed: <see cref="FitOptions.InitialParameters"/> has the wrong count or a value that is not positive and finite. Model; Figures: count given, count needed; Detail: the parameter names, comma-separated.</summary>
    InvalidInitialParameters,

    /// <summary>The fit failed: the log-likelihood is not finite at the starting point. Model; Figures: the starting parameters.</summary>
    NotFiniteAtStart,

    /// <summary>The fit failed: the optimiser did not converge. Model; Detail: the optimiser's own message (Math.NET Numerics, English).</summary>
    NotConverged,

    /// <summary>The fit failed: the optimiser ended where the log-likelihood is not finite. Model; Figures: the parameters it ended at.</summary>
    NotFiniteAtEnd,

    /// <summary>A model fitted on the calibration period predicted a negative or non-finite number of holdout purchases (<see cref="ModelScore"/>). Model; Figures: row, the prediction.</summary>
    HoldoutPredictionInvalid,

    /// <summary>No completed orders, so no CLV model can be fitted.</summary>
    NoOrders,

    /// <summary>The model choice was skipped: the history is too short for a holdout. Model (used without validation); History: first and last purchase day; Figures: the median purchase cycle in days.</summary>
    HistoryTooShort,

    /// <summary>The model choice found no usable model on the calibration period. Model (tried on all the data).</summary>
    NoModelForChoice,

    /// <summary>The count model's fit is not used for predictions. Model; Cause: why (one of the fit diagnosis kinds).</summary>
    CountFitNotUsed,

    /// <summary>The count model's fit failed. Model; Cause: the <see cref="FitFailedException.Problem"/>.</summary>
    CountFitFailed,

    /// <summary>A customer's prediction failed (at the edge of the parameter space), so no predictions are given. Model; Figures: row, x, t_x, T; Detail: the arithmetic error's message (English).</summary>
    PredictionFailed,

    /// <summary>The count model predicts more than <see cref="ValueAnalysis.PlausibilityFactor"/> times the customers' historical repeat purchases, so it is not used. Model; Unit; Figures: predicted purchases, horizon, the factor, historical purchases.</summary>
    ImplausiblePurchases,

    /// <summary>The Gamma-Gamma fit is not used for values. Model; Cause: why (one of the fit diagnosis kinds).</summary>
    SpendFitNotUsed,

    /// <summary>The Gamma-Gamma fit failed. Model; Cause: the <see cref="FitFailedException.Problem"/>.</summary>
    SpendFitFailed,

    /// <summary>The predicted value is more than <see cref="ValueAnalysis.PlausibilityFactor"/> times the customers' historical repeat spend, so no values are given. Model; Unit; Figures: predicted value, horizon, the factor, historical spend.</summary>
    ImplausibleValues,

    /// <summary>Why there are no values: no count model could be used.</summary>
    NoCountModel,

    /// <summary>Why there are no values: the spend model is not usable on these data. Model; Cause: its first problem.</summary>
    SpendNotUsable,

    /// <summary>Why there are no values: the spend model could not be fitted. Model; Cause: the <see cref="FitFailedException.Problem"/>.</summary>
    SpendNotFitted,

    /// <summary>Why there are no values: they are implausible (the <see cref="ImplausibleValues"/> problem, in fewer words). Model; Unit; Figures as <see cref="ImplausibleValues"/>.</summary>
    ValuesImplausible,
}
