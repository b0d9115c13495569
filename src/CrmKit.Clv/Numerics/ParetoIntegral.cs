namespace CrmKit.Clv.Numerics;

/// <summary>
/// The integral at the heart of the Pareto/NBD likelihood,
/// I = ∫ from t_x to T of (α + τ)^(−p) (β + τ)^(−q) dτ with p = r + x and q = s + 1,
/// returned as its logarithm. Written this way (Fader, Hardie &amp; Lee 2005, "A note on deriving the Pareto/NBD
/// model"), the term is a positive integral rather than the difference of two hypergeometric functions, and is
/// computed so that it stays accurate where that difference cancels or its series diverges.
/// </summary>
/// <remarks>
/// With G(t) = ∫ from t to ∞, I = G(t_x) − G(T). G(t) = A^(−c)/c · ₂F₁(c, q; c+1; y) with A the larger of α + t and
/// β + t (the roles of (α, p) and (β, q) swap with it), c = p + q − 1 and y = 1 − (smaller/larger) ∈ [0, 1); Euler's
/// transformation turns that ₂F₁ into a series of positive, decreasing terms, so nothing cancels inside G. When
/// G(T) is more than half of G(t_x) the subtraction itself would lose digits, so I is then integrated directly with
/// Gauss–Legendre quadrature on the short interval, where the integrand is smooth and varies little. When y is so
/// close to 1 that the series would need more than 20,000 terms, G is integrated numerically instead.
/// </remarks>
internal static class ParetoIntegral
{
    // 32-point Gauss–Legendre nodes and weights on [−1, 1] (computed once).
    internal static readonly (double[] Nodes, double[] Weights) Legendre = GaussLegendre(32);

    private static readonly (double[] Nodes, double[] Weights)[] Rules = [GaussLegendre(8), GaussLegendre(16), Legendre, GaussLegendre(64)];

    /// <summary>
    /// Quadrature nodes and weights for ∫ from a to b, accurate to double precision for the integrand's singularities at
    /// τ = −α and τ = −β: the error of an n-point Gauss–Legendre rule falls like ρ^(−2n), ρ the Bernstein-ellipse
    /// parameter of the nearer singularity. One rule of 8 to 64 points when that suffices; otherwise 16-point panels
    /// whose widths double away from a, each no wider than its distance from the singularity.
    /// </summary>
    internal static (double[] Taus, double[] Weights) Nodes(double alpha, double beta, double a, double b)
    {
        if (SingleRule(alpha, beta, a, b) is { } single)
        {
            return Map(single, a, b);
        }

        var m = Math.Min(alpha, beta);
        var taus = new List<double>();
        var weights = new List<double>();
        for (var lo = a; lo < b;)
        {
            var hi = Math.Min(b, lo + (m + lo));
            var (t, w) = Map(Rules[1], lo, hi);
            taus.AddRange(t);
            weights.AddRange(w);
            lo = hi;
        }

        return ([.. taus], [.. weights]);
    }

    /// <summary>The single Gauss–Legendre rule (8 to 64 points) accurate on [a, b], or null when graded panels are needed.</summary>
    internal static (double[] Nodes, double[] Weights)? SingleRule(double alpha, double beta, double a, double b)
    {
        var half = (b - a) / 2;
        var d = (Math.Min(alpha, beta) + a + half) / half; // distance of the nearer singularity from the centre, in half-widths
        var log = 2 * Math.Log10(d + Math.Sqrt((d * d) - 1));
        foreach (var rule in Rules)
        {
            if (rule.Nodes.Length * log >= 17)
            {
                return rule;
            }
        }

        return null;
    }

    private static (double[] Taus, double[] Weights) Map((double[] Nodes, double[] Weights) rule, double a, double b)
    {
        var half = (b - a) / 2;
        var taus = new double[rule.Nodes.Length];
        var weights = new double[rule.Nodes.Length];
        for (var i = 0; i < taus.Length; i++)
        {
            taus[i] = a + (half * (1 + rule.Nodes[i]));
            weights[i] = rule.Weights[i] * half;
        }

        return (taus, weights);
    }

    public static double LogIntegral(double alpha, double beta, double p, double q, double tx, double t)
    {
        if (t <= tx)
        {
            return double.NegativeInfinity;
        }

        var logGx = LogTail(alpha, beta, p, q, tx);
        var logGt = LogTail(alpha, beta, p, q, t);
        var ratio = Math.Exp(logGt - logGx);
        if (ratio < 0.5)
        {
            return logGx + Elementary.LogP1(-ratio);
        }

        return LogQuadrature(alpha, beta, p, q, tx, t);
    }

    /// <summary>ln G(t) = ln ∫ from t to ∞ of (α+τ)^(−p) (β+τ)^(−q) dτ.</summary>
    public static double LogTail(double alpha, double beta, double p, double q, double t)
    {
        // The integrand is symmetric in (α, p) ↔ (β, q): call the larger shifted scale "big".
        var (big, pb, small, qs) = alpha >= beta ? (alpha + t, p, beta + t, q) : (beta + t, q, alpha + t, p);

        // With u = τ − t and (big + u) = big/v: G = big^(−c) ∫_0^1 v^(c−1) (1 − y v)^(−qs) dv, c = pb + qs − 1,
        // y = 1 − small/big ∈ [0, 1), which is big^(−c)/c · ₂F₁(c, qs; c+1; y). Euler's transformation gives
        // ₂F₁(c, qs; c+1; y) = (1 − y)^(1−qs) ₂F₁(1, pb; c+1; y) = (small/big)^(1−qs) Σ (pb)_n/(c+1)_n y^n,
        // a series of positive terms whose ratio (pb+n)/(c+1+n)·y stays below y.
        var c = pb + qs - 1;
        var y = 1 - (small / big);
        if (y == 0)
        {
            return (-c * Math.Log(big)) - Math.Log(c);
        }

        var series = PositiveSeries(pb, c + 1, y, out var converged);
        if (converged)
        {
            return (-c * Math.Log(big)) - Math.Log(c) + ((1 - qs) * Math.Log(small / big)) + Math.Log(series);
        }

        // y so close to 1 that the series is too slow: integrate the v-form directly.
        var logIntegral = LogIntegrateOnUnit(c - 1, v => -qs * Elementary.LogP1(-y * v));
        return (-c * Math.Log(big)) + logIntegral;
    }

    // Σ_{n≥0} (b)_n / (c)_n · y^n with 0 < b < c, 0 ≤ y < 1.
    private static double PositiveSeries(double b, double c, double y, out bool converged)
    {
        double sum = 1, term = 1;
        for (var n = 0; n < 20_000; n++)
        {
            term *= (b + n) / (c + n) * y;
            sum += term;
            if (term <= 1e-17 * sum)
            {
                converged = true;
                return sum;
            }
        }

        converged = false;
        return sum;
    }

    internal static double LogQuadrature(double alpha, double beta, double p, double q, double a, double b)
    {
        // Integrate the logarithm of the integrand stably (log-sum-exp). The usual single rule is mapped on the fly.
        var single = SingleRule(alpha, beta, a, b);
        var (taus, weights) = single is { } rule ? (rule.Nodes, rule.Weights) : Nodes(alpha, beta, a, b);
        var mapped = single is not null;
        var half = (b - a) / 2;
        var max = double.NegativeInfinity;
        Span<double> logs = taus.Length <= 256 ? stackalloc double[taus.Length] : new double[taus.Length];
        for (var i = 0; i < taus.Length; i++)
        {
            var (tau, weight) = mapped ? (a + (half * (1 + taus[i])), weights[i] * half) : (taus[i], weights[i]);
            logs[i] = (-p * Math.Log(alpha + tau)) - (q * Math.Log(beta + tau)) + Math.Log(weight);
            max = Math.Max(max, logs[i]);
        }

        var sum = 0.0;
        foreach (var l in logs)
        {
            sum += Math.Exp(l - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>∫ from a to b of f by 32-point Gauss–Legendre on panels that halve towards a (40 of them), for integrands that vary fastest near a.</summary>
    internal static double IntegrateGraded(double a, double b, Func<double, double> f)
    {
        var (nodes, weights) = Legendre;
        var sum = 0.0;
        var hi = b;
        for (var level = 0; level < 40; level++)
        {
            var lo = level == 39 ? a : a + ((hi - a) / 2);
            var half = (hi - lo) / 2;
            for (var i = 0; i < nodes.Length; i++)
            {
                sum += weights[i] * half * f(lo + (half * (1 + nodes[i])));
            }

            hi = lo;
        }

        return sum;
    }

    // ln ∫_0^1 v^power · exp(logRest(v)) dv, power > −1 and logRest smooth on [0, 1]: Gauss–Legendre on panels that
    // shrink geometrically towards both ends (where the integrand may be singular or sharply peaked), and on the last
    // sliver [0, ε] the power integrated exactly, ε^(power+1)/(power+1)·exp(logRest(0)) — a strong singularity at 0 puts
    // a share there that quadrature would get wrong.
    internal static double LogIntegrateOnUnit(double power, Func<double, double> logRest)
    {
        var (nodes, weights) = Legendre;
        var logs = new List<double>(4096);
        void Panel(double lo, double hi)
        {
            var half = (hi - lo) / 2;
            for (var i = 0; i < nodes.Length; i++)
            {
                var v = lo + (half * (1 + nodes[i]));
                logs.Add((power * Math.Log(v)) + logRest(v) + Math.Log(weights[i] * half));
            }
        }

        const int Levels = 50;
        var epsilon = 0.0;
        for (var k = 0; k < Levels; k++)
        {
            var outer = 0.5 * Math.Pow(2, -k);
            var inner = outer / 2;
            Panel(inner, outer);                  // towards 0
            Panel(1 - outer, k == Levels - 1 ? 1 : 1 - inner); // towards 1
            epsilon = inner;
        }

        logs.Add(((power + 1) * Math.Log(epsilon)) - Math.Log(power + 1) + logRest(0));
        var max = logs.Max();
        return max + Math.Log(logs.Sum(l => Math.Exp(l - max)));
    }

    private static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Newton iteration on the Legendre polynomial from the Chebyshev-like initial guess.
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++)
                {
                    var pk = (((2 * k) - 1) * x * p1 - ((k - 1) * p0)) / k;
                    p0 = p1;
                    p1 = pk;
                }

                dp = n * ((x * p1) - p0) / ((x * x) - 1);
                var dx = p1 / dp;
                x -= dx;
                if (Math.Abs(dx) < 1e-16)
                {
                    break;
                }
            }

            nodes[i] = x;
            weights[i] = 2 / ((1 - (x * x)) * dp * dp);
        }

        return (nodes, weights);
    }
}
