using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>How RFM scores are given.</summary>
public enum RfmMethod
{
    /// <summary>Quintiles of the scored population, with a tie rule that does not depend on input order.</summary>
    Quintiles,

    /// <summary>Fixed thresholds chosen by the shop.</summary>
    Fixed,
}

/// <summary>
/// The raw RFM figures of one customer at an evaluation instant: whole days since the last completed order,
/// number of completed orders and their total amount (within <see cref="RfmScoring.WindowDays"/> if set).
/// </summary>
/// <param name="RecencyDays">Whole days since the last completed order.</param>
/// <param name="Frequency">Number of completed orders.</param>
/// <param name="Monetary">Total amount of completed orders.</param>
public readonly record struct RfmFigures(long RecencyDays, int Frequency, decimal Monetary)
{
    /// <summary>The figures of a customer, or null when the customer has no completed order in the window.</summary>
    public static RfmFigures? Of(CustomerRecord record, EvaluationContext context, int? windowDays = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        RfmThresholds.CheckWindow(windowDays);

        var window = windowDays is { } d ? d * NodaConstants.TicksPerDay : 0L;
        var status = (int)OrderStatus.Completed;
        var count = CompiledFields.Count(record.Orders, context, window, status, -1, null);
        if (count == 0)
        {
            return null;
        }

        return new(CompiledFields.DaysSinceLast(record.Orders, context, window, status, -1, null)!.Value, count, CompiledFields.Sum(record.Orders, context, window, status, -1, null));
    }
}

/// <summary>
/// Score boundaries: a customer's recency score is 1 plus the number of <see cref="Recency"/> bounds its days
/// since the last order are at or below; frequency and monetary scores are 1 plus the number of bounds the
/// value reaches. Each array holds the bounds for scores 2, 3, 4 and 5; a score no customer of the fitted
/// population reached has the bound <see cref="Unreachable"/> (recency) or <see cref="UnreachableAmount"/>
/// (frequency, monetary), printed <c>n/a</c>.
/// </summary>
public sealed record RfmThresholds
{
    /// <summary>
    /// The largest number of days an RFM window, or a recency bound read from a catalogue, may have: 36,525 (100
    /// years). Longer spans say nothing about a shop's customers, and the window's start (as-of minus the window) must
    /// stay a representable instant. (Fitted quintile bounds are not limited: they come from the data.)
    /// </summary>
    public const int MaxDays = 36_525;

    /// <summary>Creates thresholds, checking their order.</summary>
    /// <param name="recency">Most days since the last order for scores 2–5 (non-increasing).</param>
    /// <param name="frequency">Fewest orders for scores 2–5 (non-decreasing).</param>
    /// <param name="monetary">Least amount for scores 2–5 (non-decreasing).</param>
    /// <param name="windowDays">The window the figures are taken over, or null for the whole history.</param>
    public RfmThresholds(ImmutableArray<long> recency, ImmutableArray<decimal> frequency, ImmutableArray<decimal> monetary, int? windowDays = null)
    {
        Check(recency, "recency", descending: true);
        Check(frequency, "frequency", descending: false);
        Check(monetary, "monetary", descending: false);
        CheckWindow(windowDays);

        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        WindowDays = windowDays;
    }

    /// <summary>The recency bound of a score nobody reaches (no number of days is at or below it).</summary>
    public const long Unreachable = long.MinValue;

    /// <summary>The frequency or monetary bound of a score nobody reaches (no value reaches it).</summary>
    public const decimal UnreachableAmount = decimal.MaxValue;

    /// <summary>Most days since the last order for recency scores 2–5.</summary>
    public ImmutableArray<long> Recency { get; }

    /// <summary>Fewest orders for frequency scores 2–5.</summary>
    public ImmutableArray<decimal> Frequency { get; }

    /// <summary>Least amount for monetary scores 2–5.</summary>
    public ImmutableArray<decimal> Monetary { get; }

    /// <summary>The window the figures are taken over, or null for the whole history.</summary>
    public int? WindowDays { get; }

    /// <summary>
    /// What a quintile fit found degenerate, one sentence per dimension with fewer distinct values than the five
    /// quintiles (e.g. every customer bought on one day), saying which scores were given; empty otherwise and for fixed
    /// thresholds.
    /// </summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Scores figures.</summary>
    public RfmScore Score(RfmFigures figures)
    {
        int r = 1, f = 1, m = 1;
        for (var i = 0; i < 4; i++)
        {
            r += figures.RecencyDays <= Recency[i] ? 1 : 0;
            f += figures.Frequency >= Frequency[i] ? 1 : 0;
            m += figures.Monetary >= Monetary[i] ? 1 : 0;
        }

        return new(r, f, m);
    }

    /// <summary>Scores a customer (null when the customer has no completed order in the window).</summary>
    public RfmScore? Score(CustomerRecord record, EvaluationContext context)
        => RfmFigures.Of(record, context, WindowDays) is { } figures ? Score(figures) : null;

    /// <summary>Sets the RFM scores of every record (clearing them for customers without orders).</summary>
    public void Apply(IEnumerable<CustomerRecord> records, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<CustomerRecord> list = records as IReadOnlyList<CustomerRecord> ?? [.. records];
        PerCustomer.For(list.Count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var record = list[i];
                var score = Score(record, context);
                record.RecencyScore = score?.Recency;
                record.FrequencyScore = score?.Frequency;
                record.MonetaryScore = score?.Monetary;
            }
        });
    }

    /// <inheritdoc/>
    public bool Equals(RfmThresholds? other)
        => other is not null && Recency.SequenceEqual(other.Recency) && Frequency.SequenceEqual(other.Frequency)
           && Monetary.SequenceEqual(other.Monetary) && WindowDays == other.WindowDays;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Recency[0], Frequency[0], Monetary[0], WindowDays);

    /// <inheritdoc/>
    public override string ToString()
        => $"R ≤ [{string.Join(", ", Recency.Select(r => r == Unreachable ? "n/a" : r.ToString(CultureInfo.InvariantCulture)))}] days, "
           + $"F ≥ [{Show(Frequency)}], M ≥ [{Show(Monetary)}]";

    private static string Show(ImmutableArray<decimal> bounds)
        => string.Join(", ", bounds.Select(b => b == UnreachableAmount ? "n/a" : b.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Checks an RFM window: null (the whole history) or 1 to <see cref="MaxDays"/> days.</summary>
    internal static void CheckWindow(int? windowDays)
    {
        if (windowDays is < 1 or > MaxDays)
        {
            throw new InvalidValueException("RFM window", string.Create(CultureInfo.InvariantCulture, $"{windowDays} days is outside 1 to {MaxDays:N0} days (RfmThresholds.MaxDays)."));
        }
    }

    private static void Check<T>(ImmutableArray<T> bounds, string name, bool descending)
        where T : IComparable<T>
    {
        if (bounds.IsDefault || bounds.Length != 4)
        {
            throw new InvalidValueException($"RFM {name} thresholds", $"expected 4 bounds (for scores 2 to 5), found {(bounds.IsDefault ? 0 : bounds.Length)}.");
        }

        for (var i = 1; i < 4; i++)
        {
            var c = bounds[i].CompareTo(bounds[i - 1]);
            if (descending ? c > 0 : c < 0)
            {
                throw new InvalidValueException($"RFM {name} thresholds", $"bounds must be {(descending ? "non-increasing" : "non-decreasing")}: [{string.Join(", ", bounds)}].");
            }
        }
    }
}

/// <summary>
/// How a catalogue scores RFM: by quintiles of the population (the default) or with fixed thresholds. Of <c>n</c>
/// customers scored, frequency and monetary scores count from the bottom, <c>F = 1 + ⌊5 · (customers with strictly
/// less) / n⌋</c> (ties share the lower score: one order is the fewest there is, so one-time buyers score F = 1), and
/// recency counts from the top, <c>R = 5 − ⌊5 · (customers who bought strictly more recently) / n⌋</c> (ties share
/// the higher score: whoever bought most recently scores R = 5, however many bought that day, so they are never lost
/// or hibernating). With distinct figures both are the usual quintiles; equal figures always share a score and the
/// result does not depend on input order. A dimension with fewer distinct values than the five quintiles (a one-day
/// data set: everyone R = 5) leaves some scores unreachable; <see cref="RfmThresholds.Notes"/> says which.
/// </summary>
public sealed record RfmScoring
{
    private RfmScoring(RfmMethod method, RfmThresholds? thresholds, int? windowDays)
    {
        Method = method;
        Thresholds = thresholds;
        WindowDays = windowDays;
    }

    /// <summary>Quintiles over the whole history.</summary>
    public static RfmScoring Default { get; } = new(RfmMethod.Quintiles, null, null);

    /// <summary>The method.</summary>
    public RfmMethod Method { get; }

    /// <summary>For <see cref="RfmMethod.Fixed"/>: the thresholds.</summary>
    public RfmThresholds? Thresholds { get; }

    /// <summary>The window the figures are taken over, or null for the whole history.</summary>
    public int? WindowDays { get; }

    /// <summary>Quintile scoring over a window (null: whole history).</summary>
    public static RfmScoring Quintiles(int? windowDays = null)
    {
        RfmThresholds.CheckWindow(windowDays);
        return new(RfmMethod.Quintiles, null, windowDays);
    }

    /// <summary>Fixed thresholds.</summary>
    public static RfmScoring Fixed(RfmThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return new(RfmMethod.Fixed, thresholds, thresholds.WindowDays);
    }

    /// <summary>
    /// The thresholds for a population: the fixed ones, or the quintile boundaries of the customers' figures
    /// (customers without a completed order in the window are not scored).
    /// </summary>
    public RfmThresholds Fit(IEnumerable<CustomerRecord> records, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(context);
        if (Thresholds is { } fixedThresholds)
        {
            return fixedThresholds;
        }

        var figures = records.Select(r => RfmFigures.Of(r, context, WindowDays)).OfType<RfmFigures>().ToList();
        return FitQuintiles(figures, WindowDays);
    }

    /// <summary>Quintile thresholds of a set of figures.</summary>
    public static RfmThresholds FitQuintiles(IReadOnlyCollection<RfmFigures> figures, int? windowDays = null)
    {
        ArgumentNullException.ThrowIfNull(figures);

        // Recency: fewer days is better, so negate to reuse the "higher is better" rule.
        var notes = ImmutableArray.CreateBuilder<string>();
        var recency = Bounds(figures.Select(f => (decimal)-f.RecencyDays).ToArray(), "recency", fromTop: true, notes);
        var frequency = Bounds(figures.Select(f => (decimal)f.Frequency).ToArray(), "frequency", fromTop: false, notes);
        var monetary = Bounds(figures.Select(f => f.Monetary).ToArray(), "monetary", fromTop: false, notes);
        return new RfmThresholds(
            [.. recency.Select(b => b == RfmThresholds.UnreachableAmount ? RfmThresholds.Unreachable : (long)-b)],
            [.. frequency],
            [.. monetary],
            windowDays)
        {
            Notes = notes.ToImmutable(),
        };
    }

    /// <summary>
    /// For scores 2–5, the least value whose score reaches it (<see cref="RfmThresholds.UnreachableAmount"/> when no
    /// value does), higher values being better: counted from the bottom, <c>1 + ⌊5·(strictly lower)/n⌋</c>, or from the
    /// top, <c>5 − ⌊5·(strictly higher)/n⌋</c>; a note when the values have fewer distinct values than the five quintiles.
    /// </summary>
    private static decimal[] Bounds(decimal[] values, string dimension, bool fromTop, ImmutableArray<string>.Builder notes)
    {
        Array.Sort(values);
        var n = values.Length;
        var bounds = new decimal[4];
        Array.Fill(bounds, RfmThresholds.UnreachableAmount);
        var given = new SortedSet<int>();
        for (var first = 0; first < n;)
        {
            var end = first + 1;
            while (end < n && values[end] == values[first])
            {
                end++;
            }

            var score = fromTop ? 5 - (int)(5L * (n - end) / n) : 1 + (int)(5L * first / n);
            given.Add(score);
            for (var s = 2; s <= score; s++)
            {
                bounds[s - 2] = Math.Min(bounds[s - 2], values[first]);
            }

            first = end;
        }

        var distinct = given.Count == 0 ? 0 : values.Distinct().Count();
        if (n > 0 && distinct < 5)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{dimension} has {distinct} distinct value{(distinct == 1 ? "" : "s")} among {n} customers, fewer than the 5 quintiles: equal figures share {(fromTop ? "the higher" : "the lower")} score; scores given: {string.Join(", ", given)}."));
        }

        return bounds;
    }

    /// <inheritdoc/>
    public override string ToString() => Method == RfmMethod.Fixed ? $"fixed: {Thresholds}" : WindowDays is { } d ? $"quintiles over {d} days" : "quintiles";
}
