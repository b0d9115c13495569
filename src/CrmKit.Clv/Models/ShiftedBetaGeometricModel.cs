using System.Collections.Immutable;
using CrmKit.Clv.Numerics;
using CrmKit.Customers;

namespace CrmKit.Clv.Models;

/// <summary>
/// The shifted-beta-geometric model of contractual retention (Fader &amp; Hardie 2007, "How to project customer
/// retention"): each customer renews at the end of every period with probability 1 − θ, θ ~ Beta(γ, δ) across
/// customers. Fitted on a cohort's active counts at the start of each period.
/// </summary>
public sealed class ShiftedBetaGeometricModel
{
    private static readonly string[] Names = ["gamma", "delta"];

    /// <summary>Creates the model with known parameters.</summary>
    public ShiftedBetaGeometricModel(double gamma, double delta)
    {
        Gamma = ModelGuard.Positive(gamma, "gamma", "sBG");
        Delta = ModelGuard.Positive(delta, "delta", "sBG");
    }

    /// <summary>First shape of the beta distribution of churn probabilities.</summary>
    public double Gamma { get; }

    /// <summary>Second shape of the beta distribution of churn probabilities.</summary>
    public double Delta { get; }

    /// <summary>
    /// The log-likelihood of a cohort: <paramref name="active"/>[t] customers active at the start of period t
    /// (t = 0 is acquisition): Σ (lost in period t)·ln P(T = t) + (still active)·ln S(last).
    /// </summary>
    public static double LogLikelihood(ReadOnlySpan<double> active, double gamma, double delta)
    {
        if (!(gamma > 0 && delta > 0))
        {
            return double.NegativeInfinity;
        }

        double p = gamma / (gamma + delta), survival = 1, sum = 0;
        for (var t = 1; t < active.Length; t++)
        {
            if (t > 1)
            {
                p *= (delta + t - 2) / (gamma + delta + t - 1);
            }

            survival -= p;
            sum += (active[t - 1] - active[t]) * Math.Log(p);
        }

        return sum + (active[^1] * Math.Log(survival));
    }

    /// <summary>Fits the model to a cohort's active counts (non-increasing, at least two periods).</summary>
    /// <exception cref="InvalidValueException">The counts are negative, increase, or are fewer than two.</exception>
    public static FitResult<ShiftedBetaGeometricModel> Fit(IReadOnlyList<double> activeAtStartOfPeriod, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activeAtStartOfPeriod);
        var active = activeAtStartOfPeriod.ToArray();
        if (active.Length < 2)
        {
            throw new InvalidValueException("active counts", $"{active.Length} periods were given; the start and at least one later period are needed.");
        }

        for (var t = 0; t < active.Length; t++)
        {
            if (!(active[t] >= 0) || !double.IsFinite(active[t]) || (t > 0 && active[t] > active[t - 1]))
            {
                throw new InvalidValueException("active counts", $"period {t}: {active[t]} is negative or more than the {(t > 0 ? active[t - 1] : 0)} of the period before.");
            }
        }

        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "sBG", Names, v => LogLikelihood(active, v[0], v[1]), [1, 1], active[0], options ?? FitOptions.Default);
        return new FitResult<ShiftedBetaGeometricModel>(new ShiftedBetaGeometricModel(p[0], p[1]), ll, estimates, active[0], iterations) { Diagnosis = diagnosis };
    }

    /// <summary>P(T = t): the probability a customer's last period is t (t ≥ 1).</summary>
    public double ChurnProbability(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        var p = Gamma / (Gamma + Delta);
        for (var k = 2; k <= t; k++)
        {
            p *= (Delta + k - 2) / (Gamma + Delta + k - 1);
        }

        return p;
    }

    /// <summary>S(t): the share of a cohort still active after t periods.</summary>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        var survival = 1.0;
        for (var k = 1; k <= t; k++)
        {
            survival *= (Delta + k - 1) / (Gamma + Delta + k - 1);
        }

        return survival;
    }

    /// <summary>The retention rate from period t − 1 to t: (δ + t − 1)/(γ + δ + t − 1), rising with t as the cohort sorts itself.</summary>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Delta + t - 1) / (Gamma + Delta + t - 1);
    }

    /// <summary>Projected active customers for periods 0..<paramref name="periods"/> of a cohort of <paramref name="cohortSize"/>.</summary>
    public ImmutableArray<double> Project(double cohortSize, int periods)
        => [.. Enumerable.Range(0, periods + 1).Select(t => cohortSize * Survival(t))];

    /// <inheritdoc/>
    public override string ToString() => $"sBG(gamma={Gamma:G6}, delta={Delta:G6})";
}
