using CrmKit.Clv.Summaries;
using MathNet.Numerics.Distributions;

namespace CrmKit.Clv.Models;

/// <summary>
/// Draws customer bases from the models, for tests and what-if analysis. Purchase times are continuous: recency and
/// age are not rounded to whole periods (rounding would bias the data away from the model and spoil parameter
/// recovery). Every customer is observed for <c>age</c> after a first purchase at time 0.
/// </summary>
public static class Simulation
{
    /// <summary>Customers from a BG/NBD model, each observed for its own age.</summary>
    public static RfmSummary BetaGeo(BetaGeoModel model, ReadOnlySpan<double> ages, Random random)
        => Draw(ages, random, (rng, age) =>
        {
            ArgumentNullException.ThrowIfNull(model);
            var lambda = Gamma.Sample(rng, model.R, model.Alpha);
            var p = Beta.Sample(rng, model.A, model.B);
            return Purchases(rng, lambda, age, dropOutAtStart: false, p);
        });

    /// <summary>Customers from a BG/NBD model, all observed for the same age.</summary>
    public static RfmSummary BetaGeo(BetaGeoModel model, int customers, double age, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        return BetaGeo(model, Enumerable.Repeat(age, customers).ToArray(), random);
    }

    /// <summary>Customers from an MBG/NBD model (a customer may drop out right after the first purchase).</summary>
    public static RfmSummary ModifiedBetaGeo(ModifiedBetaGeoModel model, int customers, double age, Random random)
        => Draw(customers, age, random, (rng, ages) =>
        {
            ArgumentNullException.ThrowIfNull(model);
            var lambda = Gamma.Sample(rng, model.R, model.Alpha);
            var p = Beta.Sample(rng, model.A, model.B);
            return Purchases(rng, lambda, ages, dropOutAtStart: true, p);
        });

    /// <summary>Customers from a Pareto/NBD model.</summary>
    public static RfmSummary ParetoNbd(ParetoNbdModel model, int customers, double age, Random random)
        => Draw(customers, age, random, (rng, ages) =>
        {
            ArgumentNullException.ThrowIfNull(model);
            var lambda = Gamma.Sample(rng, model.R, model.Alpha);
            var mu = Gamma.Sample(rng, model.S, model.Beta);
            var lifetime = Exponential.Sample(rng, mu);
            var end = Math.Min(lifetime, ages);
            double t = 0, last = 0;
            var x = 0;
            while (true)
            {
                t += Exponential.Sample(rng, lambda);
                if (t > end)
                {
                    break;
                }

                x++;
                last = t;
            }

            return (x, last);
        });

    /// <summary>
    /// Customers from a BG/BB model over <paramref name="opportunities"/> discrete periods: before each period an active
    /// customer drops out with probability θ; an active customer transacts in a period with probability p. Rows are
    /// (x, t_x, n) patterns as <see cref="BetaGeoBetaBinomialModel"/> reads them.
    /// </summary>
    public static RfmSummary BetaGeoBetaBinomial(BetaGeoBetaBinomialModel model, int customers, int opportunities, Random random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(opportunities, 1);
        var x = new double[customers];
        var tx = new double[customers];
        var n = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var p = Beta.Sample(random, model.Alpha, model.Beta);
            var theta = Beta.Sample(random, model.Gamma, model.Delta);
            for (var t = 1; t <= opportunities; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                if (random.NextDouble() < p)
                {
                    x[i]++;
                    tx[i] = t;
                }
            }

            n[i] = opportunities;
        }

        return RfmSummary.Create(x, tx, n, unit: TimeUnit.Day).Compress();
    }

    /// <summary>
    /// A cohort under the sBG model: how many of <paramref name="customers"/> are still active at the start of each period
    /// 0..<paramref name="periods"/> (each customer churns at the end of a period with probability θ ~ Beta(γ, δ)).
    /// </summary>
    public static double[] ShiftedBetaGeometric(ShiftedBetaGeometricModel model, int customers, int periods, Random random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var active = new double[periods + 1];
        for (var i = 0; i < customers; i++)
        {
            var churn = Beta.Sample(random, model.Gamma, model.Delta);
            for (var t = 0; t <= periods; t++)
            {
                if (t > 0 && random.NextDouble() < churn)
                {
                    break;
                }

                active[t]++;
            }
        }

        return active;
    }

    /// <summary>
    /// Adds Gamma-Gamma spend to a summary: for each customer a scale ν ~ Gamma(q, v), then each repeat purchase's value
    /// ~ Gamma(p, ν); the row's monetary value is their mean.
    /// </summary>
    public static RfmSummary WithSpend(RfmSummary summary, GammaGammaModel model, Random random)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        var spend = new double[summary.Count];
        for (var i = 0; i < summary.Count; i++)
        {
            var nu = Gamma.Sample(random, model.Q, model.V);
            var x = (int)summary.Frequency[i];
            var total = 0.0;
            for (var k = 0; k < x; k++)
            {
                total += Gamma.Sample(random, model.P, nu);
            }

            spend[i] = x > 0 ? total / x : 0;
        }

        return RfmSummary.Create(summary.Frequency, summary.Recency, summary.Age, spend, summary.Weight, summary.CustomerIds, summary.Unit);
    }

    /// <summary>
    /// Customers from a BG/NBD, MBG/NBD or Pareto/NBD model observed for a calibration period (each its own age, as in
    /// <see cref="BetaGeo(BetaGeoModel, ReadOnlySpan{double}, Random)"/>) and then a holdout of
    /// <paramref name="holdout"/>: each customer's purchases are drawn once over the whole span, and those after the
    /// calibration age are counted in <see cref="RfmSummary.FrequencyHoldout"/> — the data
    /// <see cref="HoldoutValidation.Compare"/> scores models on.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not one of the three, an age is not positive and finite, or the holdout is not positive.</exception>
    public static RfmSummary WithHoldout(ICountModel model, ReadOnlySpan<double> ages, double holdout, Random random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        if (!(holdout > 0) || !double.IsFinite(holdout))
        {
            throw new ArgumentOutOfRangeException(nameof(holdout), holdout, "The holdout must be positive and finite.");
        }

        // Purchase times (after the first purchase at 0) up to the end of the holdout.
        Func<Random, double, List<double>> path = model switch
        {
            BetaGeoModel m => (rng, end) => Times(rng, Gamma.Sample(rng, m.R, m.Alpha), end, Beta.Sample(rng, m.A, m.B), dropOutAtStart: false, double.PositiveInfinity),
            ModifiedBetaGeoModel m => (rng, end) => Times(rng, Gamma.Sample(rng, m.R, m.Alpha), end, Beta.Sample(rng, m.A, m.B), dropOutAtStart: true, double.PositiveInfinity),
            ParetoNbdModel m => (rng, end) => Times(rng, Gamma.Sample(rng, m.R, m.Alpha), end, 0, dropOutAtStart: false, Exponential.Sample(rng, Gamma.Sample(rng, m.S, m.Beta))),
            _ => throw new ArgumentException($"{model.Name} cannot be simulated here; use BG/NBD, MBG/NBD or Pareto/NBD.", nameof(model)),
        };
        var holdoutCounts = new double[ages.Length];
        var index = 0;
        var calibration = Draw(ages, random, (rng, age) =>
        {
            var times = path(rng, age + holdout);
            var x = times.Count(t => t <= age);
            holdoutCounts[index++] = times.Count - x;
            return (x, x > 0 ? times[x - 1] : 0);
        });
        return RfmSummary.WithHoldout(calibration, holdoutCounts, holdout);
    }

    // Purchase times in (0, end]: Poisson(λ) while alive; after each purchase (and at 0 when dropOutAtStart) the customer
    // drops out with probability p; a customer also dies at the given lifetime (Pareto/NBD).
    private static List<double> Times(Random rng, double lambda, double end, double p, bool dropOutAtStart, double lifetime)
    {
        var times = new List<double>();
        if (dropOutAtStart && rng.NextDouble() < p)
        {
            return times;
        }

        var stop = Math.Min(end, lifetime);
        var t = 0.0;
        while (true)
        {
            t += Exponential.Sample(rng, lambda);
            if (t > stop)
            {
                return times;
            }

            times.Add(t);
            if (p > 0 && rng.NextDouble() < p)
            {
                return times;
            }
        }
    }

    private static (int X, double Recency) Purchases(Random rng, double lambda, double age, bool dropOutAtStart, double p)
    {
        if (dropOutAtStart && rng.NextDouble() < p)
        {
            return (0, 0);
        }

        double t = 0, last = 0;
        var x = 0;
        while (true)
        {
            t += Exponential.Sample(rng, lambda);
            if (t > age)
            {
                break;
            }

            x++;
            last = t;
            if (rng.NextDouble() < p)
            {
                break;
            }
        }

        return (x, last);
    }

    private static RfmSummary Draw(int customers, double age, Random random, Func<Random, double, (int X, double Recency)> customer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        var ages = new double[customers];
        Array.Fill(ages, age);
        return Draw(ages, random, customer);
    }

    private static RfmSummary Draw(ReadOnlySpan<double> ages, Random random, Func<Random, double, (int X, double Recency)> customer)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (ages.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(ages), "At least one customer is needed.");
        }

        var x = new double[ages.Length];
        var tx = new double[ages.Length];
        var t = new double[ages.Length];
        for (var i = 0; i < ages.Length; i++)
        {
            if (!(ages[i] > 0) || !double.IsFinite(ages[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(ages), ages[i], $"Age {i} must be positive and finite.");
            }

            var (n, recency) = customer(random, ages[i]);
            x[i] = n;
            tx[i] = recency;
            t[i] = ages[i];
        }

        return RfmSummary.Create(x, tx, t);
    }
}
