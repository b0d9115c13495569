using System.Collections.Immutable;
using CrmKit.Clv.Models;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CrmKit.Clv.Numerics;

/// <summary>
/// Maximum likelihood over positive parameters: BFGS (Math.NET Numerics) on their logarithms, so that every step stays
/// inside the parameter space, then standard errors from a finite-difference Hessian of the log-likelihood in the
/// natural parameters.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>A log-likelihood of natural parameters; returns −∞ (or NaN) where undefined.</summary>
    public delegate double LogLikelihood(ReadOnlySpan<double> parameters);

    /// <summary>A log-likelihood that also writes its gradient in the natural parameters.</summary>
    public delegate double LogLikelihoodWithGradient(ReadOnlySpan<double> parameters, Span<double> gradient);

    /// <summary>How far from its scale, up or down, the optimiser may take a parameter: 10⁸, beyond <see cref="FitDiagnosis.BoundaryFactor"/>.</summary>
    internal const double SearchFactor = 1e8;

    public static (double[] Estimate, double LogLikelihood, ImmutableArray<ParameterEstimate> Estimates, int Iterations, FitDiagnosis Diagnosis) Fit(
        string model,
        string[] names,
        LogLikelihood logLikelihood,
        double[] start,
        double weight,
        FitOptions options,
        LogLikelihoodWithGradient? gradientOf = null)
    {
        var scales = (double[])start.Clone(); // the model's own start: 1 for shapes, the data's scale for scale parameters
        if (!options.InitialParameters.IsDefault)
        {
            if (options.InitialParameters.Length != names.Length || options.InitialParameters.Any(v => !(v > 0) || !double.IsFinite(v)))
            {
                throw new FitFailedException(model, $"{options.InitialParameters.Length} initial parameters were given; {names.Length} positive, finite ones are needed ({string.Join(", ", names)}).", null, ClvProblemKind.InvalidInitialParameters, [options.InitialParameters.Length, names.Length], string.Join(", ", names));
            }

            start = [.. options.InitialParameters];
        }

        var k = names.Length;
        var scale = 1.0 / weight;
        // The search stays within SearchFactor of each parameter's scale: beyond BoundaryFactor a fit is not used
        // anyway (Diagnose), and out there the likelihood of some models (Pareto/NBD's integral as α, β → ∞) costs
        // thousands of terms per customer, so an optimiser chasing a boundary optimum could run for minutes.
        var logLow = scales.Select(s => Math.Log(s / SearchFactor)).ToArray();
        var logHigh = scales.Select(s => Math.Log(s * SearchFactor)).ToArray();
        double Objective(Vector<double> theta)
        {
            Span<double> p = stackalloc double[k];
            var penalty = 0.0;
            for (var i = 0; i < k; i++)
            {
                if (!(theta[i] >= logLow[i] && theta[i] <= logHigh[i]))
                {
                    return 1e300;
                }

                p[i] = Math.Exp(theta[i]);
                penalty += p[i] * p[i];
            }

            var ll = logLikelihood(p);
            return double.IsFinite(ll) ? (-ll * scale) + (options.Penalizer * penalty) : 1e300;
        }

        (double, Vector<double>) ValueAndGradient(Vector<double> theta)
        {
            if (gradientOf is not null)
            {
                Span<double> p = stackalloc double[k];
                Span<double> g = stackalloc double[k];
                var penalty = 0.0;
                for (var i = 0; i < k; i++)
                {
                    if (!(theta[i] >= logLow[i] && theta[i] <= logHigh[i]))
                    {
                        return (1e300, Vector<double>.Build.Dense(k));
                    }

                    p[i] = Math.Exp(theta[i]);
                    penalty += p[i] * p[i];
                }

                var ll = gradientOf(p, g);
                var grad = Vector<double>.Build.Dense(k);
                if (!double.IsFinite(ll))
                {
                    return (1e300, grad);
                }

                for (var i = 0; i < k; i++)
                {
                    // d/dθ of −LL/W + λΣp² with p = e^θ.
                    grad[i] = (-g[i] * p[i] * scale) + (2 * options.Penalizer * p[i] * p[i]);
                }

                return ((-ll * scale) + (options.Penalizer * penalty), grad);
            }

            var value = Objective(theta);
            var gradient = Vector<double>.Build.Dense(k);
            var probe = theta.Clone();
            for (var i = 0; i < k; i++)
            {
                const double h = 1e-6;
                probe[i] = theta[i] + h;
                var up = Objective(probe);
                probe[i] = theta[i] - h;
                var down = Objective(probe);
                probe[i] = theta[i];
                gradient[i] = (up - down) / (2 * h);
            }

            return (value, gradient);
        }

        var theta0 = Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v)));
        if (Objective(theta0) >= 1e300)
        {
            throw new FitFailedException(model, $"the log-likelihood is not finite at the starting point ({string.Join(", ", start)}).", null, ClvProblemKind.NotFiniteAtStart, [.. start]);
        }

        Vector<double> best;
        int iterations;
        var (minimum, bfgsIterations, converged) = Bfgs.Minimize(
            (theta, gradient) =>
            {
                var (value, g) = ValueAndGradient(Vector<double>.Build.DenseOfArray(theta.ToArray()));
                g.AsArray().AsSpan().CopyTo(gradient);
                return value >= 1e300 ? double.PositiveInfinity : value;
            },
            [.. theta0],
            options.MaxIterations);
        best = Vector<double>.Build.DenseOfArray(minimum);
        iterations = bfgsIterations;
        // A parameter already beyond BoundaryFactor of its scale: the optimum is on the boundary and the fit will not
        // be used (Diagnose says why) — no need to search on with the simplex method.
        var inside = best.Select((v, i) => Math.Abs(v - Math.Log(scales[i]))).All(d => d <= Math.Log(FitDiagnosis.BoundaryFactor));
        if (!converged && inside)
        {
            // A flat or awkward likelihood: restart from the simplex method's answer, then polish with BFGS again.
            var simplex = new NelderMeadSimplex(1e-12, options.MaxIterations * 10);
            try
            {
                var rough = simplex.FindMinimum(ObjectiveFunction.Value(Objective), best);
                var (polished, more, _) = Bfgs.Minimize(
                    (theta, gradient) =>
                    {
                        var (value, g) = ValueAndGradient(Vector<double>.Build.DenseOfArray(theta.ToArray()));
                        g.AsArray().AsSpan().CopyTo(gradient);
                        return value >= 1e300 ? double.PositiveInfinity : value;
                    },
                    [.. rough.MinimizingPoint],
                    options.MaxIterations);
                best = Vector<double>.Build.DenseOfArray(polished);
                iterations += rough.Iterations + more;
            }
            catch (Exception ex) when (ex is MaximumIterationsException or OptimizationException)
            {
                throw new FitFailedException(model, $"the optimiser did not converge ({ex.Message}).", "Try a small Penalizer, or other InitialParameters.", ClvProblemKind.NotConverged, detail: ex.Message);
            }
        }

        var estimate = best.Select(v => Math.Exp(v)).ToArray();
        var ll = logLikelihood(estimate);
        if (!double.IsFinite(ll) || estimate.Any(v => !double.IsFinite(v) || v <= 0))
        {
            throw new FitFailedException(model, $"the optimiser ended at parameters ({string.Join(", ", estimate)}) where the log-likelihood is not finite.", "The data may not identify the model; try a small Penalizer.", ClvProblemKind.NotFiniteAtEnd, [.. estimate]);
        }

        var errors = gradientOf is null ? StandardErrors(logLikelihood, estimate) : StandardErrorsFromGradient(gradientOf, estimate);
        var estimates = names.Select((n, i) => new ParameterEstimate(n, estimate[i], errors[i])).ToImmutableArray();
        return (estimate, ll, estimates, iterations, Diagnose(model, estimates, scales));
    }

    /// <summary>
    /// The checks of <see cref="FitDiagnosis"/>: every parameter within <see cref="FitDiagnosis.BoundaryFactor"/> of its
    /// scale, finite standard errors, relative standard errors at most <see cref="FitDiagnosis.MaximumRelativeStandardError"/>.
    /// </summary>
    internal static FitDiagnosis Diagnose(string model, ImmutableArray<ParameterEstimate> estimates, double[] scales)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var problems = ImmutableArray.CreateBuilder<ClvProblem>();
        var interior = true;
        for (var i = 0; i < estimates.Length; i++)
        {
            var (name, value, error) = estimates[i];
            var ratio = value / scales[i];
            if (ratio > FitDiagnosis.BoundaryFactor || ratio < 1 / FitDiagnosis.BoundaryFactor)
            {
                interior = false;
                problems.Add(new ClvProblem(ClvProblemKind.ParameterOnBoundary, string.Create(inv, $"{model} parameter {name} = {value:G4} ran off towards {(ratio > 1 ? "infinity" : "0")} (more than {FitDiagnosis.BoundaryFactor:G0} times its scale {scales[i]:G4}): the likelihood has no interior maximum on these data. What to do: use a longer history or more customers, or a small penalizer."))
                {
                    Model = model, Parameter = name, Figures = [value, FitDiagnosis.BoundaryFactor, scales[i]],
                });
            }
        }

        if (interior)
        {
            for (var i = 0; i < estimates.Length; i++)
            {
                var (name, value, error) = estimates[i];
                if (!double.IsFinite(error))
                {
                    problems.Add(new ClvProblem(ClvProblemKind.NoStandardError, string.Create(inv, $"{model} parameter {name} = {value:G4} has no finite standard error: the likelihood is flat or singular at the estimate, so the data do not identify it. What to do: use a longer history or more customers."))
                    {
                        Model = model, Parameter = name, Figures = [value],
                    });
                }
                else if (error > FitDiagnosis.MaximumRelativeStandardError * value)
                {
                    problems.Add(new ClvProblem(ClvProblemKind.LargeStandardError, string.Create(inv, $"{model} parameter {name} = {value:G4} has a standard error of {error:G4}, more than {FitDiagnosis.MaximumRelativeStandardError:G0} times the estimate: the data do not determine it. What to do: use a longer history or more customers."))
                    {
                        Model = model, Parameter = name, Figures = [value, error, FitDiagnosis.MaximumRelativeStandardError],
                    });
                }
            }
        }

        return new FitDiagnosis(interior, problems.ToImmutable());
    }

    /// <summary>As <see cref="StandardErrors"/>, with the Hessian from central differences of the analytic gradient.</summary>
    public static double[] StandardErrorsFromGradient(LogLikelihoodWithGradient gradientOf, double[] estimate)
    {
        var k = estimate.Length;
        var hessian = Matrix<double>.Build.Dense(k, k);
        var p = new double[k];
        var up = new double[k];
        var down = new double[k];
        for (var j = 0; j < k; j++)
        {
            var h = 1e-5 * Math.Max(Math.Abs(estimate[j]), 1e-3);
            Array.Copy(estimate, p, k);
            p[j] += h;
            gradientOf(p, up);
            p[j] -= 2 * h;
            gradientOf(p, down);
            for (var i = 0; i < k; i++)
            {
                hessian[i, j] = (up[i] - down[i]) / (2 * h);
            }
        }

        return Invert((hessian + hessian.Transpose()) / 2);
    }

    /// <summary>Square roots of the diagonal of the inverse of −H, H the Hessian of the log-likelihood (central differences).</summary>
    public static double[] StandardErrors(LogLikelihood logLikelihood, double[] estimate)
    {
        var k = estimate.Length;
        var h = estimate.Select(v => 1e-4 * Math.Max(Math.Abs(v), 1e-3)).ToArray();
        var hessian = Matrix<double>.Build.Dense(k, k);
        var p = (double[])estimate.Clone();
        double At(int i, double di, int j, double dj)
        {
            Array.Copy(estimate, p, k);
            p[i] += di;
            p[j] += dj;
            return logLikelihood(p);
        }

        var f0 = logLikelihood(estimate);
        for (var i = 0; i < k; i++)
        {
            hessian[i, i] = (At(i, h[i], i, 0) - (2 * f0) + At(i, -h[i], i, 0)) / (h[i] * h[i]);
            for (var j = i + 1; j < k; j++)
            {
                var value = (At(i, h[i], j, h[j]) - At(i, h[i], j, -h[j]) - At(i, -h[i], j, h[j]) + At(i, -h[i], j, -h[j])) / (4 * h[i] * h[j]);
                hessian[i, j] = value;
                hessian[j, i] = value;
            }
        }

        return Invert(hessian);
    }

    private static double[] Invert(Matrix<double> hessian)
    {
        var k = hessian.RowCount;
        try
        {
            var covariance = (-hessian).Inverse();
            return [.. Enumerable.Range(0, k).Select(i => covariance[i, i] > 0 ? Math.Sqrt(covariance[i, i]) : double.NaN)];
        }
        catch (ArgumentException)
        {
            return [.. Enumerable.Repeat(double.NaN, k)];
        }
    }
}
