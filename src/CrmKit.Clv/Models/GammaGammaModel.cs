using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Models;

/// <summary>
/// The Gamma-Gamma spend model (Colombo &amp; Jiang 1999; Fader, Hardie &amp; Lee 2005, "RFM and CLV"): each transaction's
/// value is Gamma(p, ν) distributed around a customer's mean, with ν ~ Gamma(q, v) across customers. Fitted on repeat
/// buyers' mean repeat spend; it assumes spend is independent of purchase frequency — check it with
/// <see cref="FrequencyValueCorrelation"/>.
/// </summary>
public sealed class GammaGammaModel
{
    private static readonly string[] Names = ["p", "q", "v"];

    /// <summary>Creates the model with known parameters.</summary>
    public GammaGammaModel(double p, double q, double v)
    {
        P = ModelGuard.Positive(p, "p", "Gamma-Gamma");
        Q = ModelGuard.Positive(q, "q", "Gamma-Gamma");
        V = ModelGuard.Positive(v, "v", "Gamma-Gamma");
    }

    /// <summary>Shape of the per-transaction spend distribution.</summary>
    public double P { get; }

    /// <summary>Shape of the distribution of customers' scale parameters.</summary>
    public double Q { get; }

    /// <summary>Scale of the distribution of customers' scale parameters.</summary>
    public double V { get; }

    /// <summary>The log-likelihood of the repeat buyers of a summary (rows with frequency 0 are skipped); −∞ for parameters that are not all positive.</summary>
    public static double LogLikelihood(RfmSummary data, double p, double q, double v)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(data, [p, q, v], stackalloc double[3]);
    }

    /// <summary>The log-likelihood of the repeat buyers and its gradient in (p, q, v).</summary>
    internal static double LogLikelihood(RfmSummary data, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        double p = parameters[0], q = parameters[1], v = parameters[2];
        gradient.Clear();
        if (!(p > 0 && q > 0 && v > 0))
        {
            return double.NegativeInfinity;
        }

        var (xs, index) = data.DistinctFrequencies;
        var k = xs.Length;
        Span<double> perX = k <= 256 ? stackalloc double[k * 3] : new double[k * 3];
        for (var j = 0; j < k; j++)
        {
            var px = p * xs[j];
            perX[j * 3] = xs[j] > 0 ? GammaLn(px + q) - GammaLn(px) : 0;
            perX[(j * 3) + 1] = xs[j] > 0 ? DiGamma(px + q) : 0;
            perX[(j * 3) + 2] = xs[j] > 0 ? DiGamma(px) : 0;
        }

        var fx = data.Frequency;
        var m = data.MonetaryValue;
        var w = data.Weight;
        var logV = Math.Log(v);
        var psiQ = DiGamma(q);
        var common = -GammaLn(q) + (q * logV);
        double sum = 0, gP = 0, gQ = 0, gV = 0;
        for (var i = 0; i < fx.Length; i++)
        {
            var x = fx[i];
            if (x == 0)
            {
                continue;
            }

            var j = index[i] * 3;
            var px = p * x;
            var logM = Math.Log(m[i]);
            var logX = Math.Log(x);
            var denominator = (x * m[i]) + v;
            var logDen = Math.Log(denominator);
            var wi = w[i];
            sum += wi * (perX[j] + common + ((px - 1) * logM) + (px * logX) - ((px + q) * logDen));
            gP += wi * x * (perX[j + 1] - perX[j + 2] + logM + logX - logDen);
            gQ += wi * (perX[j + 1] - psiQ + logV - logDen);
            gV += wi * ((q / v) - ((px + q) / denominator));
        }

        gradient[0] = gP;
        gradient[1] = gQ;
        gradient[2] = gV;
        return sum;
    }

    /// <summary>Fits the model by maximum likelihood on the repeat buyers.</summary>
    /// <exception cref="FitFailedException">There are no repeat buyers, or one has a mean spend of 0.</exception>
    public static FitResult<GammaGammaModel> Fit(RfmSummary data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var buyers = data.RepeatBuyers();
        if (buyers.Count == 0)
        {
            throw new FitFailedException("Gamma-Gamma", "no customer made a repeat purchase, and the model is fitted on repeat purchases.", null, ClvProblemKind.NoRepeatPurchaseForSpend);
        }

        for (var i = 0; i < buyers.Count; i++)
        {
            if (!(buyers.MonetaryValue[i] > 0))
            {
                throw new FitFailedException("Gamma-Gamma", $"customer '{buyers.CustomerIds[i]}' (row {i} of the repeat buyers) has a mean repeat spend of {buyers.MonetaryValue[i]}; the model needs positive spend.", "Leave out customers whose repeat purchases were all free.", ClvProblemKind.NonPositiveSpend, [i, buyers.MonetaryValue[i]], buyers.CustomerIds[i]);
            }
        }

        var mean = 0.0;
        for (var i = 0; i < buyers.Count; i++)
        {
            mean += buyers.MonetaryValue[i] * buyers.Weight[i];
        }

        mean /= buyers.CustomerCount;
        var (p, ll, estimates, iterations, diagnosis) = MaximumLikelihood.Fit(
            "Gamma-Gamma", Names, v => LogLikelihood(buyers, v[0], v[1], v[2]), [1, 1, mean], buyers.CustomerCount, options ?? FitOptions.Default, (v, g) => LogLikelihood(buyers, v, g));
        return new FitResult<GammaGammaModel>(new GammaGammaModel(p[0], p[1], p[2]), ll, estimates, buyers.CustomerCount, iterations)
        {
            Diagnosis = CheckMeanSpend(ModelGuard.CheckRepeatBuyers(diagnosis, buyers, "Gamma-Gamma"), p[1]),
        };
    }

    // q ≤ 1: the population's mean spend p·v/(q − 1) does not exist (the spend distribution is too heavy-tailed).
    private static FitDiagnosis CheckMeanSpend(FitDiagnosis diagnosis, double q)
        => q > 1 ? diagnosis : diagnosis.WithProblem(new ClvProblem(ClvProblemKind.InfiniteMeanSpend, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Gamma-Gamma fitted q = {q:G4} ≤ 1: the mean spend per purchase is infinite under the model (the spend is too heavy-tailed for it), so it cannot value customers. What to do: check the spend data for outliers (a few huge orders), or value customers by their historical spend."))
        {
            Model = "Gamma-Gamma", Figures = [q],
        });

    /// <summary>
    /// Pearson correlation between frequency and mean repeat spend among repeat buyers (weighted). The model assumes
    /// none; a magnitude above about 0.3 suggests it should not be used on these data.
    /// </summary>
    public static double FrequencyValueCorrelation(RfmSummary data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double sw = 0, sx = 0, sy = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Frequency[i] > 0)
            {
                sw += data.Weight[i];
                sx += data.Weight[i] * data.Frequency[i];
                sy += data.Weight[i] * data.MonetaryValue[i];
            }
        }

        if (sw == 0)
        {
            return double.NaN;
        }

        double mx = sx / sw, my = sy / sw, cxy = 0, cxx = 0, cyy = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Frequency[i] > 0)
            {
                var dx = data.Frequency[i] - mx;
                var dy = data.MonetaryValue[i] - my;
                cxy += data.Weight[i] * dx * dy;
                cxx += data.Weight[i] * dx * dx;
                cyy += data.Weight[i] * dy * dy;
            }
        }

        return cxx > 0 && cyy > 0 ? cxy / Math.Sqrt(cxx * cyy) : double.NaN;
    }

    /// <summary>
    /// Expected mean spend per transaction of a customer with <paramref name="frequency"/> repeat purchases of mean
    /// value <paramref name="monetaryValue"/>: a weighted average of the population mean and the customer's own mean.
    /// For a customer without repeat purchases, the population mean p·v/(q − 1).
    /// </summary>
    /// <returns>
    /// p·(v + x·m)/(p·x + q − 1) in the currency of <paramref name="monetaryValue"/>; <see cref="double.PositiveInfinity"/>
    /// where that mean does not exist (p·x + q ≤ 1, e.g. every one-time buyer when q ≤ 1): the posterior of the
    /// customer's mean spend then has no finite mean. Never negative.
    /// </returns>
    /// <exception cref="InvalidValueException">The frequency or mean spend is negative, NaN or infinite.</exception>
    public double ConditionalExpectedSpend(double frequency, double monetaryValue)
    {
        if (!(frequency >= 0) || !(monetaryValue >= 0) || !double.IsFinite(frequency) || !double.IsFinite(monetaryValue))
        {
            throw new InvalidValueException("spend", $"frequency {frequency} and mean spend {monetaryValue} must be finite and ≥ 0.");
        }

        var denominator = (P * frequency) + Q - 1;
        return denominator > 0 ? P * (V + (frequency * monetaryValue)) / denominator : double.PositiveInfinity;
    }

    /// <summary>The population mean spend per transaction, p·v/(q − 1) (infinite for q ≤ 1).</summary>
    public double MeanSpend => Q > 1 ? P * V / (Q - 1) : double.PositiveInfinity;

    /// <inheritdoc/>
    public override string ToString() => $"Gamma-Gamma(p={P:G6}, q={Q:G6}, v={V:G6})";
}
