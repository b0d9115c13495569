using System.Text.RegularExpressions;
using CrmKit.Customers;

namespace CrmKit.Segmentation;

/// <summary>
/// A named group of customers defined by a rule. Segments that share an <see cref="ExclusiveGroup"/> never
/// overlap: a customer matching several belongs only to the one with the highest <see cref="Priority"/>.
/// </summary>
public sealed partial record Segment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="id">A stable id: lower-case letters, digits and dashes (<c>vip</c>, <c>about-to-sleep</c>).</param>
    /// <param name="name">The name shown to staff, in one or several languages (a <see cref="string"/> converts to the same name in every language).</param>
    /// <param name="rule">Who belongs.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="rule"/> is null.</exception>
    public Segment(string id, LocalizedText name, Rule rule)
    {
        Id = CheckId(id);
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
    }

    /// <summary>The stable id.</summary>
    public string Id { get; }

    /// <summary>The name shown to staff, by language (<see cref="LocalizedText.Get"/> picks one; ids, not names, are what rules and data refer to).</summary>
    public LocalizedText Name { get; init; }

    /// <summary>Who belongs.</summary>
    public Rule Rule { get; init; }

    /// <summary>Higher wins within an exclusivity group; also orders segments for care plans. Default 0.</summary>
    public int Priority { get; init; }

    /// <summary>The exclusivity group (<c>value-tier</c>, <c>rfm</c>), or null.</summary>
    public string? ExclusiveGroup { get; init; }

    /// <summary>What the segment is for, by language, or null.</summary>
    public LocalizedText? Description { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Name.Get(System.Globalization.CultureInfo.InvariantCulture)})";

    internal static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    private static string CheckId(string id)
        => IsValidId(id) ? id : throw new ArgumentException($"Segment id '{id}' is not valid: use lower-case letters, digits and dashes, starting with a letter.", nameof(id));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
