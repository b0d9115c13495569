using System.Collections.Immutable;
using CrmKit.Customers;

namespace CrmKit.Clv.Summaries;

/// <summary>
/// The RFM summary of a customer base: one row per customer, stored column-wise so that the models run over
/// plain arrays. Immutable. Build it from transactions with <see cref="RfmSummaryBuilder"/>, or from columns with
/// <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Definitions follow Fader, Hardie &amp; Lee (2005) and the Python <c>lifetimes</c> library: purchases on one calendar
/// day count once; frequency counts repeat purchase days; recency and age are measured from the first purchase day,
/// in <see cref="Unit"/>s.
/// </remarks>
public sealed class RfmSummary
{
    private readonly string[] _ids;
    private readonly double[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _monetary;
    private readonly double[] _weight;
    private readonly double[] _frequencyHoldout;
    private readonly double[] _monetaryHoldout;

    private RfmSummary(string[] ids, double[] frequency, double[] recency, double[] age, double[] monetary, double[] weight, double[] frequencyHoldout, double[] monetaryHoldout, TimeUnit unit, double holdoutDuration)
    {
        _ids = ids;
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _monetary = monetary;
        _weight = weight;
        _frequencyHoldout = frequencyHoldout;
        _monetaryHoldout = monetaryHoldout;
        Unit = unit;
        HoldoutDuration = holdoutDuration;
    }

    private (double[] Values, int[] Index)? _distinctFrequencies;

    /// <summary>How many rows.</summary>
    public int Count => _frequency.Length;

    /// <summary>
    /// The distinct frequencies, and for each row the position of its frequency among them: the models compute the
    /// gamma-function terms once per distinct frequency instead of once per row.
    /// </summary>
    internal (double[] Values, int[] Index) DistinctFrequencies => _distinctFrequencies ??= Distinct(_frequency);

    /// <summary>The distinct ages and each row's position among them (predictions depend on x and T only through such pairs).</summary>
    internal (double[] Values, int[] Index) DistinctAges => _distinctAges ??= Distinct(_age);

    private (double[] Values, int[] Index)? _distinctAges;

    private static (double[] Values, int[] Index) Distinct(double[] column)
    {
        var positions = new Dictionary<double, int>();
        var index = new int[column.Length];
        var values = new List<double>();
        for (var i = 0; i < column.Length; i++)
        {
            if (!positions.TryGetValue(column[i], out var position))
            {
                position = values.Count;
                positions[column[i]] = position;
                values.Add(column[i]);
            }

            index[i] = position;
        }

        return (values.ToArray(), index);
    }

    /// <summary>How many customers the rows stand for (the sum of the weights).</summary>
    public double CustomerCount => _customerCount ??= _weight.Sum();

    private double? _customerCount;

    /// <summary>The unit of recency, age and durations.</summary>
    public TimeUnit Unit { get; }

    /// <summary>The length of the holdout period in <see cref="Unit"/>s, or 0 without one.</summary>
    public double HoldoutDuration { get; }

    /// <summary>Customer ids (empty strings in compressed summaries).</summary>
    public ReadOnlySpan<string> CustomerIds => _ids;

    /// <summary>x per row.</summary>
    public ReadOnlySpan<double> Frequency => _frequency;

    /// <summary>t_x per row.</summary>
    public ReadOnlySpan<double> Recency => _recency;

    /// <summary>T per row.</summary>
    public ReadOnlySpan<double> Age => _age;

    /// <summary>Mean repeat spend per row.</summary>
    public ReadOnlySpan<double> MonetaryValue => _monetary;

    /// <summary>Customers per row.</summary>
    public ReadOnlySpan<double> Weight => _weight;

    /// <summary>Holdout purchase days per row.</summary>
    public ReadOnlySpan<double> FrequencyHoldout => _frequencyHoldout;

    /// <summary>Mean holdout spend per row.</summary>
    public ReadOnlySpan<double> MonetaryValueHoldout => _monetaryHoldout;

    /// <summary>One row.</summary>
    public RfmRow this[int index] => new(_ids[index], _frequency[index], _recency[index], _age[index], _monetary[index], _weight[index], _frequencyHoldout[index], _monetaryHoldout[index]);

    /// <summary>The rows in order.</summary>
    public IEnumerable<RfmRow> Rows()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>
    /// Creates a summary from columns (copied). Frequencies must be whole and non-negative, 0 ≤ recency ≤ age,
    /// age &gt; 0, recency 0 when frequency is 0, spend and weights finite and non-negative (weights positive).
    /// </summary>
    /// <exception cref="InvalidValueException">A value breaks one of these rules; the message names the row.</exception>
    public static RfmSummary Create(
        ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age,
        ReadOnlySpan<double> monetaryValue = default,
        ReadOnlySpan<double> weight = default,
        ReadOnlySpan<string> customerIds = default,
        TimeUnit unit = TimeUnit.Week)
    {
        var n = frequency.Length;
        Same(recency.Length, n, "recency");
        Same(age.Length, n, "age");
        if (!monetaryValue.IsEmpty)
        {
            Same(monetaryValue.Length, n, "monetary value");
        }

        if (!weight.IsEmpty)
        {
            Same(weight.Length, n, "weight");
        }

        if (!customerIds.IsEmpty)
        {
            Same(customerIds.Length, n, "customer ids");
        }

        for (var i = 0; i < n; i++)
        {
            var x = frequency[i];
            var tx = recency[i];
            var t = age[i];
            if (!(x >= 0) || x != Math.Floor(x) || double.IsInfinity(x))
            {
                throw Row(i, "frequency", $"{x} is not a whole number ≥ 0.");
            }

            if (!(t > 0) || double.IsInfinity(t))
            {
                throw Row(i, "age", $"{t} is not a positive, finite age.");
            }

            if (!(tx >= 0) || tx > t)
            {
                throw Row(i, "recency", $"{tx} is not within 0..age ({t}).");
            }

            if (x == 0 && tx != 0)
            {
                throw Row(i, "recency", $"is {tx} for a customer without repeat purchases; it must be 0.");
            }

            if (!monetaryValue.IsEmpty && (!(monetaryValue[i] >= 0) || double.IsInfinity(monetaryValue[i])))
            {
                throw Row(i, "monetary value", $"{monetaryValue[i]} is not a finite amount ≥ 0.");
            }

            if (!weight.IsEmpty && (!(weight[i] > 0) || double.IsInfinity(weight[i])))
            {
                throw Row(i, "weight", $"{weight[i]} is not a positive, finite weight.");
            }
        }

        return new RfmSummary(
            customerIds.IsEmpty ? Enumerable.Repeat(string.Empty, n).ToArray() : customerIds.ToArray(),
            frequency.ToArray(),
            recency.ToArray(),
            age.ToArray(),
            monetaryValue.IsEmpty ? new double[n] : monetaryValue.ToArray(),
            weight.IsEmpty ? Enumerable.Repeat(1.0, n).ToArray() : weight.ToArray(),
            new double[n],
            new double[n],
            unit,
            0);
    }

    internal static RfmSummary FromBuilder(string[] ids, double[] frequency, double[] recency, double[] age, double[] monetary, double[] frequencyHoldout, double[] monetaryHoldout, TimeUnit unit, double holdoutDuration)
        => new(ids, frequency, recency, age, monetary, Enumerable.Repeat(1.0, ids.Length).ToArray(), frequencyHoldout, monetaryHoldout, unit, holdoutDuration);

    /// <summary>
    /// Rows with equal (frequency, recency, age, monetary value) merged into one row whose weight is their total:
    /// the likelihoods of the count and spend models are unchanged, and fits run over fewer rows.
    /// Holdout columns and ids are dropped; rows come sorted by (frequency, recency, age, monetary value), so the result
    /// does not depend on the order of the input rows.
    /// </summary>
    public RfmSummary Compress() => Compress(keepMonetary: true);

    /// <summary>As <see cref="Compress()"/>, ignoring the monetary value: what the count models see.</summary>
    internal RfmSummary CompressCounts() => Compress(keepMonetary: false);

    private RfmSummary Compress(bool keepMonetary)
    {
        // Sort, then merge neighbours: cheaper than hashing a million keys, and the sort is also the canonical order
        // that makes any permutation of the same customers give the same rows — and the same fit, bit for bit.
        // Customers without repeat purchases (usually most) differ only in age: group them by hashing first, so that the
        // sort sees one row per distinct age instead of one per customer. The result is the same as sorting everything.
        var zeros = new Dictionary<(double T, double M), double>();
        var rows = new Key[Count];
        var count = 0;
        for (var i = 0; i < Count; i++)
        {
            var spend = keepMonetary ? _monetary[i] : 0;
            if (_frequency[i] == 0)
            {
                ref var weight = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(zeros, (_age[i], spend), out _);
                weight += _weight[i];
            }
            else
            {
                rows[count++] = new Key(_frequency[i], _recency[i], _age[i], spend, _weight[i]);
            }
        }

        foreach (var ((age, spend), weight) in zeros)
        {
            rows[count++] = new Key(0, 0, age, spend, weight);
        }

        Array.Resize(ref rows, count);
        Array.Sort(rows);
        var n = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (n > 0 && rows[n - 1].SameRow(rows[i]))
            {
                rows[n - 1] = rows[n - 1] with { Weight = rows[n - 1].Weight + rows[i].Weight };
            }
            else
            {
                rows[n++] = rows[i];
            }
        }

        var merged = rows.AsSpan(0, n);
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        var m = new double[n];
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            (x[i], tx[i], t[i], m[i], w[i]) = (merged[i].X, merged[i].Tx, merged[i].T, merged[i].M, merged[i].Weight);
        }

        return new RfmSummary(Enumerable.Repeat(string.Empty, n).ToArray(), x, tx, t, m, w, new double[n], new double[n], Unit, 0);
    }

    private readonly record struct Key(double X, double Tx, double T, double M, double Weight) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            var c = X.CompareTo(other.X);
            if (c == 0)
            {
                c = Tx.CompareTo(other.Tx);
            }

            if (c == 0)
            {
                c = T.CompareTo(other.T);
            }

            if (c == 0)
            {
                c = M.CompareTo(other.M);
            }

            return c == 0 ? Weight.CompareTo(other.Weight) : c;
        }

        public bool SameRow(Key other) => X == other.X && Tx == other.Tx && T == other.T && M == other.M;
    }

    /// <summary>The rows with at least one repeat purchase (the data of the Gamma-Gamma spend model).</summary>
    public RfmSummary RepeatBuyers() => Rows(Enumerable.Range(0, Count).Where(i => _frequency[i] > 0).ToArray());

    /// <summary>
    /// The repeat buyers whose mean repeat spend is above 0: the Gamma-Gamma data without the customers whose repeat
    /// purchases were all free (a voucher, a replacement), whose spend of 0 the model cannot describe.
    /// </summary>
    public RfmSummary RepeatBuyersWithSpend() => Rows(Enumerable.Range(0, Count).Where(i => _frequency[i] > 0 && _monetary[i] > 0).ToArray());

    // Calibration columns of a summary plus holdout purchase counts (simulation of a calibration/holdout split).
    internal static RfmSummary WithHoldout(RfmSummary calibration, double[] frequencyHoldout, double holdoutDuration)
        => new(calibration._ids, calibration._frequency, calibration._recency, calibration._age, calibration._monetary, calibration._weight, frequencyHoldout, new double[frequencyHoldout.Length], calibration.Unit, holdoutDuration);

    private RfmSummary Rows(int[] keep)
    {
        return new RfmSummary(
            [.. keep.Select(i => _ids[i])],
            [.. keep.Select(i => _frequency[i])],
            [.. keep.Select(i => _recency[i])],
            [.. keep.Select(i => _age[i])],
            [.. keep.Select(i => _monetary[i])],
            [.. keep.Select(i => _weight[i])],
            [.. keep.Select(i => _frequencyHoldout[i])],
            [.. keep.Select(i => _monetaryHoldout[i])],
            Unit,
            HoldoutDuration);
    }

    private static void Same(int length, int expected, string column)
    {
        if (length != expected)
        {
            throw new InvalidValueException(column, $"has {length} values but frequency has {expected}.");
        }
    }

    private static InvalidValueException Row(int index, string column, string reason) => new(column, $"row {index}: {reason}");

    internal static double DaysPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => 365.25 / 12.0,
        TimeUnit.Year => 365.25,
        _ => throw new InvalidValueException("time unit", $"{unit} is not a defined TimeUnit."),
    };
}
