using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>What <see cref="DuplicateFinder.Resolve"/> decided: the groups to merge and the shared contacts kept apart.</summary>
/// <param name="Policy">The policy the decision followed.</param>
/// <param name="Groups">The groups to merge, sorted by survivor id (empty under <see cref="MergePolicy.None"/>).</param>
/// <param name="SharedContacts">
/// Pairs that share a phone or email but were not merged, by ids: <see cref="MatchStrength.SharedContact"/> matches
/// (under <see cref="MergePolicy.Strong"/> and <see cref="MergePolicy.None"/>), strong matches refused because their
/// group holds someone whose identity conflicts (reported as <see cref="MatchStrength.SharedContact"/> with that
/// conflict), and under <see cref="MergePolicy.None"/> the strong matches too.
/// </param>
public sealed record DuplicateResolution(MergePolicy Policy, ImmutableArray<DuplicateGroup> Groups, ImmutableArray<DuplicateMatch> SharedContacts)
{
    /// <summary>How many records are merged away (the duplicates of all groups).</summary>
    public int MergedCount => Groups.Sum(g => g.Duplicates.Length);

    /// <summary>The survivor <paramref name="id"/> was merged into; <paramref name="id"/> itself when it was not merged away.</summary>
    public CustomerId SurvivorOf(CustomerId id)
    {
        foreach (var group in Groups)
        {
            if (group.Duplicates.Contains(id))
            {
                return group.Survivor;
            }
        }

        return id;
    }
}
