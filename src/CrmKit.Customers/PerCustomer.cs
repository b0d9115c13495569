using System.Runtime.ExceptionServices;

namespace CrmKit.Customers;

/// <summary>
/// Runs per-customer work of a population on every core: the population is cut into consecutive ranges of indexes
/// that run in parallel, each in order. The work writes its results by index (or sums integers), so what it computes
/// does not depend on how the ranges were scheduled: the output is the same as a loop in order, on any number of cores.
/// </summary>
internal static class PerCustomer
{
    /// <summary>The default least number of items per range: below twice this the work runs on the calling thread, where scheduling would cost more than it saves.</summary>
    internal const int MinimumRange = 1_024;

    /// <summary>
    /// Calls <paramref name="body"/>(start, end) for consecutive ranges that together cover [0, <paramref name="count"/>),
    /// in parallel. When bodies throw, the exception of the range that starts first is rethrown as it was thrown (what
    /// a loop in order would have met first), not wrapped in an <see cref="AggregateException"/>. A range holds at
    /// least <paramref name="minimumRange"/> items (1 for items that are each a large piece of work).
    /// </summary>
    public static void For(int count, Action<int, int> body, int minimumRange = MinimumRange)
    {
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
    public static TResult[] Map<TResult>(int count, Func<int, TResult> map, int minimumRange = MinimumRange)
    {
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
