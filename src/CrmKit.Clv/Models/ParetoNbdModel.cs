using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;
using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Models;

/// <summary>
/// The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; likelihood as in Fader, Hardie &amp; Lee 2005,
/// "A note on deriving the Pareto/NBD model"): while active, a customer buys as a Poisson process with rate
/// λ ~ Gamma(r, α); the customer's lifetime is exponential with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// The likelihood's hypergeometric term is evaluated as the positive integral it comes from
/// (see <c>ParetoIntegral</c>), so it stays accurate for extreme parameters and frequencies where the usual
/// difference of two ₂F₁ series cancels or diverges.
/// </remarks>
public sealed class ParetoNbdModel : ICountModel
{
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>Creates the model with known parameters.</summary>
    public ParetoNbdModel(double r, double alpha, double s, double beta)
    {
        R = ModelGuard.Positive(r, "r", "Pareto/NBD");
        Alpha = ModelGuard.Positive(alpha, "alpha", "Pareto/NBD");
        S = ModelGuard.Positive(s, "s", "Pareto/NBD");
        Beta = ModelGuard.Positive(beta, "beta", "Pareto/NBD");
    }

    /// <inheritdoc/>
    public string Name => "Pareto/NBD";

    /// <summary>Shape of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate parameter of the gamma distribution of purchase rates.</summary>
    public double Alpha { get; }

    /// <summary>Shape of the gamma distribution of dropout rates.</summary>
    public double S { get; }

    /// <summary>Rate parameter of the gamma distribution of dropout rates.</summary>
    public double Beta { get; }

    /// <summary>The log-likelihood of one customer.</summary>
    public static double LogLikelihood(double x, double tx, double t, double r, double alpha, double s, double beta)
    {
        var rx = r + x;
        var alive = (-rx * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        var died = Math.Log(s) + ParetoIntegral.LogIntegral(alpha, beta, rx, s + 1, tx, t);
        return GammaLn(rx) - GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta)) + BetaGeoModel.LogAddExp(alive, died);
    }

    /// <summary>The log-likelihood of a summary.</summary>
    public static double LogLikelihood(RfmSummary data, double r, double alpha, double s, double beta)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0))
        {
            return double.NegativeInfinity;
        }

        var x = data.Frequency;
        var tx = data.Recency;
        var t = data.Age;
        var w = data.Weight;
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += w[i] * LogLikelihood(x[i], tx[i], t[i], r, alpha, s, beta);
        }

        return sum;
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    public static FitResult<ParetoNbdModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ModelGuard.NotEmpty(data, "Pareto/NBD");
        ModelGuard.SomeRepeat(data, "Pareto/NBD");
        var meanAge = BetaGeoModel.MeanAge(data);
        var (p, ll, estimates, iterations) = MaximumLikelihood.Fit(
            "Pareto/NBD", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, meanAge, 1, meanAge], data.CustomerCount, options ?? FitOptions.Default);
        return new FitResult<ParetoNbdModel>(new ParetoNbdModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations);
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double t)
    {
        ModelGuard.Horizon(t);
        return Math.Abs(S - 1) < 1e-10
            ? R * Beta / Alpha * Math.Log((Beta + t) / Beta)
            : R * Beta / (Alpha * (S - 1)) * (1 - Math.Pow(Beta / (Beta + t), S - 1));
    }

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        ModelGuard.Horizon(t);
        ModelGuard.Customer(frequency, recency, age);
        var rx = R + frequency;
        var perUnit = rx * (Beta + age) / (Alpha + age);
        var horizon = Math.Abs(S - 1) < 1e-10
            ? Math.Log((Beta + age + t) / (Beta + age))
            : (1 - Math.Pow((Beta + age) / (Beta + age + t), S - 1)) / (S - 1);
        return perUnit * horizon * ProbabilityAlive(frequency, recency, age);
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        ModelGuard.Customer(frequency, recency, age);
        var rx = R + frequency;
        var alive = (-rx * Math.Log(Alpha + age)) - (S * Math.Log(Beta + age));
        var died = Math.Log(S) + ParetoIntegral.LogIntegral(Alpha, Beta, rx, S + 1, recency, age);
        return 1 / (1 + Math.Exp(died - alive));
    }

    /// <summary>Draws a customer base from the model (see <see cref="Simulation"/>).</summary>
    public RfmSummary Simulate(int customers, double age, Random random) => Simulation.ParetoNbd(this, customers, age, random);

    /// <inheritdoc/>
    public override string ToString() => $"Pareto/NBD(r={R:G6}, alpha={Alpha:G6}, s={S:G6}, beta={Beta:G6})";
}
