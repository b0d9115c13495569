using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Models;

/// <summary>
/// The MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): as BG/NBD, but a customer may also drop out right after
/// the first purchase, so a customer without repeat purchases is not assumed to be alive.
/// </summary>
public sealed class ModifiedBetaGeoModel : ICountModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model with known parameters.</summary>
    public ModifiedBetaGeoModel(double r, double alpha, double a, double b)
    {
        R = ModelGuard.Positive(r, "r", "MBG/NBD");
        Alpha = ModelGuard.Positive(alpha, "alpha", "MBG/NBD");
        A = ModelGuard.Positive(a, "a", "MBG/NBD");
        B = ModelGuard.Positive(b, "b", "MBG/NBD");
    }

    /// <inheritdoc/>
    public string Name => "MBG/NBD";

    /// <summary>Shape of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate parameter of the gamma distribution of purchase rates.</summary>
    public double Alpha { get; }

    /// <summary>First shape of the beta distribution of dropout probabilities.</summary>
    public double A { get; }

    /// <summary>Second shape of the beta distribution of dropout probabilities.</summary>
    public double B { get; }

    /// <summary>The log-likelihood of a summary; −∞ for parameters that are not all positive.</summary>
    public static double LogLikelihood(RfmSummary data, double r, double alpha, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(data);
        return BetaGeoModel.CountLikelihood(data, [r, alpha, a, b], stackalloc double[4], modified: true);
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    public static FitResult<ModifiedBetaGeoModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ModelGuard.NotEmpty(data, "MBG/NBD");
        ModelGuard.SomeRepeat(data, "MBG/NBD");
        data = data.CompressCounts(); // equal rows merged into weights: the same likelihood over fewer rows
        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "MBG/NBD", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, BetaGeoModel.MeanAge(data), 1, 1], data.CustomerCount, options ?? FitOptions.Default, (v, g) => BetaGeoModel.CountLikelihood(data, v, g, modified: true));
        return new FitResult<ModifiedBetaGeoModel>(new ModifiedBetaGeoModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations) { Diagnosis = ModelGuard.CheckRepeatBuyers(diagnosis, data, "MBG/NBD") };
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double t)
    {
        ModelGuard.Horizon(t);
        // b/(a−1)·[1 − (1−z)^r ₂F₁(r, b+1; a+b; z)], z = t/(α+t): as for BG/NBD, the quotient by a − 1 is evaluated
        // from its limit form near a = 1 and 1 − z is computed directly.
        return B * Hypergeometric.OneMinusPowerF21OverEpsilon(R, B + 1, A - 1, t / (Alpha + t), Alpha / (Alpha + t));
    }

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        ModelGuard.Horizon(t);
        ModelGuard.Customer(frequency, recency, age);
        var x = frequency;
        var numerator = (A + B + x) * Hypergeometric.OneMinusPowerF21OverEpsilon(R + x, B + x + 1, A - 1, t / (Alpha + age + t), (Alpha + age) / (Alpha + age + t));
        return numerator * ProbabilityAlive(frequency, recency, age);
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        ModelGuard.Customer(frequency, recency, age);
        var logOdds = Math.Log(A) - Math.Log(B + frequency) + ((R + frequency) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency)));
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <inheritdoc/>
    public override string ToString() => $"MBG/NBD(r={R:G6}, alpha={Alpha:G6}, a={A:G6}, b={B:G6})";
}
