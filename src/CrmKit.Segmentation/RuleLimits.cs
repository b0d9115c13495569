using System.Globalization;

namespace CrmKit.Segmentation;

/// <summary>
/// The ranges of what a rule accepts, checked when a rule is read from JSON (with the JSON path) and when it is built
/// in code, so every accepted rule evaluates the same in the interpreter, the compiled and the LINQ/SQL evaluators.
/// </summary>
/// <remarks>
/// Numbers compared with number fields may be any <see cref="decimal"/> (±7.9e28, at most 28 decimals): the
/// evaluators clamp derived whole-number fields (ages, day counts) themselves. A JSON number a decimal cannot hold
/// exactly (<c>1e-30</c>, <c>1e30</c>) is rejected, not rounded.
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
}
