using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Options for <see cref="DuplicateFinder"/>.</summary>
public sealed record DuplicateFinderOptions
{
    /// <summary>The defaults.</summary>
    public static DuplicateFinderOptions Default { get; } = new();

    /// <summary>
    /// A phone or email shared by more customers than this is treated as a placeholder (the shop's own
    /// hotline typed in for walk-in customers) and not used as evidence. Default 20.
    /// </summary>
    public int MaxSharedContact
    {
        get;
        init => field = value >= 2 ? value : throw new InvalidValueException(nameof(MaxSharedContact), $"{value} is less than 2.");
    } = 20;

    /// <summary>Whether <see cref="DuplicateFinder.FindMatches"/> also lists <see cref="MatchStrength.Possible"/> matches. Default true.</summary>
    public bool IncludePossible { get; init; } = true;

    /// <summary>Which matches <see cref="DuplicateFinder.FindGroups"/> merges. Default <see cref="MergePolicy.Strong"/>.</summary>
    public MergePolicy Merge { get; init => field = Guard.Defined(value, nameof(Merge)); } = MergePolicy.Strong;
}
