using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

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
