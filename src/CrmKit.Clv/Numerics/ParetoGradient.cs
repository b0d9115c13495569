namespace CrmKit.Clv.Numerics;

/// <summary>The logarithm of the Pareto/NBD integral together with its partial derivatives.</summary>
/// <param name="Value">ln I.</param>
/// <param name="DAlpha">∂ ln I / ∂α.</param>
/// <param name="DBeta">∂ ln I / ∂β.</param>
/// <param name="DP">∂ ln I / ∂p.</param>
/// <param name="DQ">∂ ln I / ∂q.</param>
internal readonly record struct LogWithGradient(double Value, double DAlpha, double DBeta, double DP, double DQ)
{
    public static LogWithGradient Combine(LogWithGradient upper, LogWithGradient lower)
    {
        // ln(G_x − G_T) and its gradient: (∇ln G_x − ρ ∇ln G_T)/(1 − ρ), ρ = G_T/G_x.
        var rho = Math.Exp(lower.Value - upper.Value);
        var k = 1 / (1 - rho);
        return new LogWithGradient(
            upper.Value + Elementary.LogP1(-rho),
            k * (upper.DAlpha - (rho * lower.DAlpha)),
            k * (upper.DBeta - (rho * lower.DBeta)),
            k * (upper.DP - (rho * lower.DP)),
            k * (upper.DQ - (rho * lower.DQ)));
    }
}

/// <summary>
/// ln I and its gradient in (α, β, p, q) for I = ∫ from t_x to T of (α+τ)^(−p) (β+τ)^(−q) dτ, by the same routes as
/// <see cref="ParetoIntegral.LogIntegral"/>: the derivatives of the positive series are accumulated term by term, those
/// of the quadrature by differentiating the integrand, and those of the rare numerical-integration fallback by central
/// differences.
/// </summary>
internal static class ParetoGradient
{
    public static LogWithGradient LogIntegral(double alpha, double beta, double p, double q, double tx, double t, SeriesTable? table = null)
    {
        if (t <= tx)
        {
            return new LogWithGradient(double.NegativeInfinity, 0, 0, 0, 0); // bought at the very end: no room to have died
        }

        var upper = LogTail(alpha, beta, p, q, tx, table);
        var lower = LogTail(alpha, beta, p, q, t, table);
        return Math.Exp(lower.Value - upper.Value) < 0.5
            ? LogWithGradient.Combine(upper, lower)
            : Quadrature(alpha, beta, p, q, tx, t);
    }

    public static LogWithGradient LogTail(double alpha, double beta, double p, double q, double t, SeriesTable? table = null)
    {
        var swapped = alpha < beta;
        var (big, pb, small, qs) = swapped ? (beta + t, q, alpha + t, p) : (alpha + t, p, beta + t, q);
        var c = pb + qs - 1;
        var y = 1 - (small / big);

        // S = Σ T_n with T_0 = 1, T_n = Π_{k≤n} ratio_k · yⁿ, ratio_k = (pb+k−1)/(c+k); alongside Σ T_n ∂lnT_n/∂pb,
        // Σ T_n ∂lnT_n/∂qs and dS/dy = Σ n·T_n/y (kept as U_n = T_n/y so that y = 0 needs no special case).
        double s = 1, sPb = 0, sQs = 0, sY = 0;
        double u = 0, dPb = 0, dQs = 0;
        var converged = false;
        var tabled = table is not null && table.Pb == pb && table.C == c ? table.Length : 0;
        for (var n = 1; n <= 20_000; n++)
        {
            double ratio;
            if (n <= tabled)
            {
                ratio = table!.Ratio[n - 1];
                dPb = table.DPb[n - 1];
                dQs = table.DQs[n - 1];
            }
            else
            {
                var inverseC = 1 / (c + n);
                ratio = (pb + n - 1) * inverseC;
                dPb += (1 / (pb + n - 1)) - inverseC;
                dQs -= inverseC;
            }

            u = n == 1 ? ratio : u * ratio * y;
            var term = u * y;
            s += term;
            sPb += term * dPb;
            sQs += term * dQs;
            sY += n * u;
            if (term <= 1e-17 * s && n * u <= 1e-17 * Math.Max(sY, 1e-300))
            {
                converged = true;
                break;
            }
        }

        if (!converged)
        {
            return ByDifferences(alpha, beta, p, q, t);
        }

        var logA = Math.Log(big);
        var value = (-c * logA) - Math.Log(c) + ((1 - qs) * Math.Log(small / big)) + Math.Log(s);
        var dBig = (-pb / big) + (sY / s * small / (big * big));
        var dSmall = ((1 - qs) / small) - (sY / s / big);
        var dPbTotal = -logA - (1 / c) + (sPb / s);
        var dQsTotal = -logA - (1 / c) - Math.Log(small / big) + (sQs / s);
        return swapped
            ? new LogWithGradient(value, dSmall, dBig, dQsTotal, dPbTotal)
            : new LogWithGradient(value, dBig, dSmall, dPbTotal, dQsTotal);
    }

    private static LogWithGradient Quadrature(double alpha, double beta, double p, double q, double a, double b)
    {
        var single = ParetoIntegral.SingleRule(alpha, beta, a, b);
        var (taus, weights) = single is { } rule ? (rule.Nodes, rule.Weights) : ParetoIntegral.Nodes(alpha, beta, a, b);
        var half = (b - a) / 2;
        var n = taus.Length;
        Span<double> tau = n <= 256 ? stackalloc double[n] : new double[n];
        for (var i = 0; i < n; i++)
        {
            tau[i] = single is null ? taus[i] : a + (half * (1 + taus[i]));
        }

        Span<double> logs = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> logAlpha = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> logBeta = n <= 256 ? stackalloc double[n] : new double[n];
        var max = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            logAlpha[i] = Math.Log(alpha + tau[i]);
            logBeta[i] = Math.Log(beta + tau[i]);
            logs[i] = (-p * logAlpha[i]) - (q * logBeta[i]) + Math.Log(single is null ? weights[i] : weights[i] * half);
            max = Math.Max(max, logs[i]);
        }

        double sum = 0, dAlpha = 0, dBeta = 0, dP = 0, dQ = 0;
        for (var i = 0; i < n; i++)
        {
            var f = Math.Exp(logs[i] - max);
            sum += f;
            dAlpha += f * (-p / (alpha + tau[i]));
            dBeta += f * (-q / (beta + tau[i]));
            dP -= f * logAlpha[i];
            dQ -= f * logBeta[i];
        }

        return new LogWithGradient(max + Math.Log(sum), dAlpha / sum, dBeta / sum, dP / sum, dQ / sum);
    }

    private static LogWithGradient ByDifferences(double alpha, double beta, double p, double q, double t)
    {
        double F(double al, double be, double pp, double qq) => ParetoIntegral.LogTail(al, be, pp, qq, t);
        double D(double v) => 1e-6 * Math.Max(Math.Abs(v), 1e-3);
        var (ha, hb, hp, hq) = (D(alpha), D(beta), D(p), D(q));
        return new LogWithGradient(
            F(alpha, beta, p, q),
            (F(alpha + ha, beta, p, q) - F(alpha - ha, beta, p, q)) / (2 * ha),
            (F(alpha, beta + hb, p, q) - F(alpha, beta - hb, p, q)) / (2 * hb),
            (F(alpha, beta, p + hp, q) - F(alpha, beta, p - hp, q)) / (2 * hp),
            (F(alpha, beta, p, q + hq) - F(alpha, beta, p, q - hq)) / (2 * hq));
    }
}

/// <summary>
/// The first terms of the Pareto/NBD tail series for one (pb, c) — that is, one frequency at given parameters: each
/// term's ratio and the running sums of its logarithmic derivatives. Shared by every customer with that frequency in
/// one likelihood evaluation, it turns three divisions a term into table lookups.
/// </summary>
internal sealed class SeriesTable
{
    public SeriesTable(double pb, double qs, int length)
    {
        var c = pb + qs - 1; // exactly as ParetoGradient.LogTail computes it, so that the table is recognised there
        Pb = pb;
        C = c;
        Ratio = new double[length];
        DPb = new double[length];
        DQs = new double[length];
        double dPb = 0, dQs = 0;
        for (var n = 1; n <= length; n++)
        {
            var inverseC = 1 / (c + n);
            Ratio[n - 1] = (pb + n - 1) * inverseC;
            dPb += (1 / (pb + n - 1)) - inverseC;
            dQs -= inverseC;
            DPb[n - 1] = dPb;
            DQs[n - 1] = dQs;
        }
    }

    public double Pb { get; }

    public double C { get; }

    public int Length => Ratio.Length;

    public double[] Ratio { get; }

    public double[] DPb { get; }

    public double[] DQs { get; }
}
