using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;
using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Models;

/// <summary>
/// The BG/BB model for discrete transaction opportunities (Fader, Hardie &amp; Shang 2010): at each opportunity an
/// active customer buys with probability p ~ Beta(α, β) and stays active with probability 1 − θ, θ ~ Beta(γ, δ).
/// Data: x = repeat transactions, t_x = opportunity of the last one, n = opportunities — passed in an
/// <see cref="RfmSummary"/> as frequency, recency and age (whole numbers of periods).
/// </summary>
public sealed class BetaGeoBetaBinomialModel
{
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <summary>Creates the model with known parameters.</summary>
    public BetaGeoBetaBinomialModel(double alpha, double beta, double gamma, double delta)
    {
        Alpha = ModelGuard.Positive(alpha, "alpha", "BG/BB");
        Beta = ModelGuard.Positive(beta, "beta", "BG/BB");
        Gamma = ModelGuard.Positive(gamma, "gamma", "BG/BB");
        Delta = ModelGuard.Positive(delta, "delta", "BG/BB");
    }

    /// <summary>First shape of the beta distribution of purchase probabilities.</summary>
    public double Alpha { get; }

    /// <summary>Second shape of the beta distribution of purchase probabilities.</summary>
    public double Beta { get; }

    /// <summary>First shape of the beta distribution of dropout probabilities.</summary>
    public double Gamma { get; }

    /// <summary>Second shape of the beta distribution of dropout probabilities.</summary>
    public double Delta { get; }

    /// <summary>The log-likelihood of one pattern (x, t_x, n).</summary>
    public static double LogLikelihood(double x, double tx, double n, double alpha, double beta, double gamma, double delta)
    {
        var logBab = BetaGeoModel.LogBeta(alpha, beta);
        var logBgd = BetaGeoModel.LogBeta(gamma, delta);
        var total = BetaGeoModel.LogBeta(alpha + x, beta + n - x) - logBab + BetaGeoModel.LogBeta(gamma, delta + n) - logBgd;
        var extra = n - tx - 1;
        for (var i = 0; i <= extra; i++)
        {
            total = BetaGeoModel.LogAddExp(total, BetaGeoModel.LogBeta(alpha + x, beta + tx - x + i) - logBab + BetaGeoModel.LogBeta(gamma + 1, delta + tx + i) - logBgd);
        }

        return total;
    }

    /// <summary>The log-likelihood of a summary.</summary>
    public static double LogLikelihood(RfmSummary data, double alpha, double beta, double gamma, double delta)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(alpha > 0 && beta > 0 && gamma > 0 && delta > 0))
        {
            return double.NegativeInfinity;
        }

        var sum = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            sum += data.Weight[i] * LogLikelihood(data.Frequency[i], data.Recency[i], data.Age[i], alpha, beta, gamma, delta);
        }

        return sum;
    }

    /// <summary>Fits the model by maximum likelihood.</summary>
    /// <exception cref="FitFailedException">Recency or opportunities are not whole numbers, or the fit failed.</exception>
    public static FitResult<BetaGeoBetaBinomialModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ModelGuard.NotEmpty(data, "BG/BB");
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Recency[i] != Math.Floor(data.Recency[i]) || data.Age[i] != Math.Floor(data.Age[i]) || data.Frequency[i] > data.Recency[i])
            {
                throw new FitFailedException("BG/BB", $"row {i} has x = {data.Frequency[i]}, t_x = {data.Recency[i]}, n = {data.Age[i]}; whole numbers with x ≤ t_x ≤ n are needed.", null, ClvProblemKind.InvalidRow, [i, data.Frequency[i], data.Recency[i], data.Age[i]]);
            }
        }

        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "BG/BB", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, 1, 1, 1], data.CustomerCount, options ?? FitOptions.Default);
        return new FitResult<BetaGeoBetaBinomialModel>(new BetaGeoBetaBinomialModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations) { Diagnosis = diagnosis };
    }

    /// <summary>Probability that a customer with pattern (x, t_x, n) is active at opportunity n + 1.</summary>
    public double ProbabilityAlive(double x, double tx, double n)
    {
        var alive = BetaGeoModel.LogBeta(Alpha + x, Beta + n - x) - BetaGeoModel.LogBeta(Alpha, Beta) + BetaGeoModel.LogBeta(Gamma, Delta + n + 1) - BetaGeoModel.LogBeta(Gamma, Delta);
        return Math.Exp(alive - LogLikelihood(x, tx, n, Alpha, Beta, Gamma, Delta));
    }

    /// <summary>
    /// Probability of exactly <paramref name="x"/> transactions in the first <paramref name="opportunities"/> of a new
    /// customer (Fader, Hardie &amp; Shang 2010): alive throughout, or dropping out after opportunity i ≥ x.
    /// </summary>
    public double ProbabilityOfPurchases(int x, int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        if (x > opportunities)
        {
            return 0;
        }

        double LogChoose(int n, int k) => GammaLn(n + 1) - GammaLn(k + 1) - GammaLn(n - k + 1);
        var logBab = BetaGeoModel.LogBeta(Alpha, Beta);
        var logBgd = BetaGeoModel.LogBeta(Gamma, Delta);
        var n = opportunities;
        var p = Math.Exp(LogChoose(n, x) + BetaGeoModel.LogBeta(Alpha + x, Beta + n - x) - logBab + BetaGeoModel.LogBeta(Gamma, Delta + n) - logBgd);
        for (var i = x; i < n; i++)
        {
            p += Math.Exp(LogChoose(i, x) + BetaGeoModel.LogBeta(Alpha + x, Beta + i - x) - logBab + BetaGeoModel.LogBeta(Gamma + 1, Delta + i) - logBgd);
        }

        return Math.Clamp(p, 0, 1);
    }

    /// <summary>
    /// Expected transactions in the first <paramref name="opportunities"/> of a new customer (Fader, Hardie &amp; Shang
    /// 2010, eq. 6): α/(α+β)·δ/(γ−1)·[1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))]. At γ = 1 the quotient is a removable
    /// singularity; it is evaluated from its limit form, so γ = 1 and its neighbourhood are as accurate as elsewhere.
    /// </summary>
    /// <exception cref="Customers.InvalidValueException">The number of opportunities is negative, NaN or infinite.</exception>
    public double ExpectedPurchases(double opportunities)
    {
        ModelGuard.Horizon(opportunities);
        return Alpha / (Alpha + Beta) * Delta * GammaRatioTerm(1 + Delta, opportunities, Gamma - 1);
    }

    /// <summary>
    /// Expected transactions in the next <paramref name="opportunities"/> of a customer with pattern (x, t_x, n)
    /// (Fader, Hardie &amp; Shang 2010, eq. 13); γ = 1 is handled as in <see cref="ExpectedPurchases"/>.
    /// </summary>
    /// <exception cref="Customers.InvalidValueException">The number of opportunities is negative, NaN or infinite.</exception>
    public double ConditionalExpectedPurchases(double opportunities, double x, double tx, double n)
    {
        ModelGuard.Horizon(opportunities);
        var logL = LogLikelihood(x, tx, n, Alpha, Beta, Gamma, Delta);
        var u = 1 + Delta + n;
        var epsilon = Gamma - 1;

        // B(α+x+1, β+n−x)/B(α, β)/L · Γ(γ+δ)/Γ(1+δ) · Γ(1+δ+n)/Γ(γ+δ+n), then δ·[1 − Γ(u+m)Γ(u+ε)/(Γ(u+m+ε)Γ(u))]/ε.
        var logFactor = BetaGeoModel.LogBeta(Alpha + x + 1, Beta + n - x) - BetaGeoModel.LogBeta(Alpha, Beta) - logL
            + LogGammaShift(1 + Delta, epsilon) - LogGammaShift(u, epsilon);
        return Math.Exp(logFactor) * Delta * GammaRatioTerm(u, opportunities, epsilon);
    }

    // [1 − Γ(u+m)Γ(u+ε)/(Γ(u+m+ε)Γ(u))]/ε = (K/ε)·(1 − e^−K)/K with K = ln Γ(u+m+ε) − ln Γ(u+m) − ln Γ(u+ε) + ln Γ(u):
    // both factors are computed without cancellation, and K/ε → ψ(u+m) − ψ(u) as ε → 0 (the limit at γ = 1).
    internal static double GammaRatioTerm(double u, double m, double epsilon)
    {
        if (m == 0)
        {
            return 0;
        }

        double kOverEpsilon;
        if (Math.Abs(epsilon) < 1e-4)
        {
            // Taylor series of K/ε in ε: the differences (at u+m minus at u) of ψ, ε/2·ψ′ and ε²/6·ψ″; the next term,
            // ε³/24·ψ‴, is below 1e-13 relative. ψ′ and ψ″ come from central differences of ψ with step 1e-3; their
            // errors (~1e-7 relative) are scaled by ε and ε².
            const double h = 1e-3;
            static double Psi1(double y) => (DiGamma(y + h) - DiGamma(y - h)) / (2 * h);
            static double Psi2(double y) => (DiGamma(y + h) - (2 * DiGamma(y)) + DiGamma(y - h)) / (h * h);
            var v = u + m;
            kOverEpsilon = DiGamma(v) - DiGamma(u) + (epsilon / 2 * (Psi1(v) - Psi1(u))) + (epsilon * epsilon / 6 * (Psi2(v) - Psi2(u)));
        }
        else
        {
            kOverEpsilon = (LogGammaShift(u + m, epsilon) - LogGammaShift(u, epsilon)) / epsilon;
        }

        var k = kOverEpsilon * epsilon;
        var oneMinusExpOverK = k == 0 ? 1 : -Elementary.ExpM1(-k) / k;
        return kOverEpsilon * oneMinusExpOverK;
    }

    // ln Γ(y+ε) − ln Γ(y). For y ≥ 1000 from Stirling's series, whose leading terms are differenced analytically
    // ((y−½)·log1p(ε/y) + ε·ln(y+ε) − ε): ln Γ(y) itself is ~y·ln y, and its rounding error would swamp the difference
    // for long horizons (y ~ 1e18). Below, the plain difference (ln Γ(y) < 6e3, so its absolute error is ~1e-12).
    private static double LogGammaShift(double y, double epsilon)
    {
        if (epsilon == 0)
        {
            return 0;
        }

        if (y < 1000 || y + epsilon < 1000)
        {
            return GammaLn(y + epsilon) - GammaLn(y);
        }

        var ye = y + epsilon;
        return ((y - 0.5) * Elementary.LogP1(epsilon / y)) + (epsilon * Math.Log(ye)) - epsilon
            + ((1 / (12 * ye)) - (1 / (12 * y))) - ((1 / (360 * ye * ye * ye)) - (1 / (360 * y * y * y)));
    }

    /// <inheritdoc/>
    public override string ToString() => $"BG/BB(alpha={Alpha:G6}, beta={Beta:G6}, gamma={Gamma:G6}, delta={Delta:G6})";
}
