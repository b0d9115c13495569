using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>A fit could not produce an estimate: the data cannot identify the model, or the optimiser did not converge.</summary>
public sealed class FitFailedException : CrmKitException
{
    /// <summary>Creates the exception for a reason given as text (<see cref="Problem"/> is then of kind <see cref="ClvProblemKind.FitFailed"/>).</summary>
    /// <param name="model">The model that was being fitted.</param>
    /// <param name="reason">Why the fit failed.</param>
    /// <param name="hint">What to do, or null.</param>
    public FitFailedException(string model, string reason, string? hint = null)
        : this(model, reason, hint, ClvProblemKind.FitFailed)
    {
    }

    // The fits' own failures: the kind and figures a host localises from, the English text unchanged.
    internal FitFailedException(string model, string reason, string? hint, ClvProblemKind kind, ImmutableArray<double> figures = default, string? detail = null)
        : base($"The {model} fit failed: {reason}", hint)
    {
        ModelName = model;
        Problem = new ClvProblem(kind, Message)
        {
            Model = model,
            Figures = figures.IsDefault ? [] : figures,
            Detail = kind == ClvProblemKind.FitFailed ? PersonalData.Redact(hint is null ? reason : $"{reason} {hint}") : detail is null ? null : PersonalData.Redact(detail),
        };
    }

    /// <summary>The model that was being fitted.</summary>
    public string ModelName { get; }

    /// <summary>Why the fit failed, with its kind and figures; its <see cref="ClvProblem.Message"/> is this exception's <see cref="Exception.Message"/>.</summary>
    public ClvProblem Problem { get; }
}
