using static MathNet.Numerics.SpecialFunctions;

namespace CrmKit.Clv.Numerics;

/// <summary>The Gauss hypergeometric function ₂F₁ where the CLV formulas need it: real a, b, c &gt; 0 and 0 ≤ z &lt; 1.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 200_000;

    /// <summary>
    /// ₂F₁(a, b; c; z). The power series converges like zⁿ and is summed up to z = 0.99. Closer to 1, the linear transformation to 1 − z (Abramowitz &amp; Stegun 15.3.6) is used, unless
    /// c − a − b is within 1e-6 of an integer, where its gamma functions have poles and the plain series is summed instead.
    /// </summary>
    /// <exception cref="ArithmeticException">The series did not converge.</exception>
    public static double F21(double a, double b, double c, double z)
    {
        if (z is < 0 or >= 1 || double.IsNaN(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "₂F₁ is evaluated here for 0 ≤ z < 1 only.");
        }

        var s = c - a - b;
        if (z <= 0.99 || Math.Abs(s - Math.Round(s)) < 1e-6)
        {
            return Series(a, b, c, z);
        }

        // A&S 15.3.6: F = Γ(c)Γ(s)/(Γ(c−a)Γ(c−b)) F(a, b; 1−s; 1−z) + (1−z)^s Γ(c)Γ(−s)/(Γ(a)Γ(b)) F(c−a, c−b; 1+s; 1−z).
        var w = 1 - z;
        var (l1, s1) = LogAbsGamma(s);
        var (l2, s2) = LogAbsGamma(c - a);
        var (l3, s3) = LogAbsGamma(c - b);
        var (l4, s4) = LogAbsGamma(-s);
        var logC = GammaLn(c);
        var first = s1 * s2 * s3 * Math.Exp(logC + l1 - l2 - l3) * Series(a, b, 1 - s, w);
        var second = s4 * Math.Exp(logC + l4 - GammaLn(a) - GammaLn(b) + (s * Math.Log(w))) * Series(c - a, c - b, 1 + s, w);
        return first + second;
    }

    private static double Series(double a, double b, double c, double z)
    {
        double sum = 1, term = 1;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
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
