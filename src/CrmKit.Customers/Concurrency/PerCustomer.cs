using System.Runtime.ExceptionServices;

namespace CrmKit.Customers;

/// <summary>
/// Runs per-customer work of a population on every core: the population is cut into consecutive ranges of indexes
/// that run in parallel, each in order. The work writes its results by index (or sums integers), so what it computes
/// does not depend on how the ranges were scheduled: the output is the same as a loop in order, on any number of cores.
/// </summary>
/// <remarks>
/// Segmentation, care agendas, CLV predictions and review figures all run their per-customer work through it; a host
/// that computes its own per-customer figures (features for rules, scores) gets the same guarantee from it. The work
/// must not share mutable state between indexes.
/// </remarks>
public static class PerCustomer
{
    /// <summary>The default least number of items per range: below twice this the work runs on the calling thread, where scheduling would cost more than it saves.</summary>
    public const int MinimumRange = 1_024;

    /// <summary>
    /// Calls <paramref name="body"/>(start, end) for consecutive ranges that together cover [0, <paramref name="count"/>),
    /// in parallel. When bodies throw, the exception of the range that starts first is rethrown as it was thrown (what
    /// a loop in order would have met first), not wrapped in an <see cref="AggregateException"/>. A range holds at
    /// least <paramref name="minimumRange"/> items (1 for items that are each a large piece of work).
    /// </summary>
    /// <param name="count">How many items (customers); 0 calls <paramref name="body"/> once with (0, 0).</param>
    /// <param name="body">The work of one range [start, end).</param>
    /// <param name="minimumRange">The least number of items per range, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="minimumRange"/> is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public static void For(int count, Action<int, int> body, int minimumRange = MinimumRange)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumRange, 1);
        var ranges = Math.Min(count / minimumRange, Environment.ProcessorCount * 4);
        if (ranges <= 1)
        {
            body(0, count);
            return;
        }

        var failures = new ExceptionDispatchInfo?[ranges];
        Parallel.For(0, ranges, r =>
        {
            var start = (int)((long)count * r / ranges);
            var end = (int)((long)count * (r + 1) / ranges);
            try
            {
                body(start, end);
            }
#pragma warning disable CA1031 // rethrown below, unchanged, in the order a sequential loop would have met it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures[r] = ExceptionDispatchInfo.Capture(ex);
            }
        });
        foreach (var failure in failures)
        {
            failure?.Throw();
        }
    }

    /// <summary>
    /// <paramref name="map"/>(i) for every i in [0, <paramref name="count"/>), in that order, computed in parallel
    /// ranges (see <see cref="For"/>).
    /// </summary>
    /// <param name="count">How many items (customers).</param>
    /// <param name="map">The result for one index.</param>
    /// <param name="minimumRange">The least number of items per range, at least 1.</param>
    /// <returns>The results, indexed like the items.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="minimumRange"/> is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public static TResult[] Map<TResult>(int count, Func<int, TResult> map, int minimumRange = MinimumRange)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(map);
        var results = new TResult[count];
        For(count, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                results[i] = map(i);
            }
        }, minimumRange);
        return results;
    }
}
