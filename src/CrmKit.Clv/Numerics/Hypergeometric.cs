using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Numerics;

/// <summary>The Gauss hypergeometric function ₂F₁ where the CLV formulas need it: real a, b and c (c not 0, −1, −2 …) and 0 ≤ z &lt; 1.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 200_000;
    private const double Rescale = 1e200;

    /// <summary>₂F₁(a, b; c; z). See <see cref="F21Times(double, double, double, double, double)"/>.</summary>
    public static double F21(double a, double b, double c, double z) => F21Times(a, b, c, z, 0);

    /// <summary>
    /// e^(logFactor)·₂F₁(a, b; c; z), computed so that a huge ₂F₁ times a tiny factor neither overflows nor underflows
    /// on the way. The power series is summed (with running rescaling) up to z = 0.999 while its terms peak early enough; otherwise the
    /// linear transformation to 1 − z (Abramowitz &amp; Stegun 15.3.6) is used; where c − a − b is within 1e-6 of an integer
    /// (poles of its gamma functions) the mean over c ± 1e-4 is taken instead.
    /// </summary>
    /// <exception cref="ArithmeticException">The series did not converge.</exception>
    public static double F21Times(double a, double b, double c, double z, double logFactor) => F21Times(a, b, c, z, 1 - z, logFactor);

    /// <summary>
    /// As <see cref="F21Times(double, double, double, double, double)"/>, with w = 1 − z given separately: for a long
    /// horizon z rounds to 1 in double precision while w (e.g. (α+T)/(α+T+t)) is still accurate, and the transformation
    /// to 1 − z only needs w.
    /// </summary>
    public static double F21Times(double a, double b, double c, double z, double w, double logFactor)
    {
        if (z is < 0 || !(w > 0) || w > 1 || double.IsNaN(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "₂F₁ is evaluated here for 0 ≤ z < 1 only.");
        }

        // The series' terms grow while their ratio (a+n)(b+n)/((c+n)(n+1))·z exceeds 1: for positive parameters up to
        // the root PeakTerm finds, otherwise (bounded) up to n ≈ |ab/c|·z/(1−z) at first and n ≈ (a+b−c)·z/(1−z) for
        // large n. Past a few tens of thousands of terms the transformation is both faster and more accurate.
        var s = c - a - b;
        var nearPole = Math.Abs(s - Math.Round(s)) < 1e-6;
        var growth = a > 0 && b > 0 && c > 0 ? PeakTerm(a, b, c, z) : Math.Max(Math.Abs(a * b / c), -s) * z / (1 - z);
        if (z <= 0.999 && growth < 20_000)
        {
            var (sum, logScale) = Series(a, b, c, z);
            return sum * Math.Exp(logScale + logFactor);
        }

        if (nearPole)
        {
            // c − a − b (almost) an integer: the transformation's gamma functions have poles that cancel in the limit.
            // ₂F₁ is smooth in c, so take the mean of c ± δ, δ = 1e-4, away from the poles (error O(δ²)).
            const double delta = 1e-4;
            return 0.5 * (F21Times(a, b, c + delta, z, w, logFactor) + F21Times(a, b, c - delta, z, w, logFactor));
        }

        // A&S 15.3.6: F = Γ(c)Γ(s)/(Γ(c−a)Γ(c−b)) F(a, b; 1−s; 1−z) + (1−z)^s Γ(c)Γ(−s)/(Γ(a)Γ(b)) F(c−a, c−b; 1+s; 1−z).
        var (l1, s1) = LogAbsGamma(s);
        var (l2, s2) = LogAbsGamma(c - a);
        var (l3, s3) = LogAbsGamma(c - b);
        var (l4, s4) = LogAbsGamma(-s);
        var (l5, s5) = LogAbsGamma(a);
        var (l6, s6) = LogAbsGamma(b);
        var (logC, signC) = LogAbsGamma(c);
        var (sum1, scale1) = Series(a, b, 1 - s, w);
        var (sum2, scale2) = Series(c - a, c - b, 1 + s, w);
        var first = signC * s1 * s2 * s3 * sum1 * Math.Exp(logC + l1 - l2 - l3 + scale1 + logFactor);
        var second = signC * s4 * s5 * s6 * sum2 * Math.Exp(logC + l4 - l5 - l6 + (s * Math.Log(w)) + scale2 + logFactor);
        return first + second;
    }

    /// <summary>
    /// [1 − w^A·₂F₁(A, B; B + ε; z)] / ε with w = 1 − z: the bracket of the BG/NBD and MBG/NBD expectations, whose
    /// (a − 1) is ε. At ε = 0 the bracket is 0 (₂F₁(A, B; B; z) = w^−A) and the quotient is a removable singularity,
    /// so near it the limit form is used instead of the difference (whose relative error would be ~1e-16/|ε|):
    /// by Euler's transformation w^A·₂F₁(A, B; B+ε; z) = w^ε·₂F₁(B+ε−A, ε; B+ε; z) = w^ε·(1 + ε·S(ε)) with
    /// S = Σ_{n≥1} (B+ε−A)_n (1+ε)_{n−1} / ((B+ε)_n n!) zⁿ, so the quotient is −expm1(ε ln w)/ε − w^ε·S(ε), exact for
    /// every ε including 0. S converges like n^(−A−1)·zⁿ, so it is summed for z ≤ 0.99; beyond that (long horizons,
    /// |ε| &lt; 1e-3) the difference form is evaluated at ε = ±1e-3, ±2e-3 and interpolated by the cubic through them
    /// (error O(1e-12) relative; the function is analytic in ε).
    /// </summary>
    public static double OneMinusPowerF21OverEpsilon(double a, double b, double epsilon, double z, double w)
    {
        const double near = 1e-3;
        if (Math.Abs(epsilon) >= near)
        {
            return (1 - F21Times(a, b, b + epsilon, z, w, a * Math.Log(w))) / epsilon;
        }

        var logW = Math.Log(w);
        if (z <= 0.99)
        {
            var c = b + epsilon;
            double sum = 0, term = 1;
            for (var n = 0; n < MaxTerms; n++)
            {
                // term_{n+1} = term_n · (c−A+n)(ε+n)/((c+n)(n+1)) · z, with (1+ε)_{n} / (1+ε)_{n−1} = n + ε and term_0
                // standing for the first term's factor (c−A)/c · z.
                term *= (c - a + n) * (n == 0 ? 1 : epsilon + n) / ((c + n) * (n + 1)) * z;
                sum += term;
                if (term == 0 || (n > 2 && Math.Abs(term) <= 1e-17 * Math.Abs(sum)))
                {
                    // (1 − w^ε)/ε → −ln w as ε → 0.
                    var first = epsilon == 0 ? -logW : -Elementary.ExpM1(epsilon * logW) / epsilon;
                    return first - (Math.Exp(epsilon * logW) * sum);
                }
            }

            throw new ArithmeticException($"The limit series of ₂F₁({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
        }

        // Lagrange cubic through ε = −2h, −h, h, 2h.
        const double h = 2 * near;
        ReadOnlySpan<double> nodes = [-h, -h / 2, h / 2, h];
        var result = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            var weight = 1.0;
            for (var j = 0; j < nodes.Length; j++)
            {
                if (j != i)
                {
                    weight *= (epsilon - nodes[j]) / (nodes[i] - nodes[j]);
                }
            }

            result += weight * (1 - F21Times(a, b, b + nodes[i], z, w, a * Math.Log(w))) / nodes[i];
        }

        return result;
    }

    // For positive a, b, c: the index past which the series' terms decrease, i.e. the largest n with
    // (a+n)(b+n)z > (c+n)(n+1) — the larger root of (1−z)n² + (c+1−z(a+b))n + (c−zab) — or 0 when they never grow.
    // (A tiny c makes the first ratio ab·z/c huge without making the terms grow for long.)
    private static double PeakTerm(double a, double b, double c, double z)
    {
        var p = 1 - z;
        var q = c + 1 - (z * (a + b));
        var r = c - (z * a * b);
        var discriminant = (q * q) - (4 * p * r);
        return discriminant <= 0 ? 0 : Math.Max(0, (-q + Math.Sqrt(discriminant)) / (2 * p));
    }

    // Σ (a)_n (b)_n / ((c)_n n!) zⁿ as sum·e^(logScale), rescaled whenever it grows past 1e200.
    private static (double Sum, double LogScale) Series(double a, double b, double c, double z, int maxTerms = MaxTerms)
    {
        double sum = 1, term = 1, logScale = 0;
        for (var n = 0; n < maxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(sum) > Rescale || Math.Abs(term) > Rescale)
            {
                sum /= Rescale;
                term /= Rescale;
                logScale += Math.Log(Rescale);
            }

            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum))
            {
                return (sum, logScale);
            }
        }

        throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}) did not converge in {maxTerms} terms.");
    }

    // ln|Γ(x)| and the sign of Γ(x), for any real x that is not a pole.
    private static (double Log, double Sign) LogAbsGamma(double x)
    {
        if (x > 0)
        {
            return (GammaLn(x), 1);
        }

        var sin = Math.Sin(Math.PI * x);
        return (Math.Log(Math.PI) - Math.Log(Math.Abs(sin)) - GammaLn(1 - x), Math.Sign(sin));
    }
}
