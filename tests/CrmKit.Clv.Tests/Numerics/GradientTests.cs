using CrmKit.Clv.Models;
using CrmKit.Clv.Numerics;
using CrmKit.Clv.Summaries;

namespace CrmKit.Clv.Tests;

/// <summary>The analytic gradients the fits use agree with central differences of the log-likelihoods.</summary>
public class GradientTests
{
    private static readonly RfmSummary Customers = RfmSummary.Create(
        [0, 1, 2, 5, 0, 12, 3, 40, 1],
        [0, 3.5, 20.1, 30.2, 0, 38.0, 1.0, 51.9, 38.43],
        [10, 38.86, 38.86, 52, 1, 39, 2, 52, 38.43],
        [0, 25, 40.5, 12, 0, 33.3, 1000, 18, 6.49]);

    private static Gen<double[]> Parameters(int count) => Gen.Choose(-1500, 1500).Select(v => Math.Exp(v / 500.0)).ArrayOf(count);

    private static bool Agrees(Func<double[], double> f, double[] parameters, double[] analytic)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var h = 1e-6 * parameters[i];
            var up = (double[])parameters.Clone();
            var down = (double[])parameters.Clone();
            up[i] += h;
            down[i] -= h;
            var numeric = (f(up) - f(down)) / (2 * h);
            if (Math.Abs(numeric - analytic[i]) > 1e-4 * Math.Max(1, Math.Abs(numeric)))
            {
                throw new InvalidOperationException($"parameter {i}: numeric {numeric:R}, analytic {analytic[i]:R} at ({string.Join(", ", parameters)})");
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public Property BetaGeo_GradientMatchesDifferences()
        => Prop.ForAll(Parameters(4).ToArbitrary(), p =>
        {
            var g = new double[4];
            BetaGeoModel.LogLikelihood(Customers, p, g);
            return Agrees(v => BetaGeoModel.LogLikelihood(Customers, v[0], v[1], v[2], v[3]), p, g);
        });

    [Property(MaxTest = 200)]
    public Property ModifiedBetaGeo_GradientMatchesDifferences()
        => Prop.ForAll(Parameters(4).ToArbitrary(), p =>
        {
            var g = new double[4];
            BetaGeoModel.CountLikelihood(Customers, p, g, modified: true);
            return Agrees(v => ModifiedBetaGeoModel.LogLikelihood(Customers, v[0], v[1], v[2], v[3]), p, g);
        });

    [Property(MaxTest = 200)]
    public Property ParetoNbd_GradientMatchesDifferences()
        => Prop.ForAll(Parameters(4).ToArbitrary(), p =>
        {
            var g = new double[4];
            ParetoNbdModel.LogLikelihood(Customers, p, g);
            return Agrees(v => ParetoNbdModel.LogLikelihood(Customers, v[0], v[1], v[2], v[3]), p, g);
        });

    [Property(MaxTest = 200)]
    public Property GammaGamma_GradientMatchesDifferences()
        => Prop.ForAll(Parameters(3).ToArbitrary(), p =>
        {
            var buyers = Customers.RepeatBuyers();
            var g = new double[3];
            GammaGammaModel.LogLikelihood(buyers, p, g);
            return Agrees(v => GammaGammaModel.LogLikelihood(buyers, v[0], v[1], v[2]), p, g);
        });

    [Property(MaxTest = 300)]
    public Property ParetoIntegral_GradientMatchesDifferences()
        => Prop.ForAll(Parameters(4).ToArbitrary(), Gen.Choose(0, 100).Select(v => v / 2.0).ToArbitrary(), Gen.Choose(1, 100).Select(v => v / 2.0).ToArbitrary(), (p, start, length) =>
        {
            var (alpha, beta, pp, q) = (p[0], p[1], p[2], 1 + p[3]);
            var analytic = ParetoGradient.LogIntegral(alpha, beta, pp, q, start, start + length);
            Assert.Equal(ParetoIntegral.LogIntegral(alpha, beta, pp, q, start, start + length), analytic.Value, 9);
            return Agrees(v => ParetoIntegral.LogIntegral(v[0], v[1], v[2], v[3], start, start + length), [alpha, beta, pp, q], [analytic.DAlpha, analytic.DBeta, analytic.DP, analytic.DQ]);
        });
}
