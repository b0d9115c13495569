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

    /// <summary>The log-likelihood and its gradient in (r, α, s, β).</summary>
    internal static double LogLikelihood(RfmSummary data, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        double r = parameters[0], alpha = parameters[1], s = parameters[2], beta = parameters[3];
        gradient.Clear();
        if (!(r > 0 && alpha > 0 && s > 0 && beta > 0))
        {
            return double.NegativeInfinity;
        }

        var (xs, index) = data.DistinctFrequencies;
        var k = xs.Length;
        Span<double> perX = k <= 512 ? stackalloc double[k * 2] : new double[k * 2];
        for (var j = 0; j < k; j++)
        {
            perX[j * 2] = GammaLn(r + xs[j]);
            perX[(j * 2) + 1] = DiGamma(r + xs[j]);
        }

        var table = perX.ToArray();
        var series = new SeriesTable[k];
        for (var j = 0; j < k; j++)
        {
            // The series runs over (pb, qs) = (r + x, s + 1) when α ≥ β and (s + 1, r + x) otherwise (see ParetoGradient.LogTail).
            var (pb, qs) = alpha >= beta ? (r + xs[j], s + 1) : (s + 1, r + xs[j]);
            series[j] = new SeriesTable(pb, qs, 48);
        }

        var (sum, gR, gAlpha, gS, gBeta) = RowSums.Sum(data.Count, (from, to) => Rows(data, table, series, index, r, alpha, s, beta, from, to));
        var n = data.CustomerCount;
        gradient[0] = gR + (n * (Math.Log(alpha) - DiGamma(r)));
        gradient[1] = gAlpha + (n * r / alpha);
        gradient[2] = gS + (n * Math.Log(beta));
        gradient[3] = gBeta + (n * s / beta);
        return sum + (n * ((r * Math.Log(alpha)) + (s * Math.Log(beta)) - GammaLn(r)));
    }

    private static RowSums Rows(RfmSummary data, double[] perX, SeriesTable[] series, int[] index, double r, double alpha, double s, double beta, int from, int to)
    {
        var fx = data.Frequency;
        var tx = data.Recency;
        var t = data.Age;
        var w = data.Weight;
        var logS = Math.Log(s);
        double sum = 0, gR = 0, gAlpha = 0, gS = 0, gBeta = 0;
        for (var i = from; i < to; i++)
        {
            var rx = r + fx[i];
            var logAT = Math.Log(alpha + t[i]);
            var logBT = Math.Log(beta + t[i]);
            var alive = (-rx * logAT) - (s * logBT);
            var integral = ParetoGradient.LogIntegral(alpha, beta, rx, s + 1, tx[i], t[i], series[index[i]]);
            var died = logS + integral.Value;
            var d = died - alive;
            var e = Math.Exp(-Math.Abs(d));
            var w2 = d >= 0 ? 1 / (1 + e) : e / (1 + e);
            var w1 = 1 - w2;
            var wi = w[i];
            var j = index[i] * 2;
            sum += wi * (perX[j] + Math.Max(alive, died) + Elementary.LogP1(e));
            gR += wi * (perX[j + 1] - (w1 * logAT) + (w2 * integral.DP));
            gAlpha += wi * ((-w1 * rx / (alpha + t[i])) + (w2 * integral.DAlpha));
            gS += wi * ((-w1 * logBT) + (w2 * ((1 / s) + integral.DQ)));
            gBeta += wi * ((-w1 * s / (beta + t[i])) + (w2 * integral.DBeta));
        }

        return new RowSums(sum, gR, gAlpha, gS, gBeta);
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    public static FitResult<ParetoNbdModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ModelGuard.NotEmpty(data, "Pareto/NBD");
        ModelGuard.SomeRepeat(data, "Pareto/NBD");
        data = data.CompressCounts(); // equal rows merged into weights: the same likelihood over fewer rows
        var meanAge = BetaGeoModel.MeanAge(data);
        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "Pareto/NBD", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, meanAge, 1, meanAge], data.CustomerCount, options ?? FitOptions.Default, (v, g) => LogLikelihood(data, v, g));
        return new FitResult<ParetoNbdModel>(new ParetoNbdModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations) { Diagnosis = ModelGuard.CheckRepeatBuyers(diagnosis, data, "Pareto/NBD") };
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double t)
    {
        ModelGuard.Horizon(t);
        return R * Beta / Alpha * OneMinusPowerOverExponent(Beta / (Beta + t), S - 1);
    }

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        ModelGuard.Horizon(t);
        ModelGuard.Customer(frequency, recency, age);
        var rx = R + frequency;
        var perUnit = rx * (Beta + age) / (Alpha + age);
        var horizon = OneMinusPowerOverExponent((Beta + age) / (Beta + age + t), S - 1);
        return perUnit * horizon * ProbabilityAlive(frequency, recency, age);
    }

    // (1 − w^e)/e, with its limit −ln w at e = 0 (s = 1): −expm1(e·ln w)/e has no cancellation near the singularity.
    private static double OneMinusPowerOverExponent(double w, double e)
        => e == 0 ? -Math.Log(w) : -Elementary.ExpM1(e * Math.Log(w)) / e;

    /// <inheritdoc/>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        ModelGuard.Customer(frequency, recency, age);
        var rx = R + frequency;
        var alive = (-rx * Math.Log(Alpha + age)) - (S * Math.Log(Beta + age));
        var died = Math.Log(S) + ParetoIntegral.LogIntegral(Alpha, Beta, rx, S + 1, recency, age);
        return 1 / (1 + Math.Exp(died - alive));
    }

    /// <summary>
    /// Probability of exactly <paramref name="n"/> purchases in (0, t] for a new customer: the NBD count over the whole
    /// period if the customer is still alive at t, plus the NBD count up to the dropout time τ integrated over τ's
    /// Pareto (Lomax) density on (0, t] — by Gauss–Legendre quadrature on panels graded towards 0.
    /// </summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelGuard.Horizon(t);
        if (t == 0)
        {
            return n == 0 ? 1 : 0;
        }

        var logCoefficient = GammaLn(R + n) - GammaLn(R) - GammaLn(n + 1);
        double LogNbd(double tau) => logCoefficient + (R * Math.Log(Alpha / (Alpha + tau))) + (n > 0 ? n * Math.Log(tau / (Alpha + tau)) : 0);
        var alive = Math.Exp(LogNbd(t) + (S * Math.Log(Beta / (Beta + t))));
        var died = ParetoIntegral.IntegrateGraded(0, t, tau => Math.Exp(LogNbd(tau) + Math.Log(S) + (S * Math.Log(Beta)) - ((S + 1) * Math.Log(Beta + tau))));
        return Math.Clamp(alive + died, 0, 1);
    }

    /// <summary>Draws a customer base from the model (see <see cref="Simulation"/>).</summary>
    public RfmSummary Simulate(int customers, double age, Random random) => Simulation.ParetoNbd(this, customers, age, random);

    /// <inheritdoc/>
    public override string ToString() => $"Pareto/NBD(r={R:G6}, alpha={Alpha:G6}, s={S:G6}, beta={Beta:G6})";
}
