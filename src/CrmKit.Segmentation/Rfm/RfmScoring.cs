using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

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
        var notes = ImmutableArray.CreateBuilder<RfmNote>();
        var recency = Bounds(figures.Select(f => (decimal)-f.RecencyDays).ToArray(), RfmDimension.Recency, fromTop: true, notes);
        var frequency = Bounds(figures.Select(f => (decimal)f.Frequency).ToArray(), RfmDimension.Frequency, fromTop: false, notes);
        var monetary = Bounds(figures.Select(f => f.Monetary).ToArray(), RfmDimension.Monetary, fromTop: false, notes);
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
    private static decimal[] Bounds(decimal[] values, RfmDimension dimension, bool fromTop, ImmutableArray<RfmNote>.Builder notes)
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
            notes.Add(new RfmNote(dimension, distinct, n, SharesHigherScore: fromTop, [.. given]));
        }

        return bounds;
    }

    /// <inheritdoc/>
    public override string ToString() => Method == RfmMethod.Fixed ? $"fixed: {Thresholds}" : WindowDays is { } d ? $"quintiles over {d} days" : "quintiles";
}
