using CrmKit.Clv.Numerics;

namespace CrmKit.Clv.Tests;

/// <summary>
/// The Pareto/NBD integral against brute force: 64-point Gauss–Legendre on 2,000 geometric panels of [t_x, T], summed
/// in logarithms — slow, simple and independent of the series, transformations and rule selection it checks.
/// </summary>
public class ParetoIntegralTests
{
    private static double BruteForce(double alpha, double beta, double p, double q, double a, double b)
    {
        var (nodes, weights) = ParetoIntegral.Legendre;
        var logs = new List<double>();
        // Panels that widen geometrically from a: the integrand is steepest there.
        var edges = Enumerable.Range(0, 2001).Select(k => a + ((b - a) * (Math.Pow(1.01, k) - 1) / (Math.Pow(1.01, 2000) - 1))).ToArray();
        for (var k = 0; k < 2000; k++)
        {
            var half = (edges[k + 1] - edges[k]) / 2;
            for (var i = 0; i < nodes.Length; i++)
            {
                var tau = edges[k] + (half * (1 + nodes[i]));
                logs.Add((-p * Math.Log(alpha + tau)) - (q * Math.Log(beta + tau)) + Math.Log(weights[i] * half));
            }
        }

        var max = logs.Max();
        return max + Math.Log(logs.Sum(l => Math.Exp(l - max)));
    }

    // Scales and shapes from 1e-3 to 1e3, frequencies to 5,000, intervals from a minute to decades (in weeks).
    private static readonly Gen<(double Alpha, double Beta, double P, double Q, double A, double B)> Case =
        from alpha in Gen.Choose(-3000, 3000).Select(v => Math.Pow(10, v / 1000.0))
        from beta in Gen.Choose(-3000, 3000).Select(v => Math.Pow(10, v / 1000.0))
        from r in Gen.Choose(-3000, 2000).Select(v => Math.Pow(10, v / 1000.0))
        from x in Gen.Frequency((3, Gen.Choose(0, 10)), (1, Gen.Choose(0, 5000)))
        from s in Gen.Choose(-3000, 2000).Select(v => Math.Pow(10, v / 1000.0))
        from start in Gen.Choose(-4000, 3000).Select(v => Math.Pow(10, v / 1000.0))
        from length in Gen.Choose(-4000, 3000).Select(v => Math.Pow(10, v / 1000.0))
        select (alpha, beta, r + x, s + 1, x == 0 ? 0.0 : start, (x == 0 ? 0.0 : start) + length);

    [Fact]
    public void LogIntegral_StrongSingularityNearTheStart_AgreesWithBruteForce()
    {
        // Found by the property below: the series is too slow here (β ≪ α) and the fallback integration must treat
        // the v^(c−1) singularity at 0 exactly.
        var (alpha, beta, p, q, a, b) = (72.11074791828997, 0.009057326008981998, 0.26607250597988097, 1.0087096358995609, 0.0, 24.660393372343385);
        Assert.Equal(BruteForce(alpha, beta, p, q, a, b), ParetoIntegral.LogIntegral(alpha, beta, p, q, a, b), 9);
    }

    [Property(MaxTest = 300)]
    public Property LogIntegral_AgreesWithBruteForce()
        => Prop.ForAll(Case.ToArbitrary(), c =>
        {
            var fast = ParetoIntegral.LogIntegral(c.Alpha, c.Beta, c.P, c.Q, c.A, c.B);
            var slow = BruteForce(c.Alpha, c.Beta, c.P, c.Q, c.A, c.B);
            var withGradient = ParetoGradient.LogIntegral(c.Alpha, c.Beta, c.P, c.Q, c.A, c.B).Value;
            var ok = Math.Abs(fast - slow) <= 1e-9 * Math.Max(1, Math.Abs(slow)) && Math.Abs(withGradient - fast) <= 1e-12 * Math.Max(1, Math.Abs(fast));
            return ok.Label($"fast {fast:R}, brute force {slow:R}, gradient path {withGradient:R} at {c}");
        });
}
