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
                throw new FitFailedException("BG/BB", $"row {i} has x = {data.Frequency[i]}, t_x = {data.Recency[i]}, n = {data.Age[i]}; whole numbers with x ≤ t_x ≤ n are needed.");
            }
        }

        var (p, ll, estimates, iterations) = MaximumLikelihood.Fit(
            "BG/BB", Names, v => LogLikelihood(data, v[0], v[1], v[2], v[3]), [1, 1, 1, 1], data.CustomerCount, options ?? FitOptions.Default);
        return new FitResult<BetaGeoBetaBinomialModel>(new BetaGeoBetaBinomialModel(p[0], p[1], p[2], p[3]), ll, estimates, data.CustomerCount, iterations);
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

    /// <summary>Expected transactions in the first <paramref name="opportunities"/> of a new customer.</summary>
    public double ExpectedPurchases(double opportunities)
        => Alpha / (Alpha + Beta) * Delta / (Gamma - 1) * (1 - Math.Exp(GammaLn(Gamma + Delta) - GammaLn(Gamma + Delta + opportunities) + GammaLn(1 + Delta + opportunities) - GammaLn(1 + Delta)));

    /// <summary>Expected transactions in the next <paramref name="opportunities"/> of a customer with pattern (x, t_x, n).</summary>
    public double ConditionalExpectedPurchases(double opportunities, double x, double tx, double n)
    {
        var logL = LogLikelihood(x, tx, n, Alpha, Beta, Gamma, Delta);
        var factor = Math.Exp(BetaGeoModel.LogBeta(Alpha + x + 1, Beta + n - x) - BetaGeoModel.LogBeta(Alpha, Beta) - logL
            + GammaLn(Gamma + Delta) - GammaLn(1 + Delta)) * Delta / (Gamma - 1);
        var bracket = Math.Exp(GammaLn(1 + Delta + n) - GammaLn(Gamma + Delta + n)) - Math.Exp(GammaLn(1 + Delta + n + opportunities) - GammaLn(Gamma + Delta + n + opportunities));
        return factor * bracket;
    }

    /// <inheritdoc/>
    public override string ToString() => $"BG/BB(alpha={Alpha:G6}, beta={Beta:G6}, gamma={Gamma:G6}, delta={Delta:G6})";
}
