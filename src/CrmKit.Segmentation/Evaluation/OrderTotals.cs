using System.Diagnostics;
using System.Runtime.InteropServices;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// The aggregates of one customer's orders under one <see cref="OrderFilter"/>: count, sum, maximum, first and
/// last order. A <see cref="SegmentClassifier"/> fills one per distinct filter of its catalogue in a single pass
/// over the orders, so a catalogue with many order conditions reads each customer's orders once.
/// </summary>
internal sealed class OrderTotals
{
    /// <summary>Which aggregates beyond the count a filter's conditions read (the others are not kept up to date).</summary>
    [Flags]
    public enum Needs
    {
        Count = 0,
        Sum = 1,
        Max = 2,
        First = 4,
        Last = 8,
    }

    public int Count;
    public decimal Sum;
    public decimal Max;
    public long FirstTicks;
    public decimal FirstAmount;
    public long LastTicks;

    public decimal? Average => Count == 0 ? null : Sum / Count;

    public decimal? Maximum => Count == 0 ? null : Max;

    public decimal? First => Count == 0 ? null : FirstAmount;

    public long? DaysSinceFirst(long asOf) => Count == 0 ? null : CompiledFields.FloorDays(asOf - FirstTicks);

    public long? DaysSinceLast(long asOf) => Count == 0 ? null : CompiledFields.FloorDays(asOf - LastTicks);

    /// <summary>What a condition on an order field reads.</summary>
    public static Needs For(FieldReading reading) => reading switch
    {
        FieldReading.OrderCount => Needs.Count,
        FieldReading.OrderSum or FieldReading.OrderAverage => Needs.Sum,
        FieldReading.OrderMax => Needs.Max,
        FieldReading.DaysSinceFirstOrder or FieldReading.FirstOrderAmount => Needs.First,
        FieldReading.DaysSinceLastOrder => Needs.Last,
        _ => throw new UnreachableException($"{reading} does not read orders."),
    };

    private void Add(long ticks, decimal amount, Needs needs)
    {
        if (Count == 0)
        {
            (Max, FirstTicks, FirstAmount, LastTicks) = (amount, ticks, amount, ticks);
        }
        else
        {
            if ((needs & Needs.Max) != 0 && amount > Max)
            {
                Max = amount;
            }

            if ((needs & Needs.First) != 0 && (ticks < FirstTicks || (ticks == FirstTicks && amount < FirstAmount)))
            {
                (FirstTicks, FirstAmount) = (ticks, amount);
            }

            LastTicks = Math.Max(LastTicks, ticks);
        }

        if ((needs & Needs.Sum) != 0)
        {
            Sum += amount;
        }

        Count++;
    }

    /// <summary>
    /// Fills <paramref name="totals"/>[i] with the aggregates under <paramref name="filters"/>[i] (those
    /// <paramref name="needs"/>[i] asks for, and the count), reading each order once.
    /// </summary>
    public static void Fill(List<OrderRecord> orders, EvaluationContext context, OrderFilter[] filters, Needs[] needs, OrderTotals[] totals)
    {
        var asOf = context.AsOfTicks;
        Span<long> starts = filters.Length <= 64 ? stackalloc long[filters.Length] : new long[filters.Length];
        for (var i = 0; i < filters.Length; i++)
        {
            (totals[i].Count, totals[i].Sum) = (0, 0m);
            starts[i] = filters[i].Days is { } d ? asOf - (d * NodaConstants.TicksPerDay) : long.MinValue;
        }

        foreach (var o in CollectionsMarshal.AsSpan(orders))
        {
            var t = o.PlacedAt.ToUnixTimeTicks();
            if (t > asOf)
            {
                continue;
            }

            for (var i = 0; i < filters.Length; i++)
            {
                var f = filters[i];
                if (t > starts[i]
                    && (f.Status is not { } s || o.Status == s)
                    && (f.Channel is not { } c || o.Channel == c)
                    && (f.ProductTagKey is not { } tag || CompiledFields.HasTag(o.ProductTags, tag)))
                {
                    totals[i].Add(t, o.Amount, needs[i]);
                }
            }
        }
    }
}
