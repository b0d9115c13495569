using System.Collections.Immutable;

namespace CrmKit.Clv.Models;

/// <summary>
/// Whether a fit may be used for predictions. A maximum-likelihood estimate is only meaningful when it is an interior
/// optimum that the data identify; otherwise the optimiser stops somewhere on a flat ridge (the 7-customer shop's
/// BG/NBD r = 1e7, α = 3e8) and every prediction from it is arbitrary. <see cref="Problems"/> lists every reason the
/// fit is not usable, each with what to do; <see cref="IsUsable"/> is true when there is none.
/// </summary>
/// <param name="IsInterior">
/// True when every parameter stayed within <see cref="BoundaryFactor"/> of its starting scale (shape parameters 1,
/// scale parameters the data's mean age or mean spend), i.e. the optimum is inside the parameter space, not on its edge.
/// </param>
/// <param name="Problems">Why the fit must not be used, each with its kind, figures and English words with what to do; empty when it may be used.</param>
public sealed record FitDiagnosis(bool IsInterior, ImmutableArray<ClvProblem> Problems)
{
    /// <summary>
    /// How far (as a factor, either way) a parameter may move from its starting scale before the optimum counts as on
    /// the boundary: 10⁶. Published fits stay within 10² of these scales (CDNOW BG/NBD r 0.24, α 4.4 against a mean age
    /// of 32 weeks; Gamma-Gamma p 6.25, q 3.74, v 15.4 against a mean spend of 35); a parameter a million times away means
    /// the likelihood kept rising towards 0 or ∞.
    /// </summary>
    public const double BoundaryFactor = 1e6;

    /// <summary>
    /// The largest relative standard error (standard error / estimate) of a usable fit: 10. Above it the 95 % interval
    /// of the parameter's logarithm spans more than e^±20, i.e. the data do not determine the parameter at all.
    /// </summary>
    public const double MaximumRelativeStandardError = 10;

    /// <summary>
    /// The fewest repeat buyers (customers with at least one repeat purchase, counted with their weights) a usable
    /// BG/NBD, MBG/NBD, Pareto/NBD or Gamma-Gamma fit needs: 20. These models have 3–4 parameters, and the repeat
    /// buyers are what separates the purchase rate from the dropout process (and, for Gamma-Gamma, the only data);
    /// the usual rule of thumb of at least 5 informative observations per parameter gives 20. The 7-customer shop of
    /// issue 16 (7 repeat buyers) is below it; every published fit (CDNOW: 946) is far above.
    /// </summary>
    public const int MinimumRepeatBuyers = 20;

    /// <summary>A fit with no problem.</summary>
    public static FitDiagnosis Usable { get; } = new(true, []);

    /// <summary>True when the fit may be used for predictions.</summary>
    public bool IsUsable => Problems.IsEmpty;

    /// <summary>This diagnosis with one more problem (for the models; a host builds a diagnosis with its constructor or <c>with</c>).</summary>
    internal FitDiagnosis WithProblem(ClvProblem problem) => this with { Problems = Problems.Add(problem) };
}
