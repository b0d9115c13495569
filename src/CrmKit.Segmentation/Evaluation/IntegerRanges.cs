using System.Diagnostics;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// The whole numbers a numeric comparison accepts, as sorted disjoint closed ranges. Used to translate
/// conditions on derived whole-number fields (age, days since, days until) into comparisons of the stored
/// columns they derive from.
/// </summary>
internal static class IntegerRanges
{
    public const long Unbounded = long.MaxValue;
    public const long NegativeUnbounded = long.MinValue;

    public static List<(long Low, long High)> Of(Condition c)
    {
        var v = c.Values;
        var ranges = c.Operator switch
        {
            ComparisonOperator.Equal => IsWhole(v[0]) ? [(Floor(v[0]), Floor(v[0]))] : [],
            ComparisonOperator.NotEqual => IsWhole(v[0])
                ? [(NegativeUnbounded, Floor(v[0]) - 1), (Floor(v[0]) + 1, Unbounded)]
                : [(NegativeUnbounded, Unbounded)],
            ComparisonOperator.LessThan => [(NegativeUnbounded, Ceiling(v[0]) - 1)],
            ComparisonOperator.LessThanOrEqual => [(NegativeUnbounded, Floor(v[0]))],
            ComparisonOperator.GreaterThan => [(Floor(v[0]) + 1, Unbounded)],
            ComparisonOperator.GreaterThanOrEqual => [(Ceiling(v[0]), Unbounded)],
            ComparisonOperator.Between => [(Ceiling(v[0]), Floor(v[1]))],
            ComparisonOperator.In => v.Where(IsWhole).Select(x => (Floor(x), Floor(x))).ToList(),
            ComparisonOperator.IsSet or ComparisonOperator.IsNotSet => [(NegativeUnbounded, Unbounded)],
            _ => throw new UnreachableException($"Operator {c.Operator} does not compare whole numbers."),
        };
        return Normalize(ranges);
    }

    public static bool Contains(List<(long Low, long High)> ranges, long value) => ranges.Any(r => r.Low <= value && value <= r.High);

    private static List<(long Low, long High)> Normalize(List<(long Low, long High)> ranges)
    {
        var sorted = ranges.Where(r => r.Low <= r.High).OrderBy(r => r.Low).ToList();
        var result = new List<(long Low, long High)>();
        foreach (var r in sorted)
        {
            if (result.Count > 0 && (result[^1].High == Unbounded || r.Low <= result[^1].High + 1))
            {
                result[^1] = (result[^1].Low, Math.Max(result[^1].High, r.High));
            }
            else
            {
                result.Add(r);
            }
        }

        return result;
    }

    // Bounds far outside any real count or day span are clamped; the ±1 arithmetic above then cannot overflow.
    private const decimal Limit = 1e15m;

    private static bool IsWhole(AttributeValue v) => decimal.Truncate(v.AsNumber()) == v.AsNumber();

    private static long Floor(AttributeValue v) => (long)Math.Clamp(decimal.Floor(v.AsNumber()), -Limit, Limit);

    private static long Ceiling(AttributeValue v) => (long)Math.Clamp(decimal.Ceiling(v.AsNumber()), -Limit, Limit);
}
