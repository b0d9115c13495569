using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// A transition: from a state, on a trigger or a timer (exactly one), optionally guarded, to a target state or —
/// without a target — an internal transition whose effects run without leaving the state.
/// </summary>
/// <param name="From">The source state (transitions from a parent apply to all its descendants).</param>
/// <param name="To">The target, or none for an internal transition.</param>
public sealed record TransitionDefinition(string From, string? To = null)
{
    /// <summary>The trigger, for a triggered transition.</summary>
    public string? Trigger { get; init; }

    /// <summary>The timer, for a timed transition.</summary>
    public Timer? Timer { get; init; }

    /// <summary>The guard, if any.</summary>
    public Guard? Guard { get; init; }

    /// <summary>Effects of the transition itself (between the exit and entry effects of the states).</summary>
    public ImmutableArray<Effect> Effects { get; init; } = [];

    /// <summary>"reply [guard] / effects" or "after 3 days".</summary>
    public string Label()
    {
        var label = Trigger ?? Timer?.Describe() ?? "";
        if (Guard is { } g)
        {
            label += $" [{g.Description}]";
        }

        return label;
    }

    /// <summary>
    /// <see cref="Label()"/> as a person reads it in <paramref name="culture"/> (default
    /// <see cref="CultureInfo.CurrentUICulture"/>): the timer and the guard in the culture's words (<c>sau 90 ngày</c>,
    /// <c>order-placed [từ đơn thứ hai trở đi]</c>); the trigger stays its id. In English exactly <see cref="Label()"/>.
    /// </summary>
    /// <param name="culture">The language to write in; <see langword="null"/> for the current UI culture.</param>
    public string LabelFor(CultureInfo? culture)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var label = Trigger ?? Timer?.DescribeFor(culture) ?? "";
        if (Guard is { } g)
        {
            label += $" [{g.Describe(culture)}]";
        }

        return label;
    }
}
