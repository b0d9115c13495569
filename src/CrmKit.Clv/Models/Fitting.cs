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

/// <summary>A fitted parameter with its standard error (from the inverse of the observed information matrix).</summary>
/// <param name="Name">The parameter's name in the literature (r, alpha, a, b, s, beta, p, q, v, gamma, delta).</param>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">Its standard error; NaN when the information matrix is singular at the estimate.</param>
public readonly record struct ParameterEstimate(string Name, double Value, double StandardError);

/// <summary>The result of a fit: the model at the estimate, the maximised log-likelihood and the estimates with their errors.</summary>
/// <typeparam name="TModel">The fitted model.</typeparam>
/// <param name="Model">The model with the fitted parameters.</param>
/// <param name="LogLikelihood">The log-likelihood at the estimate (without the penalty).</param>
/// <param name="Parameters">The estimates in the model's order.</param>
/// <param name="Customers">How many customers (sum of weights) the fit used.</param>
/// <param name="Iterations">Optimiser iterations used.</param>
public sealed record FitResult<TModel>(TModel Model, double LogLikelihood, ImmutableArray<ParameterEstimate> Parameters, double Customers, int Iterations)
{
    /// <summary>
    /// Whether the estimate is an interior, identified optimum that may be used for predictions, and if not, why
    /// (parameters on the boundary, non-finite or huge standard errors, too few repeat buyers, Gamma-Gamma q ≤ 1).
    /// </summary>
    public FitDiagnosis Diagnosis { get; init; } = FitDiagnosis.Usable;

    /// <summary>The estimate of a parameter by name.</summary>
    /// <exception cref="KeyNotFoundException">The model has no such parameter.</exception>
    public ParameterEstimate this[string name]
        => Parameters.FirstOrDefault(p => p.Name == name) is { Name: not null } estimate ? estimate : throw new KeyNotFoundException($"No parameter '{name}'; the model has {string.Join(", ", Parameters.Select(p => p.Name))}.");
}

/// <summary>A fit could not produce an estimate: the data cannot identify the model, or the optimiser did not converge.</summary>
public sealed class FitFailedException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public FitFailedException(string model, string reason, string? hint = null)
        : base($"The {model} fit failed: {reason}", hint)
    {
        ModelName = model;
    }

    /// <summary>The model that was being fitted.</summary>
    public string ModelName { get; }
}
