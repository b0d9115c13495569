using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

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
