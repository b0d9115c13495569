using System.Globalization;
using System.Linq.Expressions;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// The size limits of rules and segment catalogues. <see cref="RuleJson"/> and <see cref="SegmentCatalog"/> check
/// them when a rule or catalogue is read or built and report the JSON path of the first element beyond a limit; the
/// evaluators rely on them to stay within bounded time and memory. The values are documented in
/// <c>docs/segmentation.md</c> (section "Limits").
/// </summary>
/// <remarks>
/// Numbers compared with number fields may be any <see cref="decimal"/> (±7.9e28, at most 28 decimals): the
/// evaluators clamp derived whole-number fields (ages, day counts) themselves. A JSON number a decimal cannot hold
/// exactly (<c>1e-30</c>, <c>1e30</c>) is rejected, not rounded. The limits on size are far beyond hand-written catalogues (the
/// built-in catalogue has 40 segments) and low enough that a crafted input cannot make classification,
/// <c>--explain</c> or SQL translation slow or exhaust memory.
/// </remarks>
public static class RuleLimits
{
    /// <summary>The longest order window (<c>"days"</c> of an order field, an RFM <c>windowDays</c>): 36,525 days, a century.</summary>
    /// <remarks>A window is counted back from the evaluation instant in 24-hour days; NodaTime instants reach back to
    /// the year −9998, so any window up to this bound stays inside the instant range from any real evaluation date.</remarks>
    public const int MaxWindowDays = 36_525;

    /// <summary>The shortest order window: 1 day.</summary>
    public const int MinWindowDays = 1;

    /// <summary>The earliest year of an evaluation date (<see cref="EvaluationContext.Today"/>): 1.</summary>
    public const int MinEvaluationYear = 1;

    /// <summary>The latest year of an evaluation date: 9998, so that next year's anniversaries stay inside NodaTime's calendar (to 9999).</summary>
    public const int MaxEvaluationYear = 9998;

    /// <summary>
    /// The deepest a rule may be nested (<see cref="Rule.Depth"/>): 64 levels of <c>all</c>, <c>any</c> and <c>not</c>,
    /// whether the rule is read from JSON or built in code. Every evaluator recurses over the tree, so a deeper one
    /// (100,000 levels built in a loop) would overflow the stack — a crash no <c>catch</c> can stop.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>JSON nesting that holds a rule of <see cref="MaxDepth"/> levels: <c>{"all":[…]}</c> takes two per level.</summary>
    internal const int MaxJsonDepth = (2 * MaxDepth) + 1;

    /// <summary>The message for a rule nested too deep.</summary>
    internal static string DepthProblem(int depth) => $"the rule is nested {depth} levels deep; at most {MaxDepth} are allowed (RuleLimits.MaxDepth).";

    /// <summary>What is wrong with a window, or null: <c>expected a whole number of days in 1..36525, found 0.</c></summary>
    internal static string? CheckWindow(int? days) => days is null or (>= MinWindowDays and <= MaxWindowDays)
        ? null
        : WindowProblem(days.Value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The message for a window out of range.</summary>
    internal static string WindowProblem(string found) => $"expected a whole number of days in {MinWindowDays}..{MaxWindowDays}, found {found}.";

    /// <summary>At most 1,000 operands in one <c>all</c> or <c>any</c> group, and at most 1,000 values in one condition's <c>values</c>.</summary>
    public const int MaxOperands = 1_000;

    /// <summary>At most 10,000 conditions and segment references in one rule, counted over the whole tree.</summary>
    public const int MaxConditions = 10_000;

    /// <summary>At most 1,000 segments in one catalogue.</summary>
    public const int MaxSegments = 1_000;

    /// <summary>
    /// At most 32 segments in a chain of references (a segment referring to a segment referring to … counts each
    /// link once; a segment that refers to none has depth 0). Bounds the size of a membership rule
    /// (<see cref="SegmentCatalog.MembershipRule(string)"/>) expanded for LINQ and SQL.
    /// </summary>
    public const int MaxReferenceDepth = 32;

    /// <summary>
    /// At most 100,000 conditions in a segment's membership rule with its references written out
    /// (<see cref="SegmentCatalog.MembershipRule(string)"/>, for LINQ and SQL): a segment that refers to another
    /// twice, which refers to another twice, … doubles at each level. The classifier, the interpreter and
    /// <c>--explain</c> evaluate each segment once and are not limited by this.
    /// </summary>
    public const int MaxExpandedConditions = 100_000;

    /// <summary>
    /// Checks a rule built in code against <see cref="MaxOperands"/> and <see cref="MaxConditions"/>, adding the
    /// first problem of each kind with its JSON path. Iterative, so a rule of any width or depth is walked safely.
    /// </summary>
    /// <returns>Whether the rule is within the limits.</returns>
    internal static bool Check(Rule rule, string path, ICollection<Problem> errors)
    {
        var conditions = 0;
        var wide = false;
        var stack = new Stack<(Rule Rule, string Path)>();
        stack.Push((rule, path));
        while (stack.Count > 0)
        {
            var (r, at) = stack.Pop();
            switch (r)
            {
                case AllRule or AnyRule:
                {
                    var (head, operands) = r is AllRule a ? ("all", a.Rules) : ("any", ((AnyRule)r).Rules);
                    if (operands.Length > MaxOperands && !wide)
                    {
                        errors.Add(new($"{at}.{head}", TooManyOperands(operands.Length)));
                        wide = true;
                    }

                    for (var i = operands.Length - 1; i >= 0; i--)
                    {
                        stack.Push((operands[i], $"{at}.{head}[{i}]"));
                    }

                    break;
                }

                case NotRule n:
                    stack.Push((n.Rule, at + ".not"));
                    break;
                case Condition c:
                    if (c.Values.Length > MaxOperands && !wide)
                    {
                        errors.Add(new($"{at}.values", TooManyValues(c.Values.Length)));
                        wide = true;
                    }

                    if (++conditions == MaxConditions + 1)
                    {
                        errors.Add(new(at, TooManyConditions));
                    }

                    break;
                case SegmentRule:
                    if (++conditions == MaxConditions + 1)
                    {
                        errors.Add(new(at, TooManyConditions));
                    }

                    break;
            }
        }

        return !wide && conditions <= MaxConditions;
    }

    internal static string TooManyOperands(int count)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} operands; a group holds at most {MaxOperands:N0} (RuleLimits.MaxOperands).");

    internal static string TooManyValues(int count)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} values; a condition holds at most {MaxOperands:N0} (RuleLimits.MaxOperands).");

    internal static string TooManyConditions { get; } = string.Create(
        CultureInfo.InvariantCulture, $"the rule has more than {MaxConditions:N0} conditions and segment references; this one is the first beyond the limit (RuleLimits.MaxConditions).");

    /// <summary>
    /// Combines operands into a balanced tree of binary nodes (depth ⌈log₂ n⌉) instead of a left-leaning chain
    /// (depth n), so that compiling or translating a group of many operands recurses only logarithmically deep.
    /// Operands keep their left-to-right order, so short-circuit evaluation is unchanged (and/or are associative).
    /// </summary>
    internal static Expression Balanced(IReadOnlyList<Expression> operands, Func<Expression, Expression, Expression> combine)
    {
        if (operands.Count == 0)
        {
            throw new ArgumentException("At least one operand is needed.", nameof(operands));
        }

        var level = operands.ToList();
        while (level.Count > 1)
        {
            var next = new List<Expression>((level.Count + 1) / 2);
            for (var i = 0; i + 1 < level.Count; i += 2)
            {
                next.Add(combine(level[i], level[i + 1]));
            }

            if (level.Count % 2 == 1)
            {
                next.Add(level[^1]);
            }

            level = next;
        }

        return level[0];
    }
}
