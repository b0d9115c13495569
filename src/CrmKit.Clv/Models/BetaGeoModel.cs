using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;
using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Models;

/// <summary>
/// The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while active, a customer
/// buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer drops out with probability
/// p ~ Beta(a, b).
/// </summary>
public sealed class BetaGeoModel : ICountModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model with known parameters.</summary>
    /// <exception cref="Customers.InvalidValueException">A parameter is not positive and finite.</exception>
    public BetaGeoModel(double r, double alpha, double a, double b)
    {
        R = ModelGuard.Positive(r, "r", "BG/NBD");
        Alpha = ModelGuard.Positive(alpha, "alpha", "BG/NBD");
        A = ModelGuard.Positive(a, "a", "BG/NBD");
        B = ModelGuard.Positive(b, "b", "BG/NBD");
    }

    /// <inheritdoc/>
    public string Name => "BG/NBD";

    /// <summary>Shape of the gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Scale (rate parameter) of the gamma distribution of purchase rates.</summary>
    public double Alpha { get; }

    /// <summary>First shape of the beta distribution of dropout probabilities.</summary>
    public double A { get; }

    /// <summary>Second shape of the beta distribution of dropout probabilities.</summary>
    public double B { get; }

    /// <summary>The log-likelihood of a summary (weighted sum over its rows); −∞ for parameters that are not all positive.</summary>
    public static double LogLikelihood(RfmSummary data, double r, double alpha, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(data);
        return CountLikelihood(data, [r, alpha, a, b], stackalloc double[4], modified: false);
    }

    /// <summary>The log-likelihood and its gradient in (r, α, a, b); the gamma-function terms are computed once per distinct frequency.</summary>
    internal static double LogLikelihood(RfmSummary data, ReadOnlySpan<double> parameters, Span<double> gradient)
        => CountLikelihood(data, parameters, gradient, modified: false);

    // Shared by BG/NBD and MBG/NBD, which differ in the beta-function shift and in whether a customer without repeat
    // purchases may have dropped out.
    internal static double CountLikelihood(RfmSummary data, ReadOnlySpan<double> parameters, Span<double> gradient, bool modified)
    {
        double r = parameters[0], alpha = parameters[1], a = parameters[2], b = parameters[3];
        gradient.Clear();
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0))
        {
            return double.NegativeInfinity;
        }

        var shift = modified ? 1.0 : 0.0;
        var (xs, index) = data.DistinctFrequencies;
        var k = xs.Length;
        Span<double> perX = k <= 256 ? stackalloc double[k * 6] : new double[k * 6];
        for (var j = 0; j < k; j++)
        {
            var x = xs[j];
            perX[j * 6] = GammaLn(r + x) + GammaLn(b + x + shift) - GammaLn(a + b + x + shift);
            perX[(j * 6) + 1] = DiGamma(r + x);
            perX[(j * 6) + 2] = DiGamma(b + x + shift);
            perX[(j * 6) + 3] = DiGamma(a + b + x + shift);
            var tail = b + x - 1 + shift;
            perX[(j * 6) + 4] = x > 0 || modified ? Math.Log(a) - Math.Log(tail) : double.NegativeInfinity;
            perX[(j * 6) + 5] = x > 0 || modified ? 1 / tail : 0;
        }

        var table = perX.ToArray();
        var (sum, gR, gAlpha, gA, gB) = RowSums.Sum(data.Count, (from, to) => CountRows(data, table, index, r, alpha, a, from, to));
        var n = data.CustomerCount;
        var psiAB = DiGamma(a + b);
        gradient[0] = gR + (n * (Math.Log(alpha) - DiGamma(r)));
        gradient[1] = gAlpha + (n * r / alpha);
        gradient[2] = gA + (n * psiAB);
        gradient[3] = gB + (n * (psiAB - DiGamma(b)));
        return sum + (n * ((r * Math.Log(alpha)) - GammaLn(r) + GammaLn(a + b) - GammaLn(b)));
    }

    private static RowSums CountRows(RfmSummary data, double[] perX, int[] index, double r, double alpha, double a, int from, int to)
    {
        var fx = data.Frequency;
        var tx = data.Recency;
        var t = data.Age;
        var w = data.Weight;
        double sum = 0, gR = 0, gAlpha = 0, gA = 0, gB = 0;
        for (var i = from; i < to; i++)
        {
            var j = index[i] * 6;
            var rx = r + fx[i];
            var logAT = Math.Log(alpha + t[i]);
            var logATx = Math.Log(alpha + tx[i]);
            var a3 = -rx * logAT;
            var a4 = perX[j + 4] - (rx * logATx);

            // log(e^a3 + e^a4) with one exponential: the larger term is factored out.
            var d = a4 - a3;
            var e = Math.Exp(-Math.Abs(d));
            var w4 = d >= 0 ? 1 / (1 + e) : e / (1 + e);
            var w3 = 1 - w4;
            var wi = w[i];
            sum += wi * (perX[j] + Math.Max(a3, a4) + Elementary.LogP1(e));
            gR += wi * (perX[j + 1] - (w3 * logAT) - (w4 * logATx));
            gAlpha += wi * (-rx * ((w3 / (alpha + t[i])) + (w4 / (alpha + tx[i]))));
            gA += wi * (-perX[j + 3] + (w4 / a));
            gB += wi * (perX[j + 2] - perX[j + 3] - (w4 * perX[j + 5]));
        }

        return new RowSums(sum, gR, gAlpha, gA, gB);
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <exception cref="FitFailedException">The data cannot identify the model (no repeat purchases) or the optimiser failed.</exception>
    public static FitResult<BetaGeoModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ModelGuard.NotEmpty(data, "BG/NBD");
        ModelGuard.SomeRepeat(data, "BG/NBD");
        data = data.CompressCounts(); // equal rows merged into weights: the same likelihood over fewer rows
        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "BG/NBD", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, MeanAge(data), 1, 1], data.CustomerCount, options ?? FitOptions.Default, (v, g) => LogLikelihood(data, v, g));
        return new FitResult<BetaGeoModel>(new BetaGeoModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations) { Diagnosis = ModelGuard.CheckRepeatBuyers(diagnosis, data, "BG/NBD") };
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double t)
    {
        ModelGuard.Horizon(t);
        return Unconditional(t, 0, 0);
    }

    /// <inheritdoc/>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        ModelGuard.Horizon(t);
        ModelGuard.Customer(frequency, recency, age);
        return Unconditional(t, frequency, age) * ProbabilityAlive(frequency, recency, age);
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        ModelGuard.Customer(frequency, recency, age);
        if (frequency == 0)
        {
            return 1;
        }

        // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), in logs so that huge x cannot overflow.
        var logOdds = Math.Log(A) - Math.Log(B + frequency - 1) + ((R + frequency) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency)));
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>
    /// <see cref="ConditionalExpectedPurchases(double, double, double, double)"/> for every row of a summary. The
    /// hypergeometric term depends only on (x, T), so it is computed once per distinct pair; rows are processed in
    /// parallel.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the summary.</exception>
    public void ConditionalExpectedPurchases(double t, RfmSummary data, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(data);
        ModelGuard.Horizon(t);
        if (destination.Length < data.Count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the summary has {data.Count} rows.", nameof(destination));
        }

        var (xs, xIndex) = data.DistinctFrequencies;
        var (ages, tIndex) = data.DistinctAges;
        var tableSize = (long)xs.Length * ages.Length;
        var table = tableSize <= (4L * data.Count) + 1024 ? new double[tableSize] : null;
        if (table is not null)
        {
            Array.Fill(table, double.NaN); // filled on first use; a race only computes the same value twice
        }

        var result = new double[data.Count];
        Parallel.For(0, (data.Count + 16_383) / 16_384, chunk =>
        {
            var x = data.Frequency;
            var tx = data.Recency;
            var age = data.Age;
            var end = Math.Min(data.Count, (chunk + 1) * 16_384);
            for (var i = chunk * 16_384; i < end; i++)
            {
                double expected;
                if (table is null)
                {
                    expected = Unconditional(t, x[i], age[i]);
                }
                else
                {
                    var slot = ((long)xIndex[i] * ages.Length) + tIndex[i];
                    expected = table[slot];
                    if (double.IsNaN(expected))
                    {
                        expected = table[slot] = Unconditional(t, x[i], age[i]);
                    }
                }

                result[i] = expected * AliveUnchecked(x[i], tx[i], age[i]);
            }
        });
        result.CopyTo(destination);
    }

    // (a+b+x−1)/(a−1)·[1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] with z = t/(α+T+t) and 1 − z = (α+T)/(α+T+t)
    // computed directly (z rounds to 1 for long horizons while 1 − z is still accurate). The quotient by a − 1 is a
    // removable singularity at a = 1 (the bracket vanishes there); Hypergeometric.OneMinusPowerF21OverEpsilon
    // evaluates it from its limit form near a = 1.
    private double Unconditional(double t, double x, double age)
    {
        var z = t / (Alpha + age + t);
        var w = (Alpha + age) / (Alpha + age + t);
        return (A + B + x - 1) * Hypergeometric.OneMinusPowerF21OverEpsilon(R + x, B + x, A - 1, z, w);
    }

    /// <summary><see cref="ProbabilityAlive(double, double, double)"/> for every row of a summary.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the summary.</exception>
    public void ProbabilityAlive(RfmSummary data, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (destination.Length < data.Count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the summary has {data.Count} rows.", nameof(destination));
        }

        var x = data.Frequency;
        var tx = data.Recency;
        var t = data.Age;
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = AliveUnchecked(x[i], tx[i], t[i]);
        }
    }

    private double AliveUnchecked(double x, double tx, double t)
        => x == 0 ? 1 : 1 / (1 + Math.Exp(Math.Log(A) - Math.Log(B + x - 1) + ((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)))));

    /// <summary>Probability of exactly <paramref name="n"/> purchases in (0, t] for a new customer (FHL 2005, eq. 8).</summary>
    public double ProbabilityOfPurchases(int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ModelGuard.Horizon(t);
        var logBetaAB = LogBeta(A, B);
        var q = t / (Alpha + t);
        var logFirst = LogBeta(A, B + n) - logBetaAB + GammaLn(R + n) - GammaLn(R) - GammaLn(n + 1) + (R * Math.Log(Alpha / (Alpha + t))) + (n > 0 ? n * Math.Log(q) : 0);
        var result = Math.Exp(logFirst);
        if (n > 0)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += Math.Exp(GammaLn(R + j) - GammaLn(R) - GammaLn(j + 1) + (j > 0 ? j * Math.Log(q) : 0));
            }

            result += Math.Exp(LogBeta(A + 1, B + n - 1) - logBetaAB) * (1 - (Math.Pow(Alpha / (Alpha + t), R) * sum));
        }

        return Math.Clamp(result, 0, 1);
    }

    /// <summary>Draws a customer base from the model, all observed for the same age (see <see cref="Simulation"/>).</summary>
    public RfmSummary Simulate(int customers, double age, Random random) => Simulation.BetaGeo(this, customers, age, random);

    /// <summary>Draws a customer base from the model, each customer observed for its own age.</summary>
    public RfmSummary Simulate(ReadOnlySpan<double> ages, Random random) => Simulation.BetaGeo(this, ages, random);

    internal static double MeanAge(RfmSummary data)
    {
        double sum = 0, weight = 0;
        for (var i = 0; i < data.Count; i++)
        {
            sum += data.Age[i] * data.Weight[i];
            weight += data.Weight[i];
        }

        return Math.Max(sum / weight, 1e-3);
    }

    internal static double LogBeta(double a, double b) => GammaLn(a) + GammaLn(b) - GammaLn(a + b);

    internal static double LogAddExp(double x, double y)
    {
        var max = Math.Max(x, y);
        return max == double.NegativeInfinity ? max : max + Math.Log(Math.Exp(x - max) + Math.Exp(y - max));
    }

    /// <inheritdoc/>
    public override string ToString() => $"BG/NBD(r={R:G6}, alpha={Alpha:G6}, a={A:G6}, b={B:G6})";
}
