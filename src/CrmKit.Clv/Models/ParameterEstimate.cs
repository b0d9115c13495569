using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>A fitted parameter with its standard error (from the inverse of the observed information matrix).</summary>
/// <param name="Name">The parameter's name in the literature (r, alpha, a, b, s, beta, p, q, v, gamma, delta).</param>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">Its standard error; NaN when the information matrix is singular at the estimate.</param>
public readonly record struct ParameterEstimate(string Name, double Value, double StandardError);
