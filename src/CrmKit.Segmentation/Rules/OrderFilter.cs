using System.Collections.Frozen;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// Which orders an order field reads: those placed in the last <see cref="Days"/> days (all up to the
/// evaluation instant when null), with the given status (any status when null), channel and product tag.
/// </summary>
/// <param name="Days">The window length in days (<see cref="RuleLimits.MinWindowDays"/>..<see cref="RuleLimits.MaxWindowDays"/>), or null for the whole history.</param>
/// <exception cref="InvalidRuleException"><paramref name="Days"/> is outside its range.</exception>
/// <param name="Status">The order status, or null for any status. Default: completed.</param>
/// <param name="Channel">The sales channel, or null for any.</param>
/// <param name="ProductTag">A product tag one of the lines must carry (matched ignoring case and diacritics), or null.</param>
public sealed record OrderFilter(int? Days = null, OrderStatus? Status = OrderStatus.Completed, SalesChannel? Channel = null, string? ProductTag = null)
{
    /// <summary>Completed orders over the whole history.</summary>
    public static OrderFilter Completed { get; } = new();

    /// <summary>The window length in days, or null for the whole history.</summary>
    public int? Days
    {
        get;
        init => field = RuleLimits.CheckWindow(value) is { } problem ? throw new InvalidRuleException([new Problem("$.days", problem)]) : value;
    } = RuleLimits.CheckWindow(Days) is { } problem ? throw new InvalidRuleException([new Problem("$.days", problem)]) : Days;

    /// <summary>The product tag folded for matching.</summary>
    public string? ProductTagKey { get; } = ProductTag is null ? null
        : TextFold.ForMatching(ProductTag) is { Length: > 0 } key ? key
        : throw new InvalidRuleException([new Problem("$.productTag", $"{Condition.FoldsToNothing(ProductTag)}; a tag needs a letter or a digit.")]);

    internal string Describe()
    {
        var parts = new List<string>();
        parts.Add(Status is { } s ? s.ToString().ToLowerInvariant() : "any status");
        if (Channel is { } c)
        {
            parts.Add($"channel {c}");
        }

        if (ProductTag is { } t)
        {
            parts.Add($"tag '{t}'");
        }

        return (Days is { } d ? $" in last {d} days" : "") + $" ({string.Join(", ", parts)})";
    }
}
