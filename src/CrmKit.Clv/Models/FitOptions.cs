using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>Options of a maximum-likelihood fit.</summary>
public sealed record FitOptions
{
    /// <summary>The defaults: no penalty.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty coefficient λ: the fit minimises −LL/N + λ·Σθ² over the parameters θ, which shrinks them
    /// towards 0 when data are thin (the <c>penalizer_coef</c> of the Python <c>lifetimes</c> library). Default 0:
    /// the plain maximum-likelihood estimate.
    /// </summary>
    public double Penalizer
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new InvalidValueException(nameof(Penalizer), $"{value} is not a finite number ≥ 0.");
    }

    /// <summary>The most optimiser iterations before the fit gives up. Default 1,000.</summary>
    public int MaxIterations
    {
        get;
        init => field = value >= 1 ? value : throw new InvalidValueException(nameof(MaxIterations), $"{value} is not positive.");
    } = 1000;

    /// <summary>Where the optimiser starts (natural parameters, in the model's order); default: the model's own start.</summary>
    public ImmutableArray<double> InitialParameters { get; init; }
}
