using System.Collections.Immutable;

namespace CrmKit.Customers.Identity;

/// <summary>Two customers that look like one.</summary>
/// <param name="First">The customer whose id sorts first.</param>
/// <param name="Second">The other customer.</param>
/// <param name="Evidence">What they have in common.</param>
/// <param name="Strength">How sure the match is.</param>
public sealed record DuplicateMatch(CustomerId First, CustomerId Second, MatchEvidence Evidence, MatchStrength Strength)
{
    /// <summary>What says the two are different people; <see cref="IdentityConflict.None"/> for a <see cref="MatchStrength.Strong"/> match.</summary>
    public IdentityConflict Conflicts { get; init; }
}
