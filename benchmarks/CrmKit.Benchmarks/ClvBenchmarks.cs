using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using NodaTime;

namespace CrmKit.Benchmarks;

/// <summary>Shared data for the CLV benchmarks: the CDNOW calibration summary (when ../shared/data is there) or a simulated one.</summary>
internal static class ClvData
{
    public static RfmSummary Cdnow()
    {
        var path = SharedFile("cdnow_customers_summary.csv");
        if (path is null)
        {
            return new BetaGeoModel(0.242593, 4.413532, 0.792886, 2.425754).Simulate(2357, 38.86, new Random(1));
        }

        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Trim().Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return RfmSummary.Create(rows.Select(r => r[1]).ToArray(), rows.Select(r => r[2]).ToArray(), rows.Select(r => r[3]).ToArray());
    }

    public static string? SharedFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>Maximum-likelihood fits on CDNOW (2,357 customers). Baseline: the same BG/NBD fit with numerical gradients.</summary>
[MemoryDiagnoser]
public class ClvFitBenchmarks
{
    private RfmSummary _cdnow = null!;

    [GlobalSetup]
    public void Setup() => _cdnow = ClvData.Cdnow();

    [Benchmark(Baseline = true)]
    public double BetaGeo_StraightforwardPort() => StraightforwardBetaGeo.Fit(_cdnow);

    [Benchmark]
    public double BetaGeo() => BetaGeoModel.Fit(_cdnow).LogLikelihood;

    [Benchmark]
    public double ModifiedBetaGeo() => ModifiedBetaGeoModel.Fit(_cdnow).LogLikelihood;

    [Benchmark]
    public double ParetoNbd() => ParetoNbdModel.Fit(_cdnow).LogLikelihood;

    [Benchmark]
    public double GammaGamma() => GammaGammaModel.Fit(WithSpend()).LogLikelihood;

    private RfmSummary? _withSpend;

    private RfmSummary WithSpend() => _withSpend ??= Simulation.WithSpend(_cdnow, new GammaGammaModel(6.25, 3.74, 15.44), new Random(3));
}

/// <summary>BG/NBD fits and predictions at scale, on customers simulated from the CDNOW estimates.</summary>
[MemoryDiagnoser]
public class ClvScaleBenchmarks
{
    private static readonly BetaGeoModel Truth = new(0.242593, 4.413532, 0.792886, 2.425754);
    private RfmSummary _data = null!;
    private double[] _output = [];

    [Params(100_000, 1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // First purchases spread over 39 weeks, day by day: ages from 1/7 to 39 weeks, as a real calibration period has.
        var ages = Enumerable.Range(0, Customers).Select(i => (1 + (i % 273)) / 7.0).ToArray();
        _data = Truth.Simulate(ages, new Random(7));
        _output = new double[Customers];
    }

    [Benchmark]
    public double FitBetaGeo() => BetaGeoModel.Fit(_data).LogLikelihood;

    [Benchmark]
    public double PredictBetaGeo()
    {
        Truth.ConditionalExpectedPurchases(39, _data, _output);
        return _output[0];
    }

    [Benchmark]
    public double ProbabilityAliveBetaGeo()
    {
        Truth.ProbabilityAlive(_data, _output);
        return _output[0];
    }
}

/// <summary>
/// RFM summary from 10,000,000 transactions of 1,000,000 customers (string ids), streamed in date order, so each
/// transaction's customer is a random one of the million — the worst case for the builder's table. The input is
/// generated once in the setup; each benchmark measures the builder alone. <c>OneByOne</c> (the baseline) calls
/// <c>Add</c> per transaction; <c>InPages</c> hands the same columns over in pages of 4,096 with <c>AddRange</c>, as a
/// file or database reader would; <c>OneByOne_PreviousBuilder</c> is the builder as it was before (see
/// <see cref="PreviousRfmSummaryBuilder"/>).
/// </summary>
[MemoryDiagnoser]
public class RfmSummaryBenchmarks
{
    private const int Transactions = 10_000_000;
    private const int Page = 4096;
    private static readonly RfmOptions Options = new() { ObservationEnd = new LocalDate(2026, 10, 31), CalibrationEnd = new LocalDate(2026, 4, 30) };
    private string[] _id = [];
    private string[] _ids = [];
    private int[] _customer = [];
    private LocalDate[] _date = [];
    private double[] _amount = [];

    [GlobalSetup]
    public void Setup()
    {
        var ids = _ids = [.. Enumerable.Range(0, 1_000_000).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        _id = new string[Transactions];
        _customer = new int[Transactions];
        _date = new LocalDate[Transactions];
        _amount = new double[Transactions];
        var start = new LocalDate(2024, 11, 1);
        var random = new Random(11);
        for (var i = 0; i < Transactions; i++)
        {
            _customer[i] = random.Next(ids.Length);
            _id[i] = ids[_customer[i]];
            _date[i] = start.PlusDays((int)((long)i * 730 / Transactions));
            _amount[i] = 100 + random.Next(900);
        }
    }

    [Benchmark(Baseline = true)]
    public int OneByOne()
    {
        var builder = new RfmSummaryBuilder(Options);
        for (var i = 0; i < Transactions; i++)
        {
            builder.Add(_id[i], _date[i], _amount[i]);
        }

        return builder.Build().Count;
    }

    [Benchmark]
    public int InPages()
    {
        var builder = new RfmSummaryBuilder(Options);
        for (var start = 0; start < Transactions; start += Page)
        {
            var length = Math.Min(Page, Transactions - start);
            builder.AddRange(_id.AsSpan(start, length), _date.AsSpan(start, length), _amount.AsSpan(start, length));
        }

        return builder.Build().Count;
    }

    [Benchmark]
    public int OneByOne_IdsByIndex()
    {
        // As OneByOne, but each id is looked up through the customer's index as the earlier version of this benchmark did.
        var builder = new RfmSummaryBuilder(Options);
        for (var i = 0; i < Transactions; i++)
        {
            builder.Add(_ids[_customer[i]], _date[i], _amount[i]);
        }

        return builder.Build().Count;
    }

    [Benchmark]
    public int OneByOne_PreviousBuilder()
    {
        var builder = new PreviousRfmSummaryBuilder(Options);
        for (var i = 0; i < Transactions; i++)
        {
            builder.Add(_id[i], _date[i], _amount[i]);
        }

        return builder.Build();
    }
}

/// <summary>
/// The RFM summary builder as it was before its own hash table: a <c>Dictionary&lt;string, State&gt;</c> with the state
/// inline (one lookup per transaction), and an ordinal <c>Array.Sort</c> of the ids when building; kept here as the
/// benchmarks' same-run baseline. It fills the same output columns and stops short of wrapping them in an
/// <c>RfmSummary</c> (an internal constructor that takes the arrays as they are).
/// </summary>
internal sealed class PreviousRfmSummaryBuilder(RfmOptions options)
{
    private readonly int _observationEnd = options.ObservationEnd.ToDateOnly().DayNumber;
    private readonly int _calibrationEnd = (options.CalibrationEnd ?? options.ObservationEnd).ToDateOnly().DayNumber;
    private readonly Dictionary<string, State> _customers = new(StringComparer.Ordinal);

    public void Add(string customerId, LocalDate date, double amount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        if (!(amount >= 0) || double.IsInfinity(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount));
        }

        var day = date.ToDateOnly().DayNumber;
        if (day > _observationEnd)
        {
            return;
        }

        ref var s = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_customers, customerId, out var exists);
        if (!exists)
        {
            s.FirstDay = day;
            s.LastDay = day;
        }
        else if (day < s.LastDay)
        {
            throw new InvalidOperationException("dates go back");
        }

        var newDay = !exists || day != s.LastDay;
        if (day <= _calibrationEnd)
        {
            s.Days += newDay ? 1 : 0;
            s.RepeatValue += day != s.FirstDay ? amount : 0;
            s.LastCalibrationDay = day;
        }
        else
        {
            s.HoldoutDays += newDay ? 1 : 0;
            s.HoldoutValue += amount;
        }

        s.LastDay = day;
    }

    public int Build()
    {
        var unit = options.Unit == TimeUnit.Week ? 7.0 : throw new NotSupportedException("weeks only here");
        var keys = new string[_customers.Count];
        var states = new State[_customers.Count];
        var n = 0;
        foreach (var (key, state) in _customers)
        {
            if (state.FirstDay <= _calibrationEnd)
            {
                (keys[n], states[n]) = (key, state);
                n++;
            }
        }

        Array.Sort(keys, states, 0, n, StringComparer.Ordinal);
        var (ids, x, tx, t, m, xh, mh) = (new string[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var s = states[i];
            ids[i] = keys[i];
            x[i] = s.Days - 1;
            tx[i] = (s.LastCalibrationDay - s.FirstDay) / unit;
            t[i] = (_calibrationEnd - s.FirstDay) / unit;
            m[i] = s.Days > 1 ? s.RepeatValue / (s.Days - 1) : 0;
            xh[i] = s.HoldoutDays;
            mh[i] = s.HoldoutDays > 0 ? s.HoldoutValue / s.HoldoutDays : 0;
        }

        return ids.Length;
    }

    private struct State
    {
        public int FirstDay;
        public int LastDay;
        public int LastCalibrationDay;
        public int Days;
        public int HoldoutDays;
        public double RepeatValue;
        public double HoldoutValue;
    }
}

/// <summary>
/// The baseline a direct port of the usual Python approach would be: the BG/NBD log-likelihood row by row (gamma
/// functions per row) minimised by Nelder–Mead over the log-parameters, as <c>lifetimes</c> does with SciPy.
/// </summary>
internal static class StraightforwardBetaGeo
{
    public static double Fit(RfmSummary data)
    {
        var x = data.Frequency.ToArray();
        var tx = data.Recency.ToArray();
        var t = data.Age.ToArray();
        double NegativeLogLikelihood(MathNet.Numerics.LinearAlgebra.Vector<double> theta)
        {
            double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
            var sum = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var a1 = MathNet.Numerics.SpecialFunctions.GammaLn(r + x[i]) - MathNet.Numerics.SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha));
                var a2 = MathNet.Numerics.SpecialFunctions.GammaLn(a + b) + MathNet.Numerics.SpecialFunctions.GammaLn(b + x[i]) - MathNet.Numerics.SpecialFunctions.GammaLn(b) - MathNet.Numerics.SpecialFunctions.GammaLn(a + b + x[i]);
                var a3 = -(r + x[i]) * Math.Log(alpha + t[i]);
                var a4 = x[i] > 0 ? Math.Log(a) - Math.Log(b + x[i] - 1) - ((r + x[i]) * Math.Log(alpha + tx[i])) : double.NegativeInfinity;
                var max = Math.Max(a3, a4);
                sum += a1 + a2 + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
            }

            return -sum / x.Length;
        }

        var result = new MathNet.Numerics.Optimization.NelderMeadSimplex(1e-10, 100_000)
            .FindMinimum(MathNet.Numerics.Optimization.ObjectiveFunction.Value(NegativeLogLikelihood), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(4, 0.1));
        return -result.FunctionInfoAtMinimum.Value * x.Length;
    }
}

/// <summary>Fits on the full CDNOW master file (23,570 customers; calibration to 1997-09-30, weeks).</summary>
[MemoryDiagnoser]
public class ClvMasterBenchmarks
{
    private RfmSummary _master = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = ClvData.SharedFile("CDNOW_master.txt");
        var builder = new RfmSummaryBuilder(new RfmOptions { ObservationEnd = new LocalDate(1997, 9, 30) });
        if (path is null)
        {
            _master = new BetaGeoModel(0.242593, 4.413532, 0.792886, 2.425754).Simulate(23_570, 38.86, new Random(2));
            return;
        }

        using var reader = File.OpenText(path);
        foreach (var t in TransactionReader.ReadCdnow(reader, "CDNOW_master.txt", new List<Customers.Import.ImportIssue>()))
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        _master = builder.Build();
    }

    [Benchmark(Baseline = true)]
    public double BetaGeo() => BetaGeoModel.Fit(_master).LogLikelihood;

    [Benchmark]
    public double ParetoNbd() => ParetoNbdModel.Fit(_master).LogLikelihood;
}
